"""Rebuild zhextract/rules/people_not_names.txt from jieba's dictionary.

    python scripts/build_people_stop.py [MIN_FREQ]

Common words that begin with a surname (方面, 高度, 公告, 文件) look like a surname
plus a given name; a person is never taken when the name would be one of them.
Source: jieba's dict.txt (MIT licence), words of two or three characters starting
with a surname of rules/people_surnames.txt, frequency >= MIN_FREQ (300), not
tagged as person names (nr*).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import jieba

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "zhextract" / "rules"


def main() -> None:
    min_freq = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    surnames = {l.strip() for l in (RULES / "people_surnames.txt").read_text(encoding="utf-8").splitlines()
                if l.strip() and not l.startswith("#")}
    words = set()
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
        for line in f:
            word, freq, tag = line.split()
            if tag.startswith("nr") or int(freq) < min_freq or not 2 <= len(word) <= 3:
                continue
            if word[0] in surnames or word[:2] in surnames:
                words.add(word)
    out = RULES / "people_not_names.txt"
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Common words that begin with a surname: never a person's name here.\n"
                "# Rebuilt by scripts/build_people_stop.py from jieba's dict.txt (MIT licence),\n"
                f"# words of 2-3 characters, frequency >= {min_freq}, not tagged nr.\n")
        for w in sorted(words):
            f.write(w + "\n")
    print(f"{out}: {len(words)} words")


if __name__ == "__main__":
    main()
