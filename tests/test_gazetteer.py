"""The generic lexicon matcher (zhextract/extract/gazetteer.py)."""
from __future__ import annotations

from zhextract.extract.gazetteer import build_automaton, find_all, find_longest, user_matcher
from zhextract.lexicon import UserLexicon


def test_find_all_gives_every_occurrence_with_code_point_offsets():
    m = build_automaton({"宁德时代": "宁德时代新能源科技股份有限公司", "时代": "时代"})
    text = "𠀀宁德时代与宁德时代"          # a character outside the BMP first
    assert find_all(m, text) == [
        (1, 5, "宁德时代新能源科技股份有限公司"), (3, 5, "时代"),
        (6, 10, "宁德时代新能源科技股份有限公司"), (8, 10, "时代")]


def test_find_longest_keeps_leftmost_longest_without_overlaps():
    m = build_automaton(["沈阳", "沈阳市", "市委"])
    assert find_longest(m, "沈阳市委") == [(0, 3, "沈阳市")]


def test_empty_inputs():
    assert find_all(build_automaton([]), "任何文本") == []
    assert find_all(build_automaton(["公司"]), "") == []
    assert len(build_automaton(["", "公司"])) == 1


def test_user_matcher_takes_one_type():
    lexicon = UserLexicon({"鑫海汇达": ("company", "大连鑫海汇达有限公司"), "老北站": ("place", "老北站")})
    assert find_all(user_matcher(lexicon, "company"), "鑫海汇达在老北站") == [(0, 4, "大连鑫海汇达有限公司")]
    assert find_all(user_matcher(lexicon, "place"), "鑫海汇达在老北站") == [(5, 8, "老北站")]
    assert len(user_matcher(None, "company")) == 0


# ---- the shared pass: one automaton over every registered word list per document

SHARED_TEXTS = [
    "沈阳市委书记主持召开会议，沈阳新松机器人自动化股份有限公司董事长出席；中国科学院沈阳分院、辽宁大学参加。",
    "在粤投资的宁德时代和比亚迪集团在广州市天河区建设生产基地项目，习近平总书记指出",
    "\ud800孤立代理对后的北京经济技术开发区管委会与上海证券交易所",   # a lone surrogate
    "",
]


def test_find_all_in_gives_find_all_for_every_registered_matcher():
    import pytest
    from zhextract.extract import companies, organizations, people, places, projects  # noqa: F401 (register)
    from zhextract.extract.gazetteer import _union, find_all_in
    from helpers import make_context

    u = _union()
    if u is None:
        pytest.skip("ahocorasick_rs not installed: no shared pass")
    assert len(u.matchers) >= 8
    for text in SHARED_TEXTS:
        ctx = make_context(text) if text else make_context(" ")
        for m in u.matchers:
            expected = find_all(m, ctx.text)
            assert find_all_in(ctx, m) == expected
            got = find_all_in(ctx, m)           # a fresh list each time: callers may extend it
            got.append(None)
            assert find_all_in(ctx, m) == expected


def test_find_all_in_falls_back_for_an_unregistered_matcher():
    from zhextract.extract.gazetteer import find_all_in
    from helpers import make_context

    m = build_automaton(["开发区", "管委会"])
    ctx = make_context("北京经济技术开发区管委会")
    assert find_all_in(ctx, m) == find_all(m, ctx.text) == [(6, 9, "开发区"), (9, 12, "管委会")]


def test_spans_cover_is_the_linear_scan():
    import random
    from zhextract.extract.base import Mention
    from helpers import make_context

    rnd = random.Random(7)
    ctx = make_context("一" * 60)
    for _ in range(50):
        spans = []
        for _ in range(rnd.randint(0, 8)):
            s = rnd.randint(0, 50)
            spans.append(Mention("place", s, s + rnd.randint(1, 10), "", "r"))
        for _ in range(40):
            s = rnd.randint(0, 55)
            e = s + rnd.randint(0, 8)
            assert ctx.spans_cover(spans, s, e) == any(m.start <= s and e <= m.end for m in spans)


def test_find_words_is_find_all_over_an_automaton_of_the_same_words():
    from zhextract.extract import gazetteer
    from zhextract.extract.gazetteer import FEW_WORDS, find_words

    text = "张三说，张三丰和李四、李四光在沈阳沈阳市见面。张三张三"
    cases = (["张三"], ["张三", "张三丰", "三丰"], {"李四": "李四光", "沈阳": "沈阳市", "": "x"},
             [f"词{i}" for i in range(FEW_WORDS + 3)] + ["张三", "阳市"], [])
    for budget in (gazetteer.FIND_BUDGET, 0):      # str.find, then the automaton for long lists
        gazetteer.FIND_BUDGET, saved = budget, gazetteer.FIND_BUDGET
        try:
            for words in cases:
                assert find_words(words, text) == find_all(build_automaton(words), text)
        finally:
            gazetteer.FIND_BUDGET = saved
