"""Find claim mentions (stub: the extractor of this kind is not written yet)."""
from __future__ import annotations

from .base import Context, Mention


def find_claims(ctx: Context) -> list[Mention]:
    return []
