"""Run the pipeline over the dev set and score it (a developer's loop).

    python scripts/dev_eval.py OUT.jsonl [--show] [--type claim]

Writes predictions to OUT.jsonl, then runs ../shared/eval/score.py on them;
--type keeps only the misses of one type in the --show listing.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--type")
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    import zhextract

    nlp = zhextract.load()
    with open(a.out, "w", encoding="utf-8") as out:
        for line in open(SHARED / "dev" / "input.jsonl", encoding="utf-8"):
            d = json.loads(line)
            for r in zhextract.extract(d["text"], d.get("date"), d["id"], nlp):
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
    gold = Path(a.out).with_suffix(".gold.jsonl")
    gold.write_text("".join(p.read_text(encoding="utf-8") for p in sorted((SHARED / "dev").glob("*.gold.jsonl"))),
                    encoding="utf-8")
    cmd = [sys.executable, str(SHARED / "score.py"), str(gold), a.out] + (["--show"] if a.show else [])
    res = subprocess.run(cmd, capture_output=True, text=True)
    for row in res.stdout.splitlines():
        parts = row.split()
        if a.type and len(parts) > 1 and parts[0] in ("MISSED", "SPURIOUS", "WRONG") and parts[1] != a.type:
            continue
        print(row)
    subprocess.run([sys.executable, str(SHARED / "validate.py"), a.out, "--texts", str(SHARED / "dev")])


if __name__ == "__main__":
    main()
