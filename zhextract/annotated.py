"""Records joined with their texts: what `render` and `export` work on.

Records (OUTPUT.md) carry offsets, not the article, so a tool that shows or
converts them needs the texts too. They come from anything `zhextract extract`
reads (a folder of ID.txt, the original {"id","text","date"} JSONL, a .txt
file): the document ids then match by construction. Or the records are made on
the spot from the articles (`extract_annotated`).

Both sides are streamed: records are grouped per document (they are contiguous,
document record first); texts are read in order and kept only while a record
group has not asked for them yet, so inputs in the same order (the usual case)
hold one text at a time.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

import orjson

from .errors import InputError, ZhextractError

MENTION_TYPES = ("company", "organization", "project", "person", "place", "date", "claim")


class UsageProblem(ZhextractError):
    """The arguments do not fit together (records without their texts, say): the CLI exits 2."""


@dataclass
class AnnotatedDoc:
    """One document: its id, its text, its `document` record and its mentions (in order)."""

    id: str
    text: str
    document: dict[str, Any]
    mentions: list[dict[str, Any]] = field(default_factory=list)


def read_records(path: str | Path) -> Iterator[dict[str, Any]]:
    """The records of a JSONL file, one dict a line; InputError names the bad line."""
    try:
        stream = open(path, "rb")
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror or e}") from None
    with stream:
        for n, raw in enumerate(stream, 1):
            if n == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            if not raw.strip():
                continue
            try:
                rec = orjson.loads(raw)
            except orjson.JSONDecodeError as e:
                raise InputError(f"{path}:{n}: not JSON: {e}") from None
            if not isinstance(rec, dict) or "doc" not in rec or "type" not in rec:
                raise InputError(f"{path}:{n}: not a zhextract record (needs `doc` and `type`)")
            yield rec


def is_records_file(path: str | Path) -> bool:
    """True when `path` is a file whose first line is a zhextract record (a JSON
    object with `doc` and `type`), whatever its extension; False for articles
    ({"id","text"} lines, .txt files, folders) and standard input."""
    p = Path(path)
    if str(path) == "-" or not p.is_file():
        return False
    with open(p, "rb") as f:
        for _ in range(100):  # the first non-blank line, within reason
            raw = f.readline(1 << 20).removeprefix(b"\xef\xbb\xbf")
            if not raw:
                return False
            if not raw.strip():
                continue
            if not raw.lstrip().startswith(b"{"):
                return False
            try:
                obj = orjson.loads(raw)
            except orjson.JSONDecodeError:
                return False
            return isinstance(obj, dict) and "type" in obj and "doc" in obj
    return False


def group_records(records: Iterable[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any] | None, list[dict[str, Any]]]]:
    """(doc id, document record or None, mentions) for each run of records of one document."""
    doc_id: str | None = None
    document: dict[str, Any] | None = None
    mentions: list[dict[str, Any]] = []
    for rec in records:
        rid = str(rec["doc"])
        if rid != doc_id or (rec["type"] == "document" and (document is not None or mentions)):
            if doc_id is not None:
                yield doc_id, document, mentions
            doc_id, document, mentions = rid, None, []
        if rec["type"] == "document":
            document = rec
        elif rec["type"] in MENTION_TYPES:
            mentions.append(rec)
    if doc_id is not None:
        yield doc_id, document, mentions


class _TextLookup:
    """Texts by id from `iter_inputs` sources, read lazily in order."""

    def __init__(self, sources: list[str]) -> None:
        from .io.inputs import InputProblem, iter_inputs

        self._items = iter_inputs(sources)
        self._problem = InputProblem
        self._seen: dict[str, str] = {}
        self._sources = sources

    def get(self, doc_id: str) -> str:
        if doc_id in self._seen:
            return self._seen.pop(doc_id)
        for item in self._items:
            if isinstance(item, self._problem):
                raise InputError(str(item))
            if item.id == doc_id:
                return item.text
            self._seen[item.id] = item.text
        raise InputError(f"no text for document {doc_id!r} in {', '.join(self._sources)} "
                         "(give the articles the records were made from)")


def check_fits(doc: AnnotatedDoc) -> None:
    """InputError unless every mention's `text` is `text[start:end]` of the document."""
    chars = doc.document.get("chars")
    if isinstance(chars, int) and chars != len(doc.text):
        raise InputError(f"document {doc.id!r}: the records say {chars} characters, its text has "
                         f"{len(doc.text)}: not the text these records were made from")
    for m in doc.mentions:
        try:
            start, end = int(m["start"]), int(m["end"])
        except (KeyError, TypeError, ValueError):
            raise InputError(f"document {doc.id!r}: a {m.get('type')} record has no valid start/end") from None
        if not 0 <= start <= end <= len(doc.text) or doc.text[start:end] != m.get("text", doc.text[start:end]):
            raise InputError(f"document {doc.id!r}: {m.get('type')} {m.get('text')!r} at {start}-{end} "
                             f"does not match the text there ({doc.text[start:end]!r})")


def join_texts(records: Iterable[dict[str, Any]], texts: list[str]) -> Iterator[AnnotatedDoc]:
    """Each document of `records` with its text from `texts` (paths as `zhextract extract` takes them)."""
    lookup = _TextLookup(texts)
    for doc_id, document, mentions in group_records(records):
        text = lookup.get(doc_id)
        if document is None:
            document = {"doc": doc_id, "type": "document", "chars": len(text)}
        doc = AnnotatedDoc(doc_id, text, document, mentions)
        check_fits(doc)
        yield doc


def extract_annotated(inputs: list[str], date: str | None = None, nlp: Any = None) -> Iterator[AnnotatedDoc]:
    """Run the pipeline over articles (paths as `zhextract extract` takes them)."""
    from . import load
    from .io.inputs import InputProblem, iter_inputs
    from .runner import process

    for item in iter_inputs(inputs):
        if isinstance(item, InputProblem):
            raise InputError(str(item))
        if nlp is None:
            nlp = load()
        records = process(nlp, item.id, item.text, item.date or date)
        yield AnnotatedDoc(item.id, item.text, records[0], records[1:])


def annotated_docs(inputs: list[str], texts: list[str] | None = None,
                   date: str | None = None) -> Iterator[AnnotatedDoc]:
    """Documents with their mentions: from record files joined with `texts`, or,
    when `inputs` are articles, extracted on the spot. InputError when records
    come without texts is a UsageProblem."""
    record_files = [p for p in inputs if is_records_file(p)]
    if record_files and len(record_files) != len(inputs):
        raise UsageProblem("give either record files (with --texts) or articles, not both")
    if not record_files:
        if texts:
            raise UsageProblem(f"{inputs[0]} holds articles, not records: --texts is for record files")
        yield from extract_annotated(inputs, date)
        return
    if not texts:
        raise UsageProblem(f"{record_files[0]} holds records without their texts: add --texts with "
                         "the articles they were made from (a folder of ID.txt or the input JSONL)")

    def all_records() -> Iterator[dict[str, Any]]:
        for path in record_files:
            yield from read_records(path)

    yield from join_texts(all_records(), texts)
