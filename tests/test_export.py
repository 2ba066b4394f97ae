"""`zhextract export`: each output is what the receiving tool documents.

- doccano (sequence labeling, JSONL): one object a line, ``{"text", "label": [[start, end, label]]}``.
- Label Studio (JSON tasks with predictions): a list of ``{"data": {"text"}, "predictions":
  [{"result": [{"from_name", "to_name", "type": "labels", "value": {"start", "end", "text", "labels"}}]}]}``.
- spaCy: a DocBin that loads back into Docs with the mentions in ``doc.spans``.
"""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhextract.annotated import AnnotatedDoc
from zhextract.cli import app
from zhextract.export import LABEL_CONFIG_XML, spacy_docs

# Written for these tests; 𠮷 is outside the BMP (one code point, two UTF-16 units).
TEXTS = {
    "hz": "今年前5个月，杭州市实现规模以上工业增加值1520.3亿元，同比增长9.2%。",
    "sz/news-1": "𠮷祥科技有限公司在深圳市南山区投资约2亿元，建设研发中心。",
}


def mention(doc: str, type_: str, start: int, end: int, **fields) -> dict:
    return {"doc": doc, "type": type_, "text": TEXTS[doc][start:end], "start": start, "end": end,
            "sent": 0, "rule": "test", **fields}


RECORDS = [
    {"doc": "hz", "type": "document", "schema": 1, "chars": len(TEXTS["hz"]), "anchor_date": "2024-06-20",
     "anchor_source": "input", "title": None, "byline": None},
    mention("hz", "date", 0, 6, value="2024-01/2024-05", mod=None, dtype="DATE"),
    mention("hz", "place", 7, 10, name="杭州市"),
    mention("hz", "claim", 21, 29, value=152030000000, unit="元", kind="money", qualifier=None,
            metric="规模以上工业增加值", change=None, period="2024-01/2024-05", place="杭州市"),
    mention("hz", "claim", 34, 38, value=9.2, unit="%", kind="percent", qualifier=None,
            metric="规模以上工业增加值", change={"direction": "up", "basis": "yoy"},
            period="2024-01/2024-05", place="杭州市"),
    {"doc": "sz/news-1", "type": "document", "schema": 1, "chars": len(TEXTS["sz/news-1"]),
     "anchor_date": None, "anchor_source": "none", "title": None, "byline": None},
    mention("sz/news-1", "company", 0, 8, name="𠮷祥科技有限公司"),
    mention("sz/news-1", "place", 9, 12, name="深圳市"),
    mention("sz/news-1", "place", 12, 15, name="南山区"),
    mention("sz/news-1", "claim", 17, 21, value=200000000, unit="元", kind="money", qualifier="approx",
            metric=None, change=None, period=None, place="深圳市南山区"),
]


def test_fixture_offsets_are_right():
    for r in RECORDS:
        if r["type"] != "document":
            assert TEXTS[r["doc"]][r["start"]:r["end"]] == r["text"] != ""


@pytest.fixture
def records_and_texts(tmp_path: Path) -> tuple[Path, Path, Path]:
    records = tmp_path / "out.jsonl"
    records.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS), encoding="utf-8")
    folder = tmp_path / "articles"
    for doc_id, text in TEXTS.items():
        path = folder / f"{doc_id}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    jsonl = tmp_path / "articles.jsonl"
    jsonl.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
                             for i, t in reversed(TEXTS.items())), encoding="utf-8")  # other order on purpose
    return records, folder, jsonl


def mentions_of(doc_id: str) -> list[tuple[int, int, str]]:
    return [(r["start"], r["end"], r["type"]) for r in RECORDS if r["doc"] == doc_id and r["type"] != "document"]


def invoke(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.mark.parametrize("texts_kind", ["folder", "jsonl"])
def test_doccano_jsonl(records_and_texts, tmp_path, texts_kind):
    records, folder, jsonl = records_and_texts
    out = tmp_path / "doccano.jsonl"
    result = invoke("export", records, "--texts", folder if texts_kind == "folder" else jsonl,
                    "--to", "doccano", "-o", out)
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    for line, doc_id in zip(lines, TEXTS):
        obj = json.loads(line)
        assert obj["text"] == TEXTS[doc_id]
        assert all(isinstance(s, int) and isinstance(e, int) and isinstance(lab, str) for s, e, lab in obj["label"])
        assert [tuple(x) for x in obj["label"]] == mentions_of(doc_id)
        assert obj["doc"] == doc_id


def test_doccano_to_stdout(records_and_texts):
    records, folder, _ = records_and_texts
    result = invoke("export", records, "--texts", folder, "--to", "doccano")
    assert result.exit_code == 0
    assert [json.loads(line)["doc"] for line in result.stdout.splitlines()] == list(TEXTS)


def test_label_studio_tasks_with_predictions(records_and_texts, tmp_path):
    records, folder, _ = records_and_texts
    out = tmp_path / "tasks.json"
    result = invoke("export", records, "--texts", folder, "--to", "label-studio", "-o", out)
    assert result.exit_code == 0, result.output
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(tasks, list) and len(tasks) == 2
    config = ET.fromstring(LABEL_CONFIG_XML)
    labels_tag = config.find("Labels")
    allowed = {lab.get("value") for lab in labels_tag.findall("Label")}
    for task, doc_id in zip(tasks, TEXTS):
        text = task["data"]["text"]
        assert text == TEXTS[doc_id] and task["data"]["doc"] == doc_id
        assert isinstance(task["predictions"], list) and len(task["predictions"]) == 1
        prediction = task["predictions"][0]
        assert isinstance(prediction["model_version"], str)
        got = []
        for region in prediction["result"]:
            assert region["type"] == "labels"
            assert region["from_name"] == labels_tag.get("name")
            assert region["to_name"] == config.find("Text").get("name") == labels_tag.get("toName")
            value = region["value"]
            assert text[value["start"]:value["end"]] == value["text"]
            assert len(value["labels"]) == 1 and value["labels"][0] in allowed
            got.append((value["start"], value["end"], value["labels"][0]))
        assert got == mentions_of(doc_id)
        assert len({r["id"] for r in prediction["result"]}) == len(prediction["result"])


def test_spacy_docbin_round_trip(records_and_texts, tmp_path):
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    records, _, jsonl = records_and_texts
    out = tmp_path / "train.spacy"
    result = invoke("export", records, "--texts", jsonl, "--to", "spacy", "-o", out)
    assert result.exit_code == 0, result.output
    docs = list(DocBin().from_disk(out).get_docs(spacy.blank("zh").vocab))
    assert [d.text for d in docs] == list(TEXTS.values())
    for doc, doc_id in zip(docs, TEXTS):
        spans = doc.spans["sc"]
        assert [(s.start_char, s.end_char, s.label_) for s in spans] == mentions_of(doc_id)
        for span, rec in zip(spans, [r for r in RECORDS if r["doc"] == doc_id and r["type"] != "document"]):
            assert span.text == rec["text"]
            expected = rec.get("name") or (rec["value"] if rec["type"] == "date" else f"{rec['value']} {rec['unit']}")
            assert span.kb_id_ == expected
        assert doc.user_data["zhextract"]["doc"] == doc_id


def test_spacy_jieba_tokens_widen_and_count():
    doc = AnnotatedDoc("x", "浙江吉利控股集团", {"doc": "x", "type": "document"},
                       [{"doc": "x", "type": "company", "text": "吉利控", "start": 2, "end": 5, "name": "吉利"}])
    sdoc = next(spacy_docs([doc], tokens="jieba", spans_key="zh"))
    span = sdoc.spans["zh"][0]
    assert span.start_char <= 2 and span.end_char >= 5 and span.label_ == "company"


def test_spacy_needs_a_file(records_and_texts):
    records, folder, _ = records_and_texts
    assert invoke("export", records, "--texts", folder, "--to", "spacy").exit_code == 2


def test_unknown_format_is_usage_error(records_and_texts):
    records, folder, _ = records_and_texts
    assert invoke("export", records, "--texts", folder, "--to", "conll").exit_code == 2


def test_records_without_texts_is_usage_error(records_and_texts):
    records, _, _ = records_and_texts
    result = invoke("export", records, "--to", "doccano")
    assert result.exit_code == 2
    assert "--texts" in result.output


def test_wrong_texts_are_bad_input(records_and_texts, tmp_path):
    records, _, _ = records_and_texts
    other = tmp_path / "other.jsonl"
    other.write_text("".join(json.dumps({"id": i, "text": "别的文章" + t}, ensure_ascii=False) + "\n"
                             for i, t in TEXTS.items()), encoding="utf-8")
    result = invoke("export", records, "--texts", other, "--to", "doccano")
    assert result.exit_code == 1
    missing = tmp_path / "one.jsonl"
    missing.write_text(json.dumps({"id": "hz", "text": TEXTS["hz"]}, ensure_ascii=False) + "\n", encoding="utf-8")
    result = invoke("export", records, "--texts", missing, "--to", "doccano")
    assert result.exit_code == 1


def test_articles_are_extracted_on_the_spot(records_and_texts, tmp_path):
    _, _, jsonl = records_and_texts
    out = tmp_path / "doccano.jsonl"
    result = invoke("export", jsonl, "--to", "doccano", "-o", out, "--date", "2024-06-20")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [obj["doc"] for obj in lines] == list(reversed(list(TEXTS)))
    for obj in lines:
        assert all(0 <= s < e <= len(obj["text"]) for s, e, _ in obj["label"])


def test_records_file_recognised_whatever_its_name(records_and_texts, tmp_path):
    records, folder, _ = records_and_texts
    renamed = tmp_path / "records.json"
    renamed.write_bytes(b"\n" + records.read_bytes())
    result = invoke("export", renamed, "--texts", folder, "--to", "doccano")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2
