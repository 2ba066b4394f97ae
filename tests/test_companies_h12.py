"""Engineering-bureau short names (中交二公局 for 中交第二公路工程局有限公司):
tests/corpus/companies_h12.yaml through the pipeline."""
from __future__ import annotations

import pytest

import zhextract
from helpers import load_corpus

CORPUS = load_corpus("companies_h12.yaml")


@pytest.mark.parametrize("case", CORPUS["cases"], ids=[c["text"][:24] for c in CORPUS["cases"]])
def test_case(case):
    found = [[r["text"], r["name"]] for r in zhextract.extract(case["text"], date="2024-12-26")
             if r["type"] == "company"]
    assert found == case["expect"]
