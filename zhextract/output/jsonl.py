"""JSON lines out: UTF-8 as is (no \\u escapes), fixed key order, one record a line.

orjson is used for speed: it writes dicts in insertion order and never escapes
non-ASCII, which is exactly what the contract asks."""
from __future__ import annotations

from typing import Any, BinaryIO, Iterable

import orjson


def dumps(record: dict[str, Any]) -> bytes:
    return orjson.dumps(record) + b"\n"


def write_records(out: BinaryIO, records: Iterable[dict[str, Any]]) -> int:
    n = 0
    for rec in records:
        out.write(dumps(rec))
        n += 1
    return n
