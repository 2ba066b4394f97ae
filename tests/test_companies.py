"""Company mentions: the corpus in tests/corpus/companies.yaml, one case per text,
plus the user lexicon and the alias rules."""
from __future__ import annotations

import pytest

from helpers import corpus_tests, expected_names, load_corpus, make_context
from zhextract.extract.companies import derive_aliases, find_companies, lexicons
from zhextract.extract.dates import find_dates
from zhextract.lexicon import UserLexicon

CORPUS = load_corpus("companies.yaml")


def _found(text):
    ctx = make_context(text, anchor="2024-06-20")
    ctx.mentions["date"] = find_dates(ctx)      # as the pipeline does: dates come first
    mentions = find_companies(ctx)
    for m in mentions:
        assert text[m.start:m.end] == m.text
        assert m.type == "company" and m.rule.startswith("company.")
    return sorted((m.text, m.attrs["name"]) for m in mentions)


test_case, test_negative, test_known_failure = corpus_tests(CORPUS, _found, expected_names)


def test_user_lexicon_adds_a_local_company():
    ctx = make_context("记者从鑫海汇达获悉，新厂房已经封顶。")
    ctx.lexicon = UserLexicon({"鑫海汇达": ("company", "大连鑫海汇达精密制造有限公司")})
    found = [(m.text, m.attrs["name"], m.rule) for m in find_companies(ctx)]
    assert found == [("鑫海汇达", "大连鑫海汇达精密制造有限公司", "company.user_lexicon")]


def test_user_lexicon_of_another_type_is_ignored():
    ctx = make_context("记者从鑫海汇达获悉，新厂房已经封顶。")
    ctx.lexicon = UserLexicon({"鑫海汇达": ("place", "鑫海汇达")})
    assert find_companies(ctx) == []


@pytest.mark.parametrize("full,aliases", [
    ("沈阳新松机器人自动化股份有限公司", ["新松机器人自动化", "新松机器人"]),
    ("莱克电气绿能科技（苏州）有限公司", ["莱克电气绿能科技", "莱克电气绿能"]),
    ("东软医疗系统股份有限公司", ["东软医疗系统", "东软医疗"]),
    ("远景科技集团", ["远景科技"]),
])
def test_derive_aliases(full, aliases):
    assert derive_aliases(full, lexicons()) == aliases


def test_spans_are_exact_on_a_long_text():
    text = "，".join(["比亚迪股份有限公司与长安汽车签署协议"] * 50)
    mentions = find_companies(make_context(text))
    assert len(mentions) == 100
    assert all(text[m.start:m.end] == m.text for m in mentions)


def test_financial_short_names_stay_fast():
    import time

    ctx = make_context("东莞证券分析师" * 20000 + "证券" * 20000 + "银行行长")
    t0 = time.perf_counter()
    find_companies(ctx)
    assert time.perf_counter() - t0 < 10


def test_hostile_input_stays_fast():
    import time

    # suffixes and list words back to back, and a long run of name characters
    ctx = make_context("有限公司" * 1000 + "集团、" * 1000 + "等企业" * 1000 + "科技" * 3000)
    t0 = time.perf_counter()
    find_companies(ctx)
    assert time.perf_counter() - t0 < 5


@pytest.mark.parametrize("text", ["大众汽车集团", "韩国三星电子", "韩国三星电", "日本松下电器"])
def test_a_brand_and_trade_at_the_very_end_of_the_text(text):
    """The trade word after a brand is looked for up to the end of the text, never past it
    (hypothesis found 大众汽车集团 alone raising IndexError)."""
    mentions = find_companies(make_context(text))
    assert all(0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text for m in mentions)
