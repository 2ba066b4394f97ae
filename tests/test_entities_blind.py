"""Entity blind rounds through the whole pipeline: each corpus was written before
any fix of its round. Each case names one entity type (or the file's default)
and lists every mention of that type in its text."""
from __future__ import annotations

import pytest

import zhextract
from helpers import load_corpus

# corpus file -> (its entity types, the type of a case that names none)
ROUNDS = {
    "entities_blind_r1.yaml": ({"company", "organization", "project", "person", "place"}, None),
    "entities_blind_r2.yaml": ({"company", "project"}, None),   # companies and projects
    "entities_blind_r3.yaml": ({"company", "project"}, None),   # projects
    "companies_blind_r3.yaml": ({"company"}, "company"),
}


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


def _cases(section):
    out = []
    for name, (_types, default) in ROUNDS.items():
        for case in load_corpus(name).get(section) or []:
            kind = case.get("type", default)
            out.append(pytest.param(kind, case, id=f'{name.split(".")[0]}:{kind}:{case["text"][:24]}'))
    return out


CASES, KNOWN = _cases("cases"), _cases("known_failures")


@pytest.mark.parametrize("name", ROUNDS)
def test_corpus_types_are_known(name):
    types, default = ROUNDS[name]
    corpus = load_corpus(name)
    assert all(c.get("type", default) in types for c in corpus["cases"] + (corpus.get("known_failures") or []))


@pytest.mark.parametrize("kind,case", CASES)
def test_case(kind, case):
    assert _found(kind, case["text"]) == _expected(kind, case["expect"])


@pytest.mark.parametrize("kind,case", KNOWN)
def test_known_failure(kind, case):
    if _found(kind, case["text"]) != _expected(kind, case["expect"]):
        pytest.xfail(case["reason"])
    raise AssertionError("known failure now passes: move it to cases")
