"""The entity steps' fast paths give exactly what the plain scans they replace give
(random texts over the characters that matter)."""
from __future__ import annotations

import random

import pytest

from zhextract.extract import companies as C
from zhextract.extract import people as P
from zhextract.extract.base import Context
from zhextract.extract.gazetteer import finditer_at


def _ctx(text: str) -> Context:
    return Context(text=text, tokens=[(0, len(text))] if text else [], sentences=[(0, len(text))])


def _texts(alphabet: list[str], n: int, seed: int, size: int = 14):
    rnd = random.Random(seed)
    for _ in range(n):
        yield "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, size)))


N_FIRMS_ALPHABET = list("企业家户3五十二0一两—―：:，等x") + ["企业", "3家企业", "——", "――", "企业：", "123户企业", "十二家企业"]


def test_n_firms_ends_are_the_regex_matches():
    for t in _texts(N_FIRMS_ALPHABET, 20000, 1):
        assert C._n_firms_ends(t) == [m.end() for m in C._N_FIRMS.finditer(t)], t


def test_head_near_never_skips_a_match_of_after_deng():
    lex = C.lexicons()
    after_deng, _ = C._context_patterns(lex.list_heads, lex.roles)
    heads = list(lex.list_heads[:6]) + ["项目", "企业"]
    alphabet = list("等3五十百多余家个批外资重点，") + heads + ["12", "一二三"]
    from zhextract.extract.gazetteer import find_all
    for t in _texts(alphabet, 5000, 2, 10):
        starts = sorted({s for s, _e, _v in find_all(C._deng_heads(), t)})
        for i, ch in enumerate(t):
            if ch == "等" and not C._head_near(t, i + 1, starts):
                assert after_deng.match(t, i) is None, t


@pytest.mark.parametrize("pattern,words,alphabet", [
    (C._LISTING_OR_TITLE, C._listing_words, list("拟启动上市IPO挂牌登陆A股董事长总经理副") + ["正式上市", "CEO", "联合创始人"]),
    (P.rules().press_re, lambda: P.rules().press_ac, list("记者本报 ：张王李摄，\n") + ["本报记者", "通讯员", "记者"]),
    (P.rules().folk_re, lambda: P.rules().folk_ac, list("市民村民王李秀兰说表示，") + ["茶农", "市民", "说"]),
])
def test_finditer_at_is_finditer(pattern, words, alphabet):
    for t in _texts(alphabet, 3000, 3, 16):
        expected = [m.span() for m in pattern.finditer(t)]
        assert [m.span() for m in finditer_at(_ctx(t), pattern, words())] == expected, t


def test_province_short_matches_are_short_re_finditer():
    from zhextract.extract import places as PL
    gaz = PL.gazetteer()
    alphabet = list("粤鲁川京吉x，。") + ["在", "来", "赴", "在粤", "投资", "发展", "企业", "存在"]
    for t in _texts(alphabet, 5000, 4, 10):
        expected = [m.span() for m in gaz.short_re.finditer(t)]
        assert [m.span() for m in PL._short_matches(_ctx(t), gaz)] == expected, t


def test_people_line_and_colon_matches_are_finditer():
    r = P.rules()
    alphabet = list("张王李明华伟强：:（）(\n \u3000\t记者市民，") + ["村支书", "\r\n", "·", "艾力·买买提"]
    for t in _texts(alphabet, 8000, 5, 18):
        assert [m.span() for m in P._line_matches(t, r.line_re)] == [m.span() for m in r.line_re.finditer(t)], t
        assert [m.span() for m in P._colon_matches(t, r.colon_re)] == [m.span() for m in r.colon_re.finditer(t)], t


def test_quote_verbs_are_the_quote_verb_alternation():
    from zhextract.extract.gazetteer import find_all, longest_of
    words = P._QUOTE_VERBS.split("|")
    assert not any(a != b and b.startswith(a) for a in words for b in words)   # what makes them equal
    alphabet = list("说表示指出称坦言承王，") + words
    for t in _texts(alphabet, 3000, 6, 12):
        assert [(s, e) for s, e, _v in longest_of(find_all(P._quote_verbs(), t))] == \
            [m.span() for m in P._QUOTE_VERB.finditer(t)], t


def _full_form_reference(short, names):
    """projects._full_form as it was: a scan of all names (quadratic on long documents)."""
    from zhextract.extract.namespan import is_subsequence as _is_subsequence
    from zhextract.extract.projects import _same_head
    if len(short) >= 4:
        for group in names.values():
            for full in group:
                if len(full) > len(short) and full.endswith(short):
                    return full
    for full in names.get(short[:1], ()):
        if len(full) <= len(short) or full[0] != short[0]:
            continue
        core = full[:-2] if full.endswith("项目") and not short.endswith("项目") else full
        if _is_subsequence(short, full) and _same_head(short, core):
            return full
    if short.endswith(("项目", "工程")) and len(short) >= 4:
        fuller = {full for group in names.values() for full in group
                  if len(full) > len(short) and full.endswith(short[-2:]) and short[:-2] in full}
        if len(fuller) == 1:
            return fuller.pop()
    return None


def test_project_full_form_by_suffix_index_is_the_scan():
    from zhextract.extract import projects as PR
    rnd = random.Random(8)
    parts = ["远景", "零碳", "新能源", "产业园", "基地", "项目", "工程", "H7", "生物医药", "苏州", "工业园区", "沈阳",
             "装备制造", "沈", "园", "项", "目"]
    for _ in range(600):
        pool = ["".join(rnd.choice(parts) for _ in range(rnd.randint(1, 5))) for _ in range(rnd.randint(1, 12))]
        names = PR._by_first_char(pool)
        index = PR._suffix_index(names)
        name_index = PR._NameIndex(names)
        for _ in range(10):
            short = "".join(rnd.choice(parts) for _ in range(rnd.randint(1, 4)))
            for s in (short, rnd.choice(pool)[rnd.randint(0, 3):]):
                if s:
                    expected = _full_form_reference(s, names)
                    assert PR._full_form(s, names, index) == expected, (s, pool)
                    assert PR._full_form(s, names, index, name_index) == expected, (s, pool)


def test_subdivision_gate_never_skips_a_sub_re_match():
    from zhextract.extract import places as PL
    gaz = PL.gazetteer()
    alphabet = list("仓前街道镇乡村社区的和东西南北苏木嘎查") + ["街道", "社区", "苏木", "嘎查"]
    for t in _texts(alphabet, 5000, 9, 8):
        for p in range(len(t) + 1):
            # (a suffix 1-3 characters on; 4-5 for the long names: 白音察干镇, 阿拉坦合力苏木)
            gated = all(t[p + k:p + k + 1] not in gaz.sub_first for k in (1, 2, 3, 4, 5))
            if gated:
                assert gaz.sub_re.match(t, p) is None, (t, p)


def test_project_list_matches_are_list_re_finditer():
    from zhextract.extract import projects as PR
    r = PR.rules()
    alphabet = list("等个项批大目3五十，、重点外资产业") + ["项目", "等7个", "企业", "12"]
    for t in _texts(alphabet, 6000, 10, 16):
        assert [m.span() for m in PR._list_matches(t, r)] == [m.span() for m in r.list_re.finditer(t)], t


def test_first_character_gates_cover_their_patterns():
    from zhextract.extract import namespan as N, organizations as O
    assert N._CONNECTOR_FIRST == frozenset(w[0] for w in N.CONNECTORS.pattern.split("|"))
    assert O._AND_FIRST == frozenset(w[0] for w in O._AND.pattern.split("|"))


def test_organization_prefix_len_is_the_longest_prefix_up_to_ten():
    from zhextract.extract import organizations as O
    lex = O.lexicons()
    rnd = random.Random(11)
    words = sorted(lex.places)[:30] + sorted(lex.prefixes)[:30]
    for words_set in (lex.places, lex.prefixes):
        for _ in range(3000):
            t = "".join(rnd.choice(words + list("市省区县的")) for _ in range(rnd.randint(0, 4)))
            start = rnd.randint(0, len(t))
            expected = next((k for k in range(min(10, len(t) - start), 0, -1) if t[start:start + k] in words_set), 0)
            assert O._prefix_len(words_set, t, start) == expected, (t, start)


def test_name_head_gate_never_skips_a_match():
    from zhextract.extract import places as PL
    gaz = PL.gazetteer()
    alphabet = list("证券银行台日报记者业市场东莞") + ["农商银行", "电视台", "数据中心集群", "证券业"]
    for t in _texts(alphabet, 4000, 12, 8):
        for p in range(len(t) + 1):
            if t[p:p + 1] not in gaz.name_head_first:
                assert gaz.name_head_re.match(t, p) is None, (t, p)


def test_people_spaced_colon_and_folk_dot_matches_are_finditer():
    r = P.rules()
    alphabet = list("央金扎西书记：: \u3000\n（）村民·") + ["民宿经营者", "村党支部书记", "阿依古丽·买买提", "市民"]
    for t in _texts(alphabet, 6000, 13, 14):
        assert [m.span() for m in P._colon_matches(t, r.spaced_colon_re)] == \
            [m.span() for m in r.spaced_colon_re.finditer(t)], t
        assert [m.span() for m in finditer_at(_ctx(t), r.folk_dot_re, r.folk_ac)] == \
            [m.span() for m in r.folk_dot_re.finditer(t)], t


def test_organization_short_form_candidates_hold_every_fuller_name():
    from zhextract.extract import organizations as O
    rnd = random.Random(14)
    parts = list("省市政府经合局发改委人民") + ["四川省", "经济合作", "辽宁省"]
    for _ in range(300):
        surfaces = {"".join(rnd.choice(parts) for _ in range(rnd.randint(1, 5))) for _ in range(rnd.randint(1, 30))}
        by_last: dict = {}
        for f in surfaces:
            by_last.setdefault(f[-1], set()).add(f)
        by_char: dict = {}
        for last, group in by_last.items():
            for f in group:
                for ch in set(f):
                    by_char.setdefault((last, ch), set()).add(f)
        for s in list(surfaces)[:10]:
            wanted = {f for f in by_last.get(s[-1], ()) if len(f) > len(s) and O.is_subsequence(s, f)}
            assert wanted <= set(O._holding_all(by_last, by_char, s))
            assert set(O._holding_all(by_last, None, s)) == by_last.get(s[-1], set())
