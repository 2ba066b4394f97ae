"""Project rules added for heldout17: tests/corpus/projects_h17.yaml through the
whole pipeline (a kind of job or plant before 项目/工程 is not a name)."""
from __future__ import annotations

import pytest

import zhextract
from helpers import load_corpus

CORPUS = load_corpus("projects_h17.yaml")


def _found(text):
    out = []
    for r in zhextract.extract(text, date="2024-12-20"):
        if r["type"] == "project":
            assert text[r["start"]:r["end"]] == r["text"]
            out.append((r["text"], r["name"]))
    return sorted(out)


def _expected(items):
    return sorted((i, i) if isinstance(i, str) else (i["text"], i.get("name", i["text"])) for i in items)


@pytest.mark.parametrize("case", CORPUS["cases"], ids=[c["text"][:24] for c in CORPUS["cases"]])
def test_case(case):
    assert _found(case["text"]) == _expected(case["expect"])


@pytest.mark.parametrize("text", CORPUS["negatives"], ids=[t[:24] for t in CORPUS["negatives"]])
def test_negative(text):
    assert _found(text) == []
