"""Our records, joined with their texts, in the import formats of annotation tools.

- `doccano`: JSONL for a sequence-labeling project, one line per document:
  ``{"text": ..., "label": [[start, end, "company"], ...], "doc": ID}``
  (doccano keeps the extra `doc` column as metadata).
- `label-studio`: a JSON list of tasks, each with ``data`` (``text``, ``doc``)
  and one prediction whose ``result`` holds a region per mention:
  ``{"from_name": "label", "to_name": "text", "type": "labels",
  "value": {"start", "end", "text", "labels": [type]}}``. `LABEL_CONFIG_XML`
  is the matching labeling interface.
- `spacy`: a `DocBin` (``.spacy`` file) of Docs whose ``doc.spans[key]`` holds
  every mention with its type as label and its normalized form (canonical
  name, date or claim value) as ``kb_id``; the records of each document are in
  ``doc.user_data["zhextract"]``. Tokens are single characters by default (as
  spaCy's own `zh` default), so every span is exactly the mention; with
  ``tokens="jieba"`` they are our segmenter's words and a mention that starts
  or ends inside a word is widened to it (counted in the result).

Offsets are Unicode code points of the text, which is what doccano and
current Label Studio count (both index the text as Python does).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Literal

import orjson

from . import __version__
from .annotated import MENTION_TYPES, AnnotatedDoc

Format = Literal["doccano", "label-studio", "spacy"]
FORMATS: tuple[str, ...] = ("doccano", "label-studio", "spacy")
SPANS_KEY = "sc"  # the key spaCy's spancat component reads by default

LABEL_CONFIG_XML = (
    "<View>\n  <Labels name=\"label\" toName=\"text\">\n"
    + "".join(f"    <Label value=\"{t}\"/>\n" for t in MENTION_TYPES)
    + "  </Labels>\n  <Text name=\"text\" value=\"$text\"/>\n</View>\n"
)


@dataclass
class ExportStats:
    documents: int = 0
    mentions: int = 0
    widened: int = 0  # spaCy spans widened to token boundaries (tokens="jieba" only)


def _span(m: dict[str, Any]) -> tuple[int, int]:
    return int(m["start"]), int(m["end"])


def doccano_line(doc: AnnotatedDoc) -> dict[str, Any]:
    return {"text": doc.text, "label": [[*_span(m), m["type"]] for m in doc.mentions], "doc": doc.id}


def label_studio_task(doc: AnnotatedDoc) -> dict[str, Any]:
    result = []
    for i, m in enumerate(doc.mentions):
        start, end = _span(m)
        result.append({
            "id": f"m{i}",
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {"start": start, "end": end, "text": doc.text[start:end], "labels": [m["type"]]},
        })
    return {"data": {"text": doc.text, "doc": doc.id},
            "predictions": [{"model_version": f"zhextract {__version__}", "result": result}]}


def write_doccano(docs: Iterable[AnnotatedDoc], out: BinaryIO) -> ExportStats:
    stats = ExportStats()
    for doc in docs:
        out.write(orjson.dumps(doccano_line(doc)) + b"\n")
        stats.documents += 1
        stats.mentions += len(doc.mentions)
    return stats


def write_label_studio(docs: Iterable[AnnotatedDoc], out: BinaryIO) -> ExportStats:
    """A JSON list of tasks, written one task at a time."""
    stats = ExportStats()
    out.write(b"[")
    for doc in docs:
        out.write((b",\n" if stats.documents else b"\n") + orjson.dumps(label_studio_task(doc)))
        stats.documents += 1
        stats.mentions += len(doc.mentions)
    out.write(b"\n]\n" if stats.documents else b"]\n")
    return stats


def _normal_form(m: dict[str, Any]) -> str:
    """What a span's kb_id holds: the canonical name, or the normalized value."""
    if m["type"] == "claim":
        value = m.get("value")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return f"{value} {m.get('unit') or ''}".strip() if value is not None else ""
    if m["type"] == "date":
        return str(m.get("value") or "")
    return str(m.get("name") or "")


def spacy_docs(docs: Iterable[AnnotatedDoc], tokens: str = "char", spans_key: str = SPANS_KEY,
               stats: ExportStats | None = None):
    """spaCy Docs with the mentions in ``doc.spans[spans_key]``."""
    import spacy
    from spacy.tokens import Doc

    stats = stats if stats is not None else ExportStats()
    vocab = spacy.blank("zh").vocab  # its default segmenter is "char"
    segmenter = None
    if tokens == "jieba":
        from .segment import JiebaSegmenter

        segmenter = JiebaSegmenter()
    elif tokens != "char":
        raise ValueError(f"tokens must be 'char' or 'jieba', not {tokens!r}")
    for doc in docs:
        words = segmenter.words(doc.text) if segmenter is not None else list(doc.text)
        sdoc = Doc(vocab, words=words, spaces=[False] * len(words))
        spans = []
        for m in doc.mentions:
            start, end = _span(m)
            span = sdoc.char_span(start, end, label=m["type"], kb_id=_normal_form(m))
            if span is None:
                span = sdoc.char_span(start, end, label=m["type"], kb_id=_normal_form(m),
                                      alignment_mode="expand")
                stats.widened += 1
            if span is not None:
                spans.append(span)
        sdoc.spans[spans_key] = spans
        sdoc.user_data["zhextract"] = {"doc": doc.id, "document": doc.document, "mentions": doc.mentions}
        stats.documents += 1
        stats.mentions += len(doc.mentions)
        yield sdoc


def write_spacy(docs: Iterable[AnnotatedDoc], path: str | Path, tokens: str = "char",
                spans_key: str = SPANS_KEY) -> ExportStats:
    """Write a DocBin to `path` (a `.spacy` file, as `spacy train` reads)."""
    from spacy.tokens import DocBin

    stats = ExportStats()
    bin_ = DocBin(store_user_data=True)
    for sdoc in spacy_docs(docs, tokens=tokens, spans_key=spans_key, stats=stats):
        bin_.add(sdoc)
    bin_.to_disk(path)
    return stats


def export(docs: Iterable[AnnotatedDoc], fmt: str, out: BinaryIO | None = None,
           path: str | Path | None = None, tokens: str = "char",
           spans_key: str = SPANS_KEY) -> ExportStats:
    """Write `docs` in format `fmt`: doccano and label-studio to the stream `out`;
    spacy to the file `path`."""
    if fmt == "doccano":
        assert out is not None
        return write_doccano(docs, out)
    if fmt == "label-studio":
        assert out is not None
        return write_label_studio(docs, out)
    if fmt == "spacy":
        if path is None:
            raise ValueError("a spaCy DocBin is binary: give a file path")
        return write_spacy(docs, path, tokens=tokens, spans_key=spans_key)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
