"""Organization names linked to the fuller form the article writes (自治区文化和旅游厅 →
新疆维吾尔自治区文化和旅游厅): tests/corpus/organizations_h12.yaml through the pipeline."""
from __future__ import annotations

import pytest

import zhextract
from helpers import load_corpus

CORPUS = load_corpus("organizations_h12.yaml")


@pytest.mark.parametrize("case", CORPUS["cases"], ids=[c["text"][:24] for c in CORPUS["cases"]])
def test_case(case):
    found = [[r["text"], r["name"]] for r in zhextract.extract(case["text"], date="2025-05-06")
             if r["type"] == "organization"]
    assert found == case["expect"]
