"""Rebuild zhextract/rules/places_divisions.tsv from ../shared/data.

    python scripts/build_places.py [DATA_DIR]

Reads divisions.tsv (NBS 2023 codes, WTFPL) and divisions-aliases.tsv (short
forms, derived from JioNLP by dongrixinyu, Apache License 2.0) and writes one
row per surface form: the full names, JioNLP's short forms and, for autonomous
prefectures, the common "<short>州" form (延边州, 恩施州). Hand-written data
(regions, countries, zones, stop words) lives in other files and is not touched.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "zhextract" / "rules" / "places_divisions.tsv"
HEADER = """\
# China's administrative divisions down to county level, one row per surface form.
# Rebuilt by scripts/build_places.py from ../shared/data; do not edit by hand.
# form=full: names from divisions.tsv (modood/Administrative-divisions-of-China,
#   NBS 2023 codes, WTFPL).
# form=alias, form=short_zhou: short forms derived from JioNLP by dongrixinyu,
#   Apache License 2.0 (see LICENSE-Apache-2.0.txt and places.SOURCE.md).
"""


def read_tsv(path: Path) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:] if line]


def province_of(code: str, parent: dict[str, str]) -> str:
    while parent.get(code):
        code = parent[code]
    return code


def build(data: Path) -> list[tuple[str, ...]]:
    divisions = read_tsv(data / "divisions.tsv")
    aliases = read_tsv(data / "divisions-aliases.tsv")
    parent = {d["code"]: d["parent_code"] for d in divisions}
    by_code = {d["code"]: d for d in divisions}
    rows: set[tuple[str, ...]] = set()

    def add(surface: str, d: dict[str, str], form: str) -> None:
        rows.add((surface, d["code"], d["name"], d["level"], d["parent_code"],
                  province_of(d["code"], parent), d["kind"], form))

    for d in divisions:
        add(d["name"], d, "full")
    for a in aliases:
        d = by_code.get(a["code"])
        if d is None or len(a["alias"]) < 2:
            continue
        add(a["alias"], d, "alias")
        if d["name"].endswith("自治州") and not a["alias"].endswith("州"):
            add(a["alias"] + "州", d, "short_zhou")
    return sorted(rows, key=lambda r: (r[1], r[0]))


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
    rows = build(data)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(HEADER)
        f.write("surface\tcode\tname\tlevel\tparent\tprovince\tkind\tform\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"{OUT}: {len(rows)} rows")


if __name__ == "__main__":
    main()
