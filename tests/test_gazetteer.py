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
