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
import re
from typing import Any, Iterable, Mapping

import ahocorasick

try:
    import ahocorasick_rs as _rs
except ImportError:  # optional: pyahocorasick gives the same matches, slower
    _rs = None


class Matcher:
    """A built automaton (or nothing, for an empty word list).

    With `ahocorasick_rs` installed (a Rust Aho-Corasick with a dense automaton,
    4-8x faster than pyahocorasick on lexicons of thousands of Chinese names, whose
    nodes look up children by a linear scan) `automaton` is one of its automata and
    `values[i]` the value of pattern i; otherwise a pyahocorasick automaton holding
    (len, value) pairs. Both give the same matches."""

    __slots__ = ("automaton", "size", "values", "filler")

    def __init__(self, automaton: Any, size: int, values: list | None = None, filler: str = "") -> None:
        self.automaton = automaton
        self.size = size
        self.values = values
        self.filler = filler

    def __len__(self) -> int:
        return self.size


def build_automaton(words: Mapping[str, Any] | Iterable[str]) -> Matcher:
    """An automaton over `words`; empty words are ignored (a repeated word keeps its last value)."""
    items = words.items() if isinstance(words, Mapping) else ((w, w) for w in words)
    table = {word: value for word, value in items if word}
    if not table:
        return Matcher(None, 0)
    if _rs is not None:
        patterns = list(table)
        alphabet = set().union(*patterns)
        # a lone surrogate cannot cross into Rust: such text is matched with the
        # surrogates replaced one-to-one by a character no word contains
        filler = next(c for c in "\x00\x01\x02\ufffe\uffff\U0010fffe" if c not in alphabet)
        automaton = _rs.AhoCorasick(patterns, matchkind=_rs.MatchKind.Standard)
        return Matcher(automaton, len(table), list(table.values()), filler)
    automaton = ahocorasick.Automaton()
    for word, value in table.items():
        automaton.add_word(word, (len(word), value))
    automaton.make_automaton()
    return Matcher(automaton, len(table))


def _by_start_longest(t: tuple) -> tuple:
    return (t[0], -t[1])


_SURROGATE = re.compile("[\ud800-\udfff]")


def find_all(matcher: Matcher, text: str) -> list[tuple[int, int, Any]]:
    """Every occurrence of every word, as (start, end, value), sorted by (start, -end)."""
    if matcher.automaton is None or not text:
        return []
    values = matcher.values
    if values is not None:
        try:
            hits = matcher.automaton.find_matches_as_indexes(text, overlapping=True)
        except UnicodeEncodeError:
            hits = matcher.automaton.find_matches_as_indexes(
                _SURROGATE.sub(matcher.filler, text), overlapping=True)
        out = [(s, e, values[i]) for i, s, e in hits]
    else:
        out = [(end + 1 - n, end + 1, value) for end, (n, value) in matcher.automaton.iter(text)]
    out.sort(key=_by_start_longest)
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
