"""Claims suite end to end: one case per entry of tests/corpus/claims_suite.yaml.
Each sentence goes through the whole pipeline (`zhextract.extract`); the claim records
must match in number, core span, value, unit, kind, qualifier, value_max (ranges only)
and the context fields a case names (metric, change, period, place)."""
from __future__ import annotations

import pytest
from helpers import claim_records, known_failure, load_corpus, num_eq

CORPUS = load_corpus("claims_suite.yaml")
ANCHOR = str(CORPUS["anchor"])


def _claims(text: str) -> list[dict]:
    return claim_records(text, ANCHOR)


def _check_context(core: str, got: dict, want: dict) -> None:
    for key, value in want.items():
        have = got.get(key)
        if key == "change":
            if value is None:
                assert have is None, (core, key, have)
                continue
            direction, basis = value.split("/")
            assert have is not None and have["direction"] == direction, (core, key, have, value)
            if basis != "*":
                assert have.get("basis") == (None if basis == "~" else basis), (core, key, have, value)
        elif key == "metric" and isinstance(value, str) and value.startswith("*"):
            assert have is not None and value[1:] in have, (core, key, have, value)
        else:
            want_value = None if value is None else str(value)
            assert have == want_value, (core, key, have, value)


def _check(text: str, expect: list) -> None:
    found = _claims(text)
    assert len(found) == len(expect), (text, [c["text"] for c in found])
    for c, (core, value, unit, kind, qualifier, *rest) in zip(found, expect):
        assert text[c["start"]:c["end"]] == c["text"]
        at = text.index(core)
        # the span holds the core and at most two qualifier characters either side
        # (or a leading 人民币, as in 人民币3.2亿元)
        assert c["start"] <= at and at + len(core) <= c["end"], (core, c["text"])
        prefix = text[c["start"]:at]
        assert (len(prefix) <= 2 or prefix == "人民币") and c["end"] - at - len(core) <= 2, (core, c["text"])
        assert num_eq(c["value"], value), (core, c["value"], value)
        assert (c["unit"], c["kind"], c["qualifier"]) == (unit, kind, qualifier), (core, c["unit"], c["kind"], c["qualifier"])
        value_max = next((r for r in rest if not isinstance(r, dict)), None)
        if value_max is not None:
            assert num_eq(c.get("value_max"), value_max), (core, c.get("value_max"), value_max)
        else:
            assert "value_max" not in c, (core, c.get("value_max"))
        context = next((r for r in rest if isinstance(r, dict)), None)
        if context:
            _check_context(core, c, context)


CASES = [pytest.param(text, expect, id=f"{group}:{text[:30]}")
         for group, rows in CORPUS["cases"].items() for text, expect in rows]


@pytest.mark.parametrize("text,expect", CASES)
def test_suite_case(text, expect):
    _check(text, expect)


@pytest.mark.parametrize("text", CORPUS["negatives"], ids=[t[:30] for t in CORPUS["negatives"]])
def test_suite_no_claim(text):
    assert [c["text"] for c in _claims(text)] == []


KNOWN = [pytest.param(text, expect, reason, id=text[:30])
         for text, expect, reason in CORPUS.get("known_failures") or []]


if KNOWN:
    @pytest.mark.parametrize("text,expect,reason", KNOWN)
    def test_suite_known_failure(text, expect, reason):
        known_failure(_check, reason, text, expect)


@pytest.mark.parametrize("hostile", ["1" + " 000" * 50_000, "5 " * 100_000, "12 345元，" * 20_000,
                                     "3\u2009" * 100_000 + "元"])
def test_space_grouped_digits_stay_linear(hostile):
    """Thousands grouped by spaces (5 000元) are read once: a long run of groups, or of digits
    and spaces, takes time in proportion to its length."""
    import time

    from helpers import make_context

    from zhextract.extract.claims import find_claims

    ctx = make_context(hostile, ANCHOR)
    t0 = time.perf_counter()
    find_claims(ctx)
    assert time.perf_counter() - t0 < 5
