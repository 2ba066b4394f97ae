"""Lexicon matching: many words against one text in one pass (Aho-Corasick).

Generic on purpose, so that every extractor matches its word lists the same way:

    matcher = build_automaton({"宁德时代": "宁德时代新能源科技股份有限公司", "华为": "华为"})
    find_all(matcher, text)      # every occurrence: [(start, end, value)], by start
    find_longest(matcher, text)  # leftmost-longest, non-overlapping
    user_matcher(ctx.lexicon, "place")   # the user's --lexicon names of one type: surface -> canonical

`words` may be a mapping word -> value or an iterable of words (value = word).
Build automata lazily and cache them (`functools.lru_cache` on a loader), never
at import time; one automaton is built once per process and shared.
Offsets are code points into the text as given (`end` exclusive).
"""
from __future__ import annotations

import functools
from typing import Any, Iterable, Mapping

import ahocorasick


class Matcher:
    """A built automaton (or nothing, for an empty word list)."""

    __slots__ = ("automaton", "size")

    def __init__(self, automaton: Any, size: int) -> None:
        self.automaton = automaton
        self.size = size

    def __len__(self) -> int:
        return self.size


def build_automaton(words: Mapping[str, Any] | Iterable[str]) -> Matcher:
    """An automaton over `words`; empty words are ignored."""
    items = words.items() if isinstance(words, Mapping) else ((w, w) for w in words)
    automaton = ahocorasick.Automaton()
    n = 0
    for word, value in items:
        if word:
            automaton.add_word(word, (len(word), value))
            n += 1
    if n == 0:
        return Matcher(None, 0)
    automaton.make_automaton()
    return Matcher(automaton, n)


def find_all(matcher: Matcher, text: str) -> list[tuple[int, int, Any]]:
    """Every occurrence of every word, as (start, end, value), sorted by (start, -end)."""
    if matcher.automaton is None or not text:
        return []
    out = [(end + 1 - n, end + 1, value) for end, (n, value) in matcher.automaton.iter(text)]
    out.sort(key=lambda t: (t[0], -t[1]))
    return out


def find_longest(matcher: Matcher, text: str) -> list[tuple[int, int, Any]]:
    """Leftmost-longest occurrences that do not overlap, as (start, end, value)."""
    out: list[tuple[int, int, Any]] = []
    last_end = 0
    for start, end, value in find_all(matcher, text):
        if start >= last_end:
            out.append((start, end, value))
            last_end = end
    return out


def user_matcher(lexicon: Any, kind: str) -> Matcher:
    """An automaton over the user lexicon's names of one type (surface -> canonical),
    cached per distinct set of entries; empty when there is no user lexicon."""
    entries = lexicon.of_type(kind) if lexicon else {}
    return _cached(tuple(sorted(entries.items())))


@functools.lru_cache(maxsize=16)
def _cached(items: tuple) -> Matcher:
    return build_automaton(dict(items))
