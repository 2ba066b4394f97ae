"""Sentence boundaries for Chinese news: 。！？；… and line breaks end a sentence;
a closing quote or bracket right after the end mark stays with it (他说：“好。”)."""
from __future__ import annotations

from .regex_cache import compile_regex

# An end mark run (。！？；… ! ? ;), then any closing quotes/brackets; or a line break run.
_BOUNDARY = compile_regex(r"[。！？；!?;…]+[”’」』）)】]*\n*|\n+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans covering the whole text, in order, none empty."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if end > start:
            spans.append((start, end))
        start = end
    if start < len(text):
        spans.append((start, len(text)))
    return spans
