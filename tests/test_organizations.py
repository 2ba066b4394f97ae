"""Organization mentions: the corpus in tests/corpus/organizations.yaml, one case per text,
plus the user lexicon and the alias rules."""
from __future__ import annotations

from helpers import corpus_tests, expected_names, load_corpus, make_context
from zhextract.extract.organizations import find_organizations
from zhextract.extract.places import find_places
from zhextract.lexicon import UserLexicon

CORPUS = load_corpus("organizations.yaml")


def _found(text):
    ctx = make_context(text)
    ctx.mentions["place"] = find_places(ctx)      # as in the pipeline: places come first
    mentions = find_organizations(ctx)
    for m in mentions:
        assert text[m.start:m.end] == m.text
        assert m.type == "organization" and m.rule.startswith("organization.")
    return sorted((m.text, m.attrs["name"]) for m in mentions)


test_case, test_negative, test_known_failure = corpus_tests(CORPUS, _found, expected_names)


def test_user_lexicon_adds_an_organization():
    ctx = make_context("东港区融媒体中心发布消息。")
    ctx.lexicon = UserLexicon({"东港区融媒体中心": ("organization", "日照市东港区融媒体中心")})
    found = [(m.text, m.attrs["name"]) for m in find_organizations(ctx)]
    assert found == [("东港区融媒体中心", "日照市东港区融媒体中心")]


def test_hostile_input_stays_fast():
    import time

    # heads back to back: every one starts a bounded walk to the left (linear, no blow-up)
    ctx = make_context("局" * 3000 + "委员会" * 1000 + "大学" * 1000 + "研究院" * 1000)
    t0 = time.perf_counter()
    find_organizations(ctx)
    assert time.perf_counter() - t0 < 5
