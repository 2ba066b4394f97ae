"""Fixes from the heldout13 blind round: tests/corpus/h13_blind_fixes.yaml through the whole pipeline."""
from __future__ import annotations

import pytest

import zhextract
from helpers import load_corpus

CASES = load_corpus("h13_blind_fixes.yaml")["cases"]


def _records(case):
    text = case["text"]
    out = []
    for r in zhextract.extract(text, date=case["date"]):
        if r["type"] == "document":
            continue
        assert text[r["start"]:r["end"]] == r["text"]
        out.append(r)
    return out


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:24] for c in CASES])
def test_case(case):
    recs = _records(case)
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
