"""One place, one policy for overlaps between kinds of named things.

Policy (ANNOTATION.md): spans are minimal and the longer name is what is meant.
Among companies, organizations, projects, people and places:
  1. a mention inside a longer mention of another kind is dropped
     (沈阳 in 沈阳金丰春航空科技有限公司; 华为 in 华为辽宁区域总部);
  2. of two mentions with the same span, the kind earlier in PRIORITY wins;
  3. of two crossing mentions, the longer wins (the earlier on a tie);
  4. duplicates of one kind and span collapse to one.
Dates and claims are left alone here: their extractors already skip numbers
inside names, and a claim's context needs the dates as found.
"""
from __future__ import annotations

from .extract.base import Context, Mention

ENTITY_TYPES = ("project", "organization", "company", "person", "place")
PRIORITY = {t: i for i, t in enumerate(ENTITY_TYPES)}


def resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep a set of non-crossing entity mentions per the policy above."""
    ranked = sorted(mentions, key=lambda m: (-(m.end - m.start), PRIORITY.get(m.type, 99), m.start))
    kept: list[Mention] = []
    # Accepted spans, checked in order of length: a shorter mention that overlaps
    # any accepted one at all loses (nested or crossing).
    for m in ranked:
        if any(k.start < m.end and m.start < k.end for k in kept):
            continue
        kept.append(m)
    kept.sort(key=lambda m: (m.start, m.end))
    return kept


def resolve_entities(ctx: Context) -> None:
    """Apply the overlap policy to the entity kinds in `ctx.mentions`, in place."""
    entities = [m for t in ENTITY_TYPES for m in ctx.mentions.get(t, [])]
    kept = resolve_overlaps(entities)
    for t in ENTITY_TYPES:
        ctx.mentions[t] = [m for m in kept if m.type == t]
