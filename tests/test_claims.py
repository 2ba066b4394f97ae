"""Claims corpus: one case per entry of tests/corpus/claims.yaml (amounts, negatives,
claims in context with the dates and places earlier steps would give), plus invariants."""
from __future__ import annotations

import math

import pytest
from helpers import load_corpus, make_context

from zhextract.extract.base import Mention
from zhextract.extract.claims import claim_rules, find_claims

CORPUS = load_corpus("claims.yaml")
ANCHOR = str(CORPUS["anchor"])


def _claims(text: str, mentions: dict | None = None) -> list[Mention]:
    return find_claims(make_context(text, ANCHOR, mentions))


def _num_eq(a, b) -> bool:
    return a is not None and b is not None and math.isclose(float(a), float(b), rel_tol=1e-6)


AMOUNTS = [pytest.param(row, id=f"{group}:{row[0]}")
           for group, rows in CORPUS["amounts"].items() for row in rows]


@pytest.mark.parametrize("row", AMOUNTS)
def test_amount(row):
    text, span, value, unit, kind, qualifier, *rest = row
    found = _claims(text)
    assert [c.text for c in found] == [span], f"{text}: {[c.text for c in found]}"
    c = found[0]
    assert text[c.start:c.end] == c.text
    assert _num_eq(c.attrs["value"], value), c.attrs
    assert c.attrs["unit"] == unit
    assert c.attrs["kind"] == kind
    assert c.attrs["qualifier"] == qualifier
    if rest:
        assert _num_eq(c.attrs.get("value_max"), rest[0]), c.attrs
    else:
        assert "value_max" not in c.attrs


NEGATIVES = [pytest.param(text, id=f"{group}:{text}")
             for group, texts in CORPUS["negatives"].items() for text in texts]


@pytest.mark.parametrize("text", NEGATIVES)
def test_not_a_claim(text):
    assert [c.text for c in _claims(text)] == []


def _mentions(text: str, case: dict) -> dict[str, list[Mention]]:
    """Date, place and name mentions at the first free occurrence of each surface."""
    out: dict[str, list[Mention]] = {"date": [], "place": []}
    taken: dict[str, int] = {}

    def locate(surface: str) -> tuple[int, int]:
        i = text.index(surface, taken.get(surface, 0))
        taken[surface] = i + len(surface)
        return i, i + len(surface)

    for surface, value, *dtype in case.get("dates", []):
        s, e = locate(surface)
        out["date"].append(Mention("date", s, e, surface, "test",
                                   {"value": str(value), "mod": None, "dtype": dtype[0] if dtype else "DATE"}))
    for surface in case.get("places", []):
        s, e = locate(surface)
        out["place"].append(Mention("place", s, e, surface, "test", {"name": surface}))
    for surface, kind in case.get("names", []):
        s, e = locate(surface)
        out.setdefault(kind, []).append(Mention(kind, s, e, surface, "test", {"name": surface}))
    return out


CONTEXT = [pytest.param(case, id=case["text"][:40]) for case in CORPUS["in_context"]]


@pytest.mark.parametrize("case", CONTEXT)
def test_in_context(case):
    text = case["text"]
    found = {c.text: c for c in _claims(text, _mentions(text, case))}
    for want in case["expect"]:
        assert want["text"] in found, f"{want['text']} not found in {list(found)}"
        c = found[want["text"]]
        for key, value in want.items():
            if key == "text":
                continue
            got = c.attrs.get(key)
            if key == "change" and value is not None:
                value = {"direction": value["direction"], "basis": value.get("basis")}
            assert got == (str(value) if key == "period" and value is not None else value), \
                f"{want['text']} {key}: {got!r} != {value!r}"


def test_every_rule_fires():
    fired = set()
    for rows in CORPUS["amounts"].values():
        for row in rows:
            fired |= {c.rule for c in _claims(row[0])}
    assert {rule_id for rule_id, _ in claim_rules().patterns} <= fired


def test_units_have_known_kinds():
    kinds = {"money", "percent", "percentage_point", "count", "multiple", "area", "length", "mass",
             "volume", "energy", "power", "speed", "other", "none"}
    units = claim_rules().units
    assert units and all(u.kind in kinds for u in units.values())
    assert all(u.role in ("classifier", "measure") for u in units.values())


def test_offsets_and_sorted_output():
    text = "1-2月，广东社会消费品零售总额7447.16亿元，同比增长32.1%；餐饮收入增长49.9%，两年平均下降3.4%。"
    found = _claims(text)
    assert [c.start for c in found] == sorted(c.start for c in found)
    assert all(text[c.start:c.end] == c.text and c.type == "claim" for c in found)


HOSTILE = {"digits": "1" * 100_000, "wan": "万" * 100_000, "decimals": "1.1" * 30_000 + "万元",
           "numerals": "一二三四五六七八九十" * 10_000, "percent_then_digits": "%" * 50_000 + "1" * 50_000,
           "magnitudes": "12万" * 30_000 + "人", "no_punctuation": "沈阳工业投资" * 20_000 + "1亿元",
           "dense_fractions": "百分之" * 10_000, "dense_counts": "5个" * 10_000,
           "dense_clauses": "增长5%，" * 10_000, "dense_lists": "分别增长5%、" * 5_000}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_input_is_fast(name):
    """No catastrophic backtracking, no quadratic binding: each stays well under a few seconds."""
    import time

    ctx = make_context(HOSTILE[name], ANCHOR)
    t0 = time.perf_counter()
    find_claims(ctx)
    assert time.perf_counter() - t0 < 5


def test_long_sentence_after_a_date_is_linear():
    """One sentence of many amounts after a date (and a bare 假期): the period search does not
    rescan the sentence for each amount."""
    import time

    text = "国庆假期，假期" + "增长5%，" * 30_000
    date = Mention("date", 0, 4, "国庆假期", "test", {"value": "2024-10-01/2024-10-07", "mod": None, "dtype": "DATE"})
    ctx = make_context(text, ANCHOR, {"date": [date], "place": []})
    t0 = time.perf_counter()
    found = find_claims(ctx)
    assert len(found) == 30_000 and found[-1].attrs["period"] == "2024-10-01/2024-10-07"
    assert time.perf_counter() - t0 < 10


# Sentence finding around the claims must give the spans of splitting the whole text.
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from zhextract.extract.claim_context import (context_rules, join_broken_lines, sentence_groups,  # noqa: E402
                                             split_spans)

_PIECES = st.sampled_from(["中" * 45, "中国经济", "a1 ", "。", "！", "？", "!", "?", "\n", "\n\n", "\r\n", "，", "5%"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=30), st.data())
def test_sentence_groups_match_full_split(pieces, data):
    text = "".join(pieces)
    marks = context_rules().sentence_marks
    free = [i for i, ch in enumerate(text) if ch not in marks + "\r，"]
    if not free:
        return
    at = sorted(set(data.draw(st.lists(st.sampled_from(free), min_size=1, max_size=6))))
    claims = [Mention("claim", i, i + 1, text[i], "t", {}) for i in at]
    spans = join_broken_lines(text, split_spans(text, 0, len(text), marks))
    want: dict = {}
    for i in at:
        want.setdefault(next(sp for sp in spans if sp[0] <= i < sp[1]), []).append(i)
    assert {sp: [c.start for c in g] for sp, g in sentence_groups(text, claims, marks)} == want
