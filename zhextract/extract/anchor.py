"""Infer the anchor date from the article (stub: the dates issue fills it in)."""
from __future__ import annotations

from .base import Anchor


def infer_anchor(text: str) -> Anchor:
    return Anchor(None, source="none")
