"""Company blind round 3: tests/corpus/companies_blind_r3.yaml through the whole pipeline.
Each case lists every company mention in its text."""
from __future__ import annotations

import pytest

import zhextract
from helpers import load_corpus

CORPUS = load_corpus("companies_blind_r3.yaml")
TYPES = {"company"}


def _expected(kind, items):
    out = []
    for i in items:
        if isinstance(i, str):
            text = i
            name = i.replace("“", "").replace("”", "") if kind == "project" else i
            role = None
        else:
            text, name, role = i["text"], i.get("name", i["text"]), i.get("role")
        out.append((text, name, role) if kind == "person" else (text, name))
    return sorted(out, key=str)


def _found(kind, text):
    out = []
    for r in zhextract.extract(text, date="2024-06-30"):
        if r["type"] == kind:
            assert text[r["start"]:r["end"]] == r["text"]
            out.append((r["text"], r["name"], r["role"]) if kind == "person" else (r["text"], r["name"]))
    return sorted(out, key=str)


def _ids(items):
    return [c["text"][:24] for c in items]


CASES = CORPUS["cases"]
KNOWN = CORPUS.get("known_failures") or []


def test_corpus_types_are_known():
    assert all(c.get("type", "company") in TYPES for c in CASES + KNOWN)


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_case(case):
    assert _found("company", case["text"]) == _expected("company", case["expect"])


@pytest.mark.parametrize("case", KNOWN, ids=_ids(KNOWN))
def test_known_failure(case):
    if _found("company", case["text"]) != _expected("company", case["expect"]):
        pytest.xfail(case["reason"])
    raise AssertionError("known failure now passes: move it to cases")
