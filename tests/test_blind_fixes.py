"""Fixes made for the held-out blind sets 11-17, each with its own cases
(tests/corpus/h1N_blind_fixes.yaml, *_h12.yaml, projects_h17.yaml), through the
whole pipeline. The corpora come in four shapes, one test each."""
from __future__ import annotations

import pytest

import zhextract
from helpers import load_corpus


def _records(text, date, kind=None):
    out = []
    for r in zhextract.extract(text, date=date):
        if r["type"] == "document" or (kind and r["type"] != kind):
            continue
        assert text[r["start"]:r["end"]] == r["text"]
        out.append(r)
    return out


def _params(names, section="cases"):
    return [pytest.param(name, item, id=f'{name.split(".")[0]}:{(item if isinstance(item, str) else item["text"])[:24]}')
            for name in names for item in load_corpus(name).get(section) or []]


# ---- has / lacks: [type, surface, value or {attr: value}] the records must hold or lack
@pytest.mark.parametrize("name,case", _params(["h11_blind_fixes.yaml", "h13_blind_fixes.yaml"]))
def test_has_and_lacks(name, case):
    recs = _records(case["text"], case["date"])
    for want in case.get("has", []):
        kind, surface = want[0], want[1]
        hits = [r for r in recs if r["type"] == kind and r["text"] == surface]
        assert hits, f"{kind} {surface} not found in {[(r['type'], r['text']) for r in recs]}"
        if len(want) > 2:
            attrs = want[2] if isinstance(want[2], dict) else {"value": want[2]}
            for key, value in attrs.items():
                assert hits[0][key] == value, (surface, key, hits[0][key])
    for kind, surface in case.get("lacks", []):
        assert not [r for r in recs if r["type"] == kind and r["text"] == surface], (kind, surface)


# ---- every record of the case's type, in order: surfaces (claims: [surface, unit])
TYPED_DATES = {"h14_blind_fixes.yaml": "2025-09-05", "h15_blind_fixes.yaml": "2025-11-22",
               "h16_blind_fixes.yaml": "2024-12-27"}


@pytest.mark.parametrize("name,case", _params(TYPED_DATES))
def test_typed(name, case):
    recs = _records(case["text"], TYPED_DATES[name], case["type"])
    found = [[r["text"], r["unit"]] for r in recs] if case["type"] == "claim" else [r["text"] for r in recs]
    assert found == case["expect"]


# ---- every record of one type, in order: [surface, one attribute]
PAIRS = {"claims_h12.yaml": ("claim", "place", "2024-12-26"),
         "companies_h12.yaml": ("company", "name", "2024-12-26"),
         "dates_h12.yaml": ("date", "value", "2024-12-26"),
         "organizations_h12.yaml": ("organization", "name", "2025-05-06")}


@pytest.mark.parametrize("name,case", _params(PAIRS))
def test_pairs(name, case):
    kind, attr, date = PAIRS[name]
    found = [[r["text"], r[attr]] for r in _records(case["text"], date, kind)]
    expect = [[t, str(v)] for t, v in case["expect"]] if kind == "date" else case["expect"]
    assert found == expect


# ---- projects, as a set of (surface, name); negatives give none
PROJECTS = ["projects_h12.yaml", "projects_h17.yaml"]


def _projects(text):
    return sorted((r["text"], r["name"]) for r in _records(text, "2024-12-20", "project"))


@pytest.mark.parametrize("name,case", _params(PROJECTS))
def test_projects(name, case):
    expect = sorted((i, i) if isinstance(i, str) else (i["text"], i.get("name", i["text"])) for i in case["expect"])
    assert _projects(case["text"]) == expect


@pytest.mark.parametrize("name,text", _params(PROJECTS, "negatives"))
def test_project_negatives(name, text):
    assert _projects(text) == []
