"""Find place mentions (stub: the extractor of this kind is not written yet)."""
from __future__ import annotations

from .base import Context, Mention


def find_places(ctx: Context) -> list[Mention]:
    return []
