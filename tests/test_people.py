"""Person mentions: tests/corpus/people.yaml through the whole pipeline, plus the
name-length choice and the rule data."""
from __future__ import annotations

import pytest

import zhextract
from helpers import corpus_tests, load_corpus, make_context
from zhextract.extract.people import find_people, name_at, rules
from zhextract.ruleset import load_lines

CORPUS = load_corpus("people.yaml")


def _expected(items):
    out = []
    for i in items:
        if isinstance(i, str):
            out.append((i, i, None))
        else:
            out.append((i["text"], i.get("name", i["text"]), i.get("role")))
    return sorted(out, key=str)


def _found(text):
    out = []
    for r in zhextract.extract(text, date="2024-06-30"):
        if r["type"] == "person":
            assert text[r["start"]:r["end"]] == r["text"]
            assert r["rule"].startswith("person.")
            out.append((r["text"], r["name"], r["role"]))
    return sorted(out, key=str)


test_case, test_negative, test_known_failure = corpus_tests(CORPUS, _found, _expected)


@pytest.mark.parametrize("text,expected", [
    ("龚正在开工活动上讲话", "龚正"),      # 在 follows a two-character name
    ("彭沉雷主持会议", "彭沉雷"),
    ("王伟说，", "王伟"),
    ("程光远说，", "程光远"),
    ("诸葛宇杰、", "诸葛宇杰"),
])
def test_name_length_follows_the_next_word(text, expected):
    ctx = make_context(text)
    assert text[:name_at(ctx, 0, rules())] == expected


def test_surname_table_has_no_duplicates():
    names = load_lines("people_surnames.txt")
    assert len(names) == len(set(names))
    assert all(1 <= len(n) <= 2 for n in names)


def test_role_words_and_weak_roles_are_consistent():
    r = rules()
    assert r.weak_roles <= set(r.roles)


def test_no_person_without_context():
    # a surname followed by two characters is no name on its own
    assert find_people(make_context("王府井大街人流如织。")) == []


@pytest.mark.parametrize("text,byline", [
    ("标题\n\n本报记者 陶阳\n\n正文。", "本报记者 陶阳"),
    ("广州日报讯（全媒体记者 林琳）记者从市统计局获悉，", "全媒体记者 林琳"),
    ("正文。\n\n（本报记者 赵晓明 杨帆）\n", "本报记者 赵晓明 杨帆"),
    ("标题\n\n江西农业日报全媒体记者 刘晓峰\n\n正文。", "江西农业日报全媒体记者 刘晓峰"),
    ("标题\n\n本报讯（记者 周文斌 实习生 黄可欣）正文。", "记者 周文斌 实习生 黄可欣"),
    ("正文到此结束。（齐和宁）\n", "齐和宁"),
    ("正文到此结束。（单位：亿元）\n", None),
    ("正文到此结束。（二期）\n", None),
])
def test_byline(text, byline):
    from zhextract.extract.document import find_byline

    assert find_byline(text) == byline


@pytest.mark.parametrize("text", ["林芝台记者次仁", "本报记者 扎西", "记者巴特尔", "牧民代表苏和", "副会长欧阳明", "市领导王"])
def test_a_name_at_the_end_of_the_text_ends_there(text):
    """A name checked past the end of the text must not count its missing characters
    (次仁 at the end once ended at len + 2, a bare 欧阳 at len + 1)."""
    import zhextract

    people = [r for r in zhextract.extract(text) if r["type"] == "person"]
    assert all(r["end"] <= len(text) and r["text"] == text[r["start"]:r["end"]] for r in people)


@pytest.mark.parametrize("text", ["副会长欧阳", "市领导诸葛"])
def test_a_compound_surname_alone_at_the_end_is_no_name(text):
    import zhextract

    assert [r for r in zhextract.extract(text) if r["type"] == "person"] == []
