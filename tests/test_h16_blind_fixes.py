"""heldout16 blind-set fixes: tests/corpus/h16_blind_fixes.yaml through the pipeline."""
from __future__ import annotations

import pytest

import zhextract
from helpers import load_corpus

CORPUS = load_corpus("h16_blind_fixes.yaml")


def _found(case):
    recs = [r for r in zhextract.extract(case["text"], date="2024-12-27") if r["type"] == case["type"]]
    if case["type"] == "claim":
        return [[r["text"], r["unit"]] for r in recs]
    return [r["text"] for r in recs]


@pytest.mark.parametrize("case", CORPUS["cases"], ids=[c["text"][:24] for c in CORPUS["cases"]])
def test_case(case):
    assert _found(case) == case["expect"]
