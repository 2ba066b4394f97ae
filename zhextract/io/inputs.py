"""Inputs: .txt files, folders of them, JSONL of {"id","text","date"}, standard input.

Everything is streamed: a JSONL file is read a line at a time, so memory does
not grow with the input. A problem with one input never stops the others: it
is yielded as an `InputProblem` naming the file (and line), and the caller
reports it and goes on.

Decoding (text is never altered after it; offsets count its code points):
UTF-8 with or without BOM, UTF-16 with BOM, else GB18030 (a superset of GBK
and GB2312). Bytes with NULs (without a UTF-16 BOM) or that decode in neither
are rejected as binary or undecodable.
"""
from __future__ import annotations

import codecs
import datetime as dt
import itertools
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Union

import orjson


@dataclass(frozen=True)
class InputDoc:
    id: str
    text: str
    date: str | None
    where: str  # file, or file:line, for messages


@dataclass(frozen=True)
class InputProblem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


Item = Union[InputDoc, InputProblem]

# Control characters other than tab, LF, CR, FF: a few are tolerated in news
# text (stray \x1a, say); many mean the file is not text.
_CONTROL = set(range(0, 9)) | {11} | set(range(14, 32))


def decode_bytes(data: bytes) -> tuple[str | None, str | None]:
    """(text, None) or (None, why it cannot be read as text)."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), None
        except UnicodeDecodeError as e:
            return None, f"not valid UTF-8 after its BOM (byte {e.start + 3})"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as e:
            return None, f"not valid UTF-16 after its BOM (byte {e.start})"
    if b"\x00" in data:
        return None, "binary file (NUL bytes), not text"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as e:
            return None, f"undecodable: neither UTF-8 nor GB18030 (byte {e.start})"
    sample = text[:4096]
    if sample and sum(ord(c) in _CONTROL for c in sample) > max(8, len(sample) // 100):
        return None, "binary file (control characters), not text"
    return text, None


def _check_date(value: object) -> str | None:
    """An ISO date string, or raise ValueError."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"`date` must be a YYYY-MM-DD string, got {value!r}")
    dt.date.fromisoformat(value)
    return value


def read_text_file(path: Path, doc_id: str) -> Item:
    where = str(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        return InputProblem(where, f"cannot read: {e.strerror or e}")
    if not data.strip():
        return InputProblem(where, "empty file, no text to extract from")
    text, why = decode_bytes(data)
    if text is None:
        return InputProblem(where, why or "undecodable")
    if not text.strip():
        return InputProblem(where, "empty file, no text to extract from")
    return InputDoc(doc_id, text, None, where)


def parse_jsonl_line(raw: bytes, where: str, default_id: str) -> Item | None:
    """One JSONL line to a document; None for a blank line."""
    if not raw.strip():
        return None
    try:
        obj = orjson.loads(raw)
    except orjson.JSONDecodeError as e:
        return InputProblem(where, f"malformed JSON line: {e}")
    if not isinstance(obj, dict):
        return InputProblem(where, "a JSONL line must be an object with `text`")
    text = obj.get("text")
    if text is None:
        return InputProblem(where, "line has no `text` field")
    if not isinstance(text, str):
        return InputProblem(where, "`text` must be a string")
    if not text.strip():
        return InputProblem(where, "`text` is empty")
    doc_id = obj.get("id")
    doc_id = default_id if doc_id is None or doc_id == "" else str(doc_id)
    try:
        date = _check_date(obj.get("date"))
    except ValueError as e:
        return InputProblem(where, f"bad `date` {obj.get('date')!r}: {e}")
    return InputDoc(doc_id, text, date, where)


def read_jsonl(stream: BinaryIO, name: str, stem: str) -> Iterator[Item]:
    for n, raw in enumerate(stream, 1):
        if n == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[3:]
        item = parse_jsonl_line(raw, f"{name}:{n}", f"{stem}:{n}")
        if item is not None:
            yield item


def read_jsonl_file(path: Path) -> Iterator[Item]:
    try:
        stream = open(path, "rb")
    except OSError as e:
        yield InputProblem(str(path), f"cannot read: {e.strerror or e}")
        return
    with stream:
        try:
            yield from read_jsonl(stream, str(path), path.stem)
        except OSError as e:
            yield InputProblem(str(path), f"read error: {e.strerror or e}")


def read_stdin(stream: BinaryIO | None = None) -> Iterator[Item]:
    """JSONL when the first non-blank character is `{`, else one article."""
    stream = stream if stream is not None else sys.stdin.buffer
    head = b""
    for line in stream:
        head += line
        if line.strip():
            break
    body = head.lstrip(b"\xef\xbb\xbf")
    if body.lstrip().startswith(b"{"):
        first = [head] if head.strip() else []
        yield from read_jsonl(itertools.chain(first, stream), "<stdin>", "stdin")
        return
    data = head + stream.read()
    if not data.strip():
        yield InputProblem("<stdin>", "empty input, no text to extract from")
        return
    text, why = decode_bytes(data)
    if text is None:
        yield InputProblem("<stdin>", why or "undecodable")
    else:
        yield InputDoc("stdin", text, None, "<stdin>")


def iter_inputs(args: Iterable[str]) -> Iterator[Item]:
    """Every document of every input argument, in order."""
    for arg in args:
        if arg == "-":
            yield from read_stdin()
            continue
        path = Path(arg)
        if path.is_dir():
            # A broken link is kept so that it is reported, not silently skipped.
            files = sorted(p for p in path.rglob("*.txt") if p.is_file() or p.is_symlink())
            if not files:
                yield InputProblem(arg, "folder holds no .txt files")
            for p in files:
                doc_id = p.relative_to(path).with_suffix("").as_posix()
                yield read_text_file(p, doc_id)
        elif not path.exists():
            yield InputProblem(arg, "no such file or folder")
        elif path.suffix.lower() == ".jsonl":
            yield from read_jsonl_file(path)
        else:
            yield read_text_file(path, path.stem)
