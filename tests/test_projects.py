"""Project mentions: tests/corpus/projects.yaml through the whole pipeline, plus
the rule data and hostile inputs."""
from __future__ import annotations

import time

import pytest

import zhextract
from helpers import corpus_tests, load_corpus, make_context
from zhextract.extract.places import find_places
from zhextract.extract.projects import find_projects, rules
from zhextract.lexicon import UserLexicon

CORPUS = load_corpus("projects.yaml")


def _expected(items):
    return sorted((i, i.replace("“", "").replace("”", "")) if isinstance(i, str)
                  else (i["text"], i.get("name", i["text"])) for i in items)


def _found(text):
    out = []
    for r in zhextract.extract(text, date="2024-06-30"):
        if r["type"] == "project":
            assert text[r["start"]:r["end"]] == r["text"]
            assert r["rule"].startswith("project.")
            out.append((r["text"], r["name"]))
    return sorted(out)


test_case, test_negative, test_known_failure = corpus_tests(CORPUS, _found, _expected)


def test_rules_load_and_weak_heads_need_triggers():
    r = rules()
    assert "研究院" in r.weak_heads and "项目" not in r.weak_heads
    # an acting research institute is not a project
    assert _found("中科院沈阳自动化研究所与企业开展合作研究。") == []


def test_user_lexicon_adds_a_project():
    ctx = make_context("今年，东湖绿道三期顺利完工。")
    ctx.lexicon = UserLexicon({"东湖绿道三期": ("project", "武汉东湖绿道三期工程")})
    ctx.mentions["place"] = find_places(ctx)
    found = [(m.text, m.attrs["name"], m.rule) for m in find_projects(ctx)]
    assert found == [("东湖绿道三期", "武汉东湖绿道三期工程", "project.lexicon")]


@pytest.mark.parametrize("text", [
    "项目" * 50000,
    "沈阳项目、" * 20000 + "等项目",
    "沈阳浑南科技城" * 20000,
    "“" * 50000 + "”项目",
    "高速" * 50000 + "段",
    "川藏铁路拉林段" * 20000,
    "研究院的" * 20000 + "实验室揭牌",
])
def test_hostile_input_stays_fast(text):
    ctx = make_context(text)
    ctx.mentions["place"] = find_places(ctx)
    t = time.perf_counter()
    find_projects(ctx)
    assert time.perf_counter() - t < 15
