"""Compound durations (3年8个月 → P3Y8M): tests/corpus/dates_h12.yaml through the pipeline."""
from __future__ import annotations

import pytest

import zhextract
from helpers import load_corpus

CORPUS = load_corpus("dates_h12.yaml")


@pytest.mark.parametrize("case", CORPUS["cases"], ids=[c["text"][:24] for c in CORPUS["cases"]])
def test_case(case):
    found = [[r["text"], r["value"]] for r in zhextract.extract(case["text"], date="2024-12-26")
             if r["type"] == "date"]
    assert found == [[t, str(v)] for t, v in case["expect"]]
