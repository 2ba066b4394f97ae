"""The company and organization data files are sorted, free of duplicates, and load."""
from __future__ import annotations

import pytest

from zhextract.ruleset import rules_path

PLAIN = [
    "companies-ambiguous-extra.txt",
    "companies-ambiguous.txt", "company-generic.txt", "company-industry-words.txt",
    "company-place-brand-words.txt", "company-sector-abbreviations.txt", "organization-and-words.txt",
    "company-list-heads.txt", "company-list-roles.txt", "company-suffixes.txt",
    "name-left-stops.txt", "organization-false-heads.txt", "organization-generic.txt",
    "organization-prefixes.txt", "place-prefixes.txt", "universities.txt",
]
TSV = ["companies-listed.tsv", "companies-wellknown.tsv", "organization-heads.tsv",
       "organizations-lexicon.tsv"]


def _entries(name):
    lines = rules_path(name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.lstrip().startswith("#")]


@pytest.mark.parametrize("name", PLAIN)
def test_word_list_sorted_and_unique(name):
    words = _entries(name)
    assert words, f"{name} is empty"
    assert all(w == w.strip() and "\t" not in w for w in words), f"{name}: stray whitespace"
    dupes = sorted({w for w in words if words.count(w) > 1}) if len(words) < 5000 else \
        sorted(w for w, n in __import__("collections").Counter(words).items() if n > 1)
    assert not dupes, f"{name}: duplicates {dupes[:10]}"
    assert words == sorted(words), f"{name}: not sorted (first out of order: " \
        f"{next(b for a, b in zip(words, words[1:]) if b < a)})"


@pytest.mark.parametrize("name", TSV)
def test_tsv_sorted_and_unique(name):
    rows = _entries(name)
    header, body = rows[0].split("\t"), rows[1:]
    assert len(header) == 2
    keys = [row.split("\t")[0] for row in body]
    assert all(len(row.split("\t")) == 2 and all(row.split("\t")) for row in body), f"{name}: bad row"
    assert len(keys) == len(set(keys)), f"{name}: duplicate surfaces"
    assert keys == sorted(keys), f"{name}: not sorted"


def test_heads_have_known_classes():
    classes = {row.split("\t")[1] for row in _entries("organization-heads.tsv")[1:]}
    assert classes <= {"strong", "weak", "media"}


def test_listed_lexicon_has_no_trading_markers():
    surfaces = [row.split("\t")[0] for row in _entries("companies-listed.tsv")[1:]]
    assert not [s for s in surfaces if s.startswith(("ST", "*ST")) or s.endswith(("-U", "-W"))]


def test_wellknown_and_listed_agree_where_they_overlap():
    listed = dict(row.split("\t") for row in _entries("companies-listed.tsv")[1:])
    known = dict(row.split("\t") for row in _entries("companies-wellknown.tsv")[1:])
    clash = {s: (listed[s], n) for s, n in known.items() if s in listed and listed[s] != n}
    assert not clash, clash
