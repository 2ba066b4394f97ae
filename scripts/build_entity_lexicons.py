"""Rebuild the shipped company/university/place-prefix lexicons from ../shared/data.

    .venv/bin/python scripts/build_entity_lexicons.py [--data ../shared/data]

Writes (sorted, one entry a line, with a header or comment naming the source):
  zhextract/rules/companies-listed.tsv     surface<TAB>name: listed short names (trading
                                           markers stripped), full names (both bracket
                                           forms), former names -> the registered full name
  zhextract/rules/companies-ambiguous.txt  listed short names that are also common words
                                           or places (plus companies-ambiguous-extra.txt,
                                           hand-written): matched only in a company context
  zhextract/rules/universities.txt         university and college names
  zhextract/rules/place-prefixes.txt       division names and their short forms
                                           (沈阳市, 沈阳), for place prefixes of names
The common-word test uses jieba's own dictionary (dict.txt shipped with the jieba
package): a short name that jieba knows as a word with frequency >= 20 is ambiguous
(机器人, 阳光, 太平洋), unless it ends in a business word
(中国银行, 中兴通讯: EXEMPT_ENDINGS); so are names of places and names of two characters.
"""
from __future__ import annotations

import argparse
import csv
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "zhextract" / "rules"

MARKER_PREFIX = re.compile(r"^(?:\*ST|ST|XD|XR|DR|N|C)(?=[\u4e00-\u9fff])")
MARKER_SUFFIX = re.compile(r"-(?:U|W|UW|WD)$")
DIVISION_SUFFIX = re.compile(
    r"(?:特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|地区|盟|省|市|县|区|旗)$")
AMBIGUOUS_FREQ = 20
# a common-word short name that ends in one of these is still a company (中国银行, 中兴通讯)
EXEMPT_ENDINGS = ("银行", "证券", "保险", "股份", "集团", "控股", "通讯", "通信", "电信", "移动", "联通",
                  "科技", "药业", "医药", "制药", "汽车", "电器", "电气", "航空", "高速", "铁路", "机场",
                  "啤酒", "传媒", "实业", "高科", "高新", "电子", "电力", "化工")


def bare(short: str) -> str:
    """*ST国华 -> 国华, 奇安信-U -> 奇安信."""
    return MARKER_SUFFIX.sub("", MARKER_PREFIX.sub("", short.replace(" ", "")))


def read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def jieba_freq() -> dict[str, int]:
    import jieba

    freq = {}
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.split(" ")
            if len(parts) >= 2:
                freq[parts[0]] = int(parts[1])
    return freq


def read_words(name: str) -> list[str]:
    out = []
    for line in (RULES / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def place_names(data: Path) -> set[str]:
    names = set()
    for row in read_tsv(data / "divisions.tsv"):
        name = row["name"]
        names.add(name)
        short = DIVISION_SUFFIX.sub("", name)
        # 朝阳区 -> 朝阳; keep short forms of two or more characters only (not 和县 -> 和)
        if len(short) >= 2 and short != name:
            names.add(short)
    return names


def write(path: Path, header: str, lines: list[str]) -> None:
    path.write_text(header + "".join(line + "\n" for line in lines), encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {len(lines)} entries")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    data = Path(ap.parse_args().data)

    listed = read_tsv(data / "companies-listed.tsv")
    places = place_names(data)
    freq = jieba_freq()

    surface_to_name: dict[str, str] = {}
    clash: set[str] = set()

    def add(surface: str, name: str) -> None:
        if len(surface) < 2:
            return
        old = surface_to_name.get(surface)
        if old is not None and old != name:
            clash.add(surface)
        surface_to_name[surface] = name

    current_short = set()
    ambiguous = set()
    for row in listed:
        full = row["full_name"]
        short = bare(row["short_name"])
        current_short.add(short)
        add(short, full)
        add(full, full)
        add(full.replace("（", "(").replace("）", ")"), full)
        if short.endswith("A") or short.endswith("B"):  # 万科A -> 万科 (share class letter)
            if re.search(r"[\u4e00-\u9fff][AB]$", short):
                add(short[:-1], full)
        if (len(short) <= 2 or short in places
                or (freq.get(short, 0) >= AMBIGUOUS_FREQ and not short.endswith(EXEMPT_ENDINGS))):
            ambiguous.add(short)
    full_of_code = {row["code"]: row["full_name"] for row in listed}
    for row in read_tsv(data / "companies-former-names.tsv"):
        former = bare(row["former_name"])
        full = full_of_code.get(row["code"])
        if not full or former in current_short:
            continue
        if row["name_type"] == "full":
            add(former, former)  # an old article's registered name is its own full name
            add(former.replace("（", "(").replace("）", ")"), former)
        else:
            add(former, full)
            if (len(former) <= 2 or former in places
                    or (freq.get(former, 0) >= AMBIGUOUS_FREQ and not former.endswith(EXEMPT_ENDINGS))):
                ambiguous.add(former)
    ambiguous |= set(read_words("companies-ambiguous-extra.txt"))
    rows = sorted(f"{s}\t{n}" for s, n in surface_to_name.items() if s not in clash)
    write(RULES / "companies-listed.tsv",
          "# generated by scripts/build_entity_lexicons.py from ../shared/data; see companies.SOURCE.md\n"
          "surface\tname\n", rows)
    write(RULES / "companies-ambiguous.txt",
          "# generated by scripts/build_entity_lexicons.py: listed short names that are common words\n"
          "# (jieba dictionary frequency >= 20), places, or two characters long; see companies.SOURCE.md\n",
          sorted(a for a in ambiguous if a in surface_to_name and a not in clash))
    unis = sorted({row["name"] for row in read_tsv(data / "universities.tsv") if len(row["name"]) >= 4})
    write(RULES / "universities.txt",
          "# generated by scripts/build_entity_lexicons.py from ../shared/data/universities.tsv\n", unis)
    write(RULES / "place-prefixes.txt",
          "# generated by scripts/build_entity_lexicons.py from ../shared/data/divisions.tsv\n",
          sorted(places))


if __name__ == "__main__":
    main()
