"""Shared test helpers: build a Context the way the pipeline does, without spaCy."""
from __future__ import annotations

import functools
import math
from pathlib import Path
from typing import Any

import yaml

from zhextract.extract.base import Anchor, Context, Mention
from zhextract.segment import JiebaSegmenter, token_spans
from zhextract.sentences import split_sentences

CORPUS = Path(__file__).parent / "corpus"


@functools.lru_cache(maxsize=1)
def segmenter() -> JiebaSegmenter:
    return JiebaSegmenter()


def make_context(text: str, anchor: str | Anchor | None = None,
                 mentions: dict[str, list[Mention]] | None = None) -> Context:
    """A Context for `text`: jieba tokens, sentences, an anchor (ISO date, a year
    such as "2024", an Anchor, or None) and any mentions of earlier steps."""
    if isinstance(anchor, str):
        parts = [int(p) for p in anchor.split("-")]
        anchor = Anchor(*parts, source="input")  # type: ignore[arg-type]
    return Context(
        text=text,
        tokens=token_spans(segmenter().words(text)),
        sentences=split_sentences(text),
        anchor=anchor or Anchor(None),
        mentions=dict(mentions or {}),
    )


def load_corpus(name: str) -> Any:
    with open(CORPUS / name, encoding="utf-8") as f:
        return yaml.safe_load(f)


def expected_names(items: list) -> list[tuple[str, str]]:
    """Sorted (text, name) pairs of a corpus `expect` list: a bare surface is its own name."""
    return sorted((i, i) if isinstance(i, str) else (i["text"], i.get("name", i["text"])) for i in items)


def corpus_tests(corpus: dict, found, expected):
    """The three table-driven tests of an entity corpus (`cases`, `negatives`,
    `known_failures`), one pytest case per entry, the text as its id.
    `found(text)` and `expected(items)` give comparable lists. Bind the result at
    module level: `test_case, test_negative, test_known_failure = corpus_tests(...)`."""
    import pytest

    def ids(items):
        return [(c if isinstance(c, str) else c["text"])[:30] for c in items]

    cases, negatives, known = corpus["cases"], corpus["negatives"], corpus.get("known_failures") or []

    @pytest.mark.parametrize("case", cases, ids=ids(cases))
    def test_case(case):
        assert found(case["text"]) == expected(case["expect"])

    @pytest.mark.parametrize("text", negatives, ids=ids(negatives))
    def test_negative(text):
        assert found(text) == []

    @pytest.mark.parametrize("case", known, ids=ids(known))
    def test_known_failure(case):
        if found(case["text"]) != expected(case["expect"]):
            pytest.xfail(case["reason"])
        raise AssertionError("known failure now passes: move it to cases")

    return test_case, test_negative, (test_known_failure if known else None)


def num_eq(a, b) -> bool:
    """Two numbers equal up to float rounding (None equals nothing)."""
    return a is not None and b is not None and math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)


def claim_records(text: str, anchor: str) -> list[dict]:
    """The claim records of `text` through the whole pipeline (`zhextract.extract`)."""
    import zhextract

    return [r for r in zhextract.extract(text, date=anchor) if r["type"] == "claim"]


def known_failure(check, reason: str, *args) -> None:
    """A strict xfail: `check(*args)` must still fail its assertions."""
    import pytest

    try:
        check(*args)
    except AssertionError:
        pytest.xfail(reason)
    raise AssertionError("known failure now passes: move it to cases")
