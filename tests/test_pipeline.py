"""The pipeline's shared pieces: sentences, records, rule loading, user lexicons, spaCy glue."""
from __future__ import annotations

import pytest

import zhextract
from zhextract.errors import InputError, RuleError
from zhextract.extract.base import Anchor, Context, Mention
from zhextract.lexicon import load_user_lexicon
from zhextract.output.records import document_records
from zhextract.pipeline import STEPS
from zhextract.sentences import split_sentences

from helpers import load_corpus

SENTENCE_CASES = load_corpus("sentences.yaml")


@pytest.mark.parametrize("case", SENTENCE_CASES, ids=[c["text"][:12] for c in SENTENCE_CASES])
def test_sentences(case):
    text = case["text"]
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == case["sentences"]
    assert "".join(text[s:e] for s, e in spans) == text


def test_records_have_contract_order_and_sort():
    text = "沈阳市前5个月增长17.9%。"
    ctx = Context(text=text, tokens=[(0, len(text))], sentences=split_sentences(text),
                  anchor=Anchor(2024, 6, 20, "input"))
    mentions = [
        Mention("claim", 9, 14, "17.9%", "claim.test", {"value": 17.9, "unit": "%", "kind": "percent"}),
        Mention("place", 0, 3, "沈阳市", "place.test", {"name": "沈阳市"}),
        Mention("date", 3, 7, "前5个月", "date.test", {"value": "2024-01/2024-05", "mod": None, "dtype": "DATE"}),
    ]
    recs = document_records("d1", ctx, mentions)
    assert recs[0] == {"doc": "d1", "type": "document", "schema": 1, "chars": len(text),
                       "anchor_date": "2024-06-20", "anchor_source": "input", "title": None, "byline": None}
    assert [r["type"] for r in recs[1:]] == ["place", "date", "claim"]
    claim = recs[3]
    assert list(claim) == ["doc", "type", "text", "start", "end", "sent", "rule", "value", "unit", "kind",
                           "qualifier", "metric", "change", "period", "place"]
    for r in recs[1:]:
        assert text[r["start"]:r["end"]] == r["text"]


def test_anchor_with_year_only_is_partial_iso():
    assert Anchor(2024, source="text").iso() == "2024"
    assert Anchor(None).iso() is None


def _write(tmp_path, name, body):
    p = tmp_path / name
    p.write_text(body, encoding="utf-8")
    return p


def test_rules_loader_rejects_bad_files(tmp_path, monkeypatch):
    from zhextract import ruleset

    monkeypatch.setattr(ruleset, "RULES_DIR", tmp_path)
    for fn in (ruleset.load_yaml, ruleset.load_rules):
        fn.cache_clear()
    _write(tmp_path, "dup.yaml", "rules:\n  - {id: a, pattern: 'x'}\n  - {id: a, pattern: 'y'}\n")
    _write(tmp_path, "frag.yaml", "rules:\n  - {id: a, pattern: '{nope}'}\n")
    _write(tmp_path, "empty.yaml", "rules:\n  - {id: a, pattern: 'x*'}\n")
    _write(tmp_path, "good.yaml", "fragments: {num: '\\d+'}\nlists: {u: [万元, 元, 万]}\n"
                                  "rules:\n  - {id: amount, pattern: '(?P<n>{num})\\L<u>', kind: money}\n"
                                  "  - {id: bare, pattern: '{num}'}\n")
    with pytest.raises(RuleError, match="duplicate rule id a"):
        ruleset.load_rules("dup.yaml")
    with pytest.raises(RuleError, match="unknown fragment"):
        ruleset.load_rules("frag.yaml")
    with pytest.raises(RuleError, match="empty string"):
        ruleset.check_rules("empty.yaml")  # patterns compile on first use; check_rules compiles all
    with pytest.raises(RuleError, match="empty.yaml: rule a: pattern matches the empty string"):
        ruleset.load_rules("empty.yaml")[0].pattern
    rule, bare = ruleset.load_rules("good.yaml")  # a rule need not use every list
    assert bare.pattern.search("共3万元").group() == "3"
    assert rule.id == "amount" and rule.meta == {"kind": "money"}
    assert rule.pattern.search("共3万元").group() == "3万元"  # the longest list entry wins


def test_user_lexicon(tmp_path):
    p = _write(tmp_path, "lex.tsv", "surface\ttype\tcanonical\n# local register\n金山软件\tcompany\t"
                                    "北京金山软件有限公司\n浑河\tplace\t\n")
    lex = load_user_lexicon([str(p)])
    assert lex.of_type("company") == {"金山软件": "北京金山软件有限公司"}
    assert lex.of_type("place") == {"浑河": "浑河"}
    bad = _write(tmp_path, "bad.tsv", "金山\tfirm\tX\n")
    with pytest.raises(InputError, match=r"bad.tsv:1: type 'firm'"):
        load_user_lexicon([str(bad)])


def test_spacy_pipeline_has_one_component_per_step():
    nlp = zhextract.load()
    assert nlp.pipe_names == ["zhextract_document"] + [name for name, _, _ in STEPS]
    doc = nlp("前5个月沈阳高技术制造业增加值同比增长17.9%。\n记者 陶阳")
    assert doc.text == "前5个月沈阳高技术制造业增加值同比增长17.9%。\n记者 陶阳"
    assert [s.text for s in doc.sents][0] == "前5个月沈阳高技术制造业增加值同比增长17.9%。\n"
    for kind in ("date", "claim", "place"):
        assert f"zhextract_{kind}" in doc.spans


def test_own_jieba_tokenizer_is_not_the_global_one():
    import jieba

    from zhextract.segment import JiebaPySegmenter

    seg = JiebaPySegmenter()
    assert seg._tokenizer is not jieba.dt
    assert "".join(seg.words("沈阳金丰春航空科技有限公司总经理程光远")) == "沈阳金丰春航空科技有限公司总经理程光远"


def test_extract_returns_document_record_first():
    recs = zhextract.extract("2024年，全市新增企业100家。", date="2024-06-20", doc_id="x")
    assert recs[0]["type"] == "document" and recs[0]["doc"] == "x"
    assert recs[0]["anchor_date"] == "2024-06-20" and recs[0]["anchor_source"] == "input"


def test_spacy_path_gives_the_same_records_as_the_lean_path():
    from pathlib import Path

    from zhextract.pipeline import Pipeline

    text = (Path(__file__).parent.parent / "seeds" / "shenyang-gongjian.txt").read_text(encoding="utf-8")
    nlp = zhextract.load()
    assert zhextract.extract(text, "2024-06-20", "s", nlp=nlp) == Pipeline().records("s", text, "2024-06-20")


def test_jsonl_writes_utf8_as_is_and_survives_lone_surrogates():
    import json

    from zhextract.output.jsonl import dumps

    assert dumps({"doc": "a", "text": "沈阳"}) == '{"doc":"a","text":"沈阳"}\n'.encode()
    line = dumps({"doc": "a", "text": "x\ud800沈阳"})
    assert line == b'{"doc":"a","text":"x\\ud800' + "沈阳".encode() + b'"}\n'
    assert json.loads(line)["text"] == "x\ud800沈阳"


RESOLVE_CASES = [
    # (mentions as (type, start, end), kept)
    ([("place", 0, 2), ("company", 0, 13)], [("company", 0, 13)]),             # 沈阳 in 沈阳金丰春…有限公司
    ([("company", 0, 2), ("project", 0, 8)], [("project", 0, 8)]),             # 华为 in 华为辽宁区域总部
    ([("project", 3, 7), ("company", 3, 7)], [("company", 3, 7)]),             # same span: the company
    ([("organization", 0, 6), ("project", 0, 6)], [("project", 0, 6)]),       # a centre unveiled
    ([("place", 0, 4), ("organization", 2, 9)], [("organization", 2, 9)]),     # crossing: the longer
    ([("place", 0, 3), ("place", 0, 3)], [("place", 0, 3)]),                   # duplicates collapse
    ([("place", 0, 2), ("place", 5, 7), ("person", 2, 5)], [("place", 0, 2), ("person", 2, 5), ("place", 5, 7)]),
]


@pytest.mark.parametrize("given,kept", RESOLVE_CASES)
def test_resolve_overlaps(given, kept):
    from zhextract.resolve import resolve_overlaps

    out = resolve_overlaps([Mention(t, s, e, "x" * (e - s), "test") for t, s, e in given])
    assert [(m.type, m.start, m.end) for m in out] == kept


def test_resolve_is_fast_on_many_mentions():
    import time

    from zhextract.resolve import resolve_overlaps

    many = [Mention("place", i, i + 2, "沈阳", "test") for i in range(0, 200_000, 2)]
    t = time.perf_counter()
    assert len(resolve_overlaps(many)) == len(many)
    assert time.perf_counter() - t < 2.0  # quadratic would take minutes
