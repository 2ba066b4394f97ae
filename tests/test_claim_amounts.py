"""Claim amounts end to end: one case per entry of tests/corpus/claim_amounts.yaml.
Each sentence goes through the whole pipeline (`zhextract.extract`, so dates and names
found by earlier steps count); the claim records must match in span, value, unit,
kind, qualifier and value_max (ranges only)."""
from __future__ import annotations

import pytest
from helpers import claim_records, known_failure, load_corpus, num_eq

CORPUS = load_corpus("claim_amounts.yaml")
ANCHOR = str(CORPUS["anchor"])


def _claims(text: str) -> list[dict]:
    return claim_records(text, ANCHOR)


def _check(text: str, expect: list) -> None:
    found = _claims(text)
    assert [c["text"] for c in found] == [e[0] for e in expect], text
    for c, (span, value, unit, kind, qualifier, *rest) in zip(found, expect):
        assert text[c["start"]:c["end"]] == c["text"]
        assert num_eq(c["value"], value), (span, c["value"], value)
        assert (c["unit"], c["kind"], c["qualifier"]) == (unit, kind, qualifier), span
        if rest:
            assert num_eq(c.get("value_max"), rest[0]), (span, c.get("value_max"), rest[0])
        else:
            assert "value_max" not in c, (span, c.get("value_max"))


CASES = [pytest.param(text, expect, id=f"{group}:{text[:30]}")
         for group, rows in CORPUS["cases"].items() for text, expect in rows]


@pytest.mark.parametrize("text,expect", CASES)
def test_claim_amount(text, expect):
    _check(text, expect)


@pytest.mark.parametrize("text", CORPUS["negatives"], ids=[t[:30] for t in CORPUS["negatives"]])
def test_no_claim(text):
    assert [c["text"] for c in _claims(text)] == []


KNOWN = [pytest.param(text, expect, reason, id=text[:30])
         for text, expect, reason in CORPUS.get("known_failures") or []]


if KNOWN:
    @pytest.mark.parametrize("text,expect,reason", KNOWN)
    def test_known_failure(text, expect, reason):
        known_failure(_check, reason, text, expect)


# Any integer cn2an writes (plain or financial numerals) and its Arabic digits, as a money
# amount and as a count, give one claim of that value.
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=2, max_value=10**12), st.sampled_from(["low", "up", "arabic"]),
       st.sampled_from(["项目投资{}元。", "全市共有{}家企业。"]))
def test_any_written_integer_is_one_claim(n, mode, template):
    import cn2an

    number = str(n) if mode == "arabic" else cn2an.an2cn(n, mode)
    found = _claims(template.format(number))
    assert [(c["text"][:len(number)], c["value"]) for c in found] == [(number, n)]
