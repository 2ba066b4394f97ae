"""zhextract/numbers.py: parse_number, fold_width, parse_cn_range, exact_value (one case per entry)."""
from __future__ import annotations

import math

import pytest
from helpers import load_corpus

from zhextract.numbers import exact_value, fold_width, parse_cn_range, parse_number

CORPUS = load_corpus("numbers.yaml")


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(float(a), float(b), rel_tol=1e-9)


@pytest.mark.parametrize("text,value", CORPUS["parse_number"], ids=[r[0] or "<empty>" for r in CORPUS["parse_number"]])
def test_parse_number(text, value):
    assert _same(parse_number(text), value)


@pytest.mark.parametrize("text,folded", CORPUS["fold_width"], ids=[r[0] for r in CORPUS["fold_width"]])
def test_fold_width_is_one_to_one(text, folded):
    assert fold_width(text) == folded
    assert len(fold_width(text)) == len(text)


@pytest.mark.parametrize("text,pair", CORPUS["parse_cn_range"], ids=[r[0] for r in CORPUS["parse_cn_range"]])
def test_parse_cn_range(text, pair):
    assert parse_cn_range(text) == (tuple(pair) if pair else None)


@pytest.mark.parametrize("text,factor,value", CORPUS["exact_value"], ids=[f"{r[0]}x{r[1]}" for r in CORPUS["exact_value"]])
def test_exact_value(text, factor, value):
    got = exact_value(text, factor)
    assert _same(got, value)
    if float(value).is_integer():
        assert isinstance(got, int)  # 158.82亿 is 15882000000, not 15882000000.000002


# Round trips through cn2an's writer (an independent implementation): every integer as
# plain and financial numerals, decimals and negatives as plain numerals.
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**13 - 1), st.sampled_from(["low", "up"]))
def test_parse_number_reads_what_cn2an_writes(n, mode):
    import cn2an

    assert parse_number(cn2an.an2cn(n, mode)) == n


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=-10**8, max_value=10**8, places=3, allow_nan=False, allow_infinity=False))
def test_parse_number_reads_cn2an_decimals_and_negatives(d):
    import cn2an

    assert _same(parse_number(cn2an.an2cn(str(d), "low")), d)
