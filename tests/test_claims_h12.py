"""Claim places after 起于/止于 (points of a route, not the scope): tests/corpus/claims_h12.yaml."""
from __future__ import annotations

import pytest

import zhextract
from helpers import load_corpus

CORPUS = load_corpus("claims_h12.yaml")


@pytest.mark.parametrize("case", CORPUS["cases"], ids=[c["text"][:24] for c in CORPUS["cases"]])
def test_case(case):
    found = [[r["text"], r["place"]] for r in zhextract.extract(case["text"], date="2024-12-26")
             if r["type"] == "claim"]
    assert found == case["expect"]
