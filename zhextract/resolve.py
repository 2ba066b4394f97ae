"""One place, one policy for overlaps between kinds of named things.

Policy (ANNOTATION.md): spans are minimal and the longer name is what is meant.
Among companies, organizations, projects, people and places:
  1. a mention inside a longer mention of another kind is dropped
     (沈阳 in 沈阳金丰春航空科技有限公司; 华为 in 华为辽宁区域总部);
  2. of two mentions with the same span, the kind earlier in SAME_SPAN_PRIORITY wins;
  3. of two crossing mentions, the longer wins (the earlier on a tie);
  4. duplicates of one kind and span collapse to one.
Dates and claims are left alone here: their extractors already skip numbers
inside names, and a claim's context needs the dates as found.
"""
from __future__ import annotations

from .extract.base import Context, Mention

ENTITY_TYPES = ("project", "organization", "company", "person", "place")
# Of two mentions with the same span, the kind earlier here wins. A name that
# is a whole company's name is the company (三菱树脂 in a list of projects named
# by their investors). A project beats an organization: the projects extractor
# emits a 研究院 or 研发中心 only where the sentence builds, opens or unveils it
# (ANNOTATION.md), and an item of a 等N个…项目 list is a project whatever its head.
SAME_SPAN_PRIORITY = {t: i for i, t in enumerate(("company", "project", "organization", "person", "place"))}


def resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep a set of non-overlapping entity mentions per the policy above.

    Longest first; each candidate is checked against the characters the accepted
    ones cover (a byte per character, searched in C), so the cost stays linear in
    the text however many mentions a long document has."""
    if not mentions:
        return []
    ranked = sorted(mentions, key=lambda m: (-(m.end - m.start), SAME_SPAN_PRIORITY.get(m.type, 99), m.start))
    covered = bytearray(max(m.end for m in mentions))
    kept: list[Mention] = []
    for m in ranked:
        if covered.find(1, m.start, m.end) >= 0:
            continue
        covered[m.start:m.end] = b"\x01" * (m.end - m.start)
        kept.append(m)
    kept.sort(key=lambda m: (m.start, m.end))
    return kept


def resolve_entities(ctx: Context) -> None:
    """Apply the overlap policy to the entity kinds in `ctx.mentions`, in place."""
    entities = [m for t in ENTITY_TYPES for m in ctx.mentions.get(t, [])]
    kept = resolve_overlaps(entities)
    for t in ENTITY_TYPES:
        ctx.mentions[t] = [m for m in kept if m.type == t]
