"""The record of each type, defined once: field order as OUTPUT.md lists it."""
from __future__ import annotations

from typing import Any

from ..extract.base import Anchor, Context, Mention

SCHEMA = 1
# Type-specific fields, in output order; every listed field is always written.
TYPE_FIELDS: dict[str, tuple[str, ...]] = {
    "company": ("name",),
    "organization": ("name",),
    "project": ("name",),
    "place": ("name",),
    "person": ("name", "role"),
    "date": ("value", "mod", "dtype"),
    "claim": ("value", "unit", "kind", "qualifier", "metric", "change", "period", "place"),
}
# Written only when present, right after `value`.
OPTIONAL_FIELDS: dict[str, tuple[str, ...]] = {"claim": ("value_max",)}
TYPE_ORDER = {t: i for i, t in enumerate(TYPE_FIELDS)}


def document_record(doc_id: str, text: str, anchor: Anchor, title: str | None,
                    byline: str | None, error: str | None = None) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "doc": doc_id,
        "type": "document",
        "schema": SCHEMA,
        "chars": len(text),
        "anchor_date": anchor.iso(),
        "anchor_source": anchor.source if anchor.year is not None else "none",
        "title": title,
        "byline": byline,
    }
    if error:
        rec["error"] = error
    return rec


def mention_record(doc_id: str, m: Mention, sent: int) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "doc": doc_id,
        "type": m.type,
        "text": m.text,
        "start": m.start,
        "end": m.end,
        "sent": sent,
        "rule": m.rule,
    }
    optional = OPTIONAL_FIELDS.get(m.type, ())
    for key in TYPE_FIELDS[m.type]:
        value = m.attrs.get(key)
        if key == "name" and value is None:
            value = m.text
        rec[key] = value
        if key == "value":  # value_max, for a range only, right after value (OUTPUT.md's order)
            for extra in optional:
                if m.attrs.get(extra) is not None:
                    rec[extra] = m.attrs[extra]
    return rec


def sort_key(m: Mention) -> tuple[int, int, int]:
    return (m.start, -m.end, TYPE_ORDER.get(m.type, 99))


def document_records(doc_id: str, ctx: Context, mentions: list[Mention],
                     error: str | None = None) -> list[dict[str, Any]]:
    """The document record, then its mentions sorted by (start, -end, type)."""
    out = [document_record(doc_id, ctx.text, ctx.anchor, ctx.title, ctx.byline, error)]
    for m in sorted(mentions, key=sort_key):
        out.append(mention_record(doc_id, m, ctx.sentence_index(m.start)))
    return out
