"""JSON lines out: UTF-8 as is (no \\u escapes), fixed key order, one record a line.

orjson is used for speed: it writes dicts in insertion order and never escapes
non-ASCII, which is exactly what the contract asks. Lone surrogates (possible
in JSONL input such as "\\ud800") have no UTF-8 form: they alone are written as
\\u escapes, which JSON readers decode back to the same code point, so offsets
still hold.
"""
from __future__ import annotations

import json
from typing import Any

import orjson
from ..regex_cache import compile_regex

_SURROGATE = compile_regex(r"[\ud800-\udfff]")


def dumps(record: dict[str, Any]) -> bytes:
    try:
        return orjson.dumps(record) + b"\n"
    except orjson.JSONEncodeError:
        text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        text = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
        return text.encode("utf-8") + b"\n"

