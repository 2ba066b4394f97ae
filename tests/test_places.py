"""Place mentions: tests/corpus/places.yaml through the whole pipeline (so that the
overlap policy applies), plus the gazetteer's invariants and the user lexicon."""
from __future__ import annotations

import zhextract
from helpers import corpus_tests, expected_names, load_corpus, make_context
from zhextract.extract.places import find_places, gazetteer
from zhextract.lexicon import UserLexicon
from zhextract.ruleset import load_lines, load_tsv

CORPUS = load_corpus("places.yaml")


def _found(text):
    records = zhextract.extract(text, date="2024-06-30")
    out = []
    for r in records:
        if r["type"] == "place":
            assert text[r["start"]:r["end"]] == r["text"]
            assert r["rule"].startswith("place.")
            out.append((r["text"], r["name"]))
    return sorted(out)


test_case, test_negative, test_known_failure = corpus_tests(CORPUS, _found, expected_names)


def test_gazetteer_covers_every_division_and_no_one_character_form():
    rows = load_tsv("places_divisions.tsv")
    assert {r["form"] for r in rows} >= {"full", "alias"}
    assert len({r["code"] for r in rows}) > 3300
    assert all(len(r["surface"]) >= 2 for r in rows if r["form"] != "full")


def test_stop_list_has_no_duplicates():
    words = load_lines("places_stop.txt")
    assert len(words) == len(set(words))


def test_regions_file_has_no_duplicate_surface():
    surfaces = [r["surface"] for r in load_tsv("places_regions.tsv")]
    assert len(surfaces) == len(set(surfaces))


def test_gazetteer_is_built_once():
    assert gazetteer() is gazetteer()


def test_single_character_only_in_context():
    # a one-character province only after 在/来/赴… and before 投资/发展…: 在沪投资;
    # 来沈 (沈 names no province) and 赴京参会 (参会 is not such a word) are none
    ctx = make_context("来沈学习、赴京参会、在沪投资。")
    assert [(m.text, m.attrs["name"]) for m in find_places(ctx)] == [("沪", "上海市")]
    assert find_places(make_context("存在鲁莽行为，京剧很好看，川菜很辣。")) == []


def test_user_lexicon_adds_a_local_place():
    ctx = make_context("中新天津生态城今年新增企业200家。")
    ctx.lexicon = UserLexicon({"中新天津生态城": ("place", "中新天津生态城")})
    found = [(m.text, m.attrs["name"], m.rule) for m in find_places(ctx)]
    assert ("中新天津生态城", "中新天津生态城", "place.lexicon") in found
    assert all(m[0] != "天津" for m in found)


def test_long_text_without_punctuation_stays_fast():
    import time

    text = "沈阳" * 50000 + "辽宁省" * 20000
    t = time.perf_counter()
    found = find_places(make_context(text))
    assert time.perf_counter() - t < 20
    assert len(found) > 1000
