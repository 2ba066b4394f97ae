"""Lexicon matching: many words against one text in one pass (Aho-Corasick).

Generic on purpose, so that every extractor matches its word lists the same way:

    matcher = build_automaton({"宁德时代": "宁德时代新能源科技股份有限公司", "华为": "华为"})
    find_all(matcher, text)      # every occurrence: [(start, end, value)], by start
    find_longest(matcher, text)  # leftmost-longest, non-overlapping
    user_matcher(ctx.lexicon, "place")   # the user's --lexicon names of one type: surface -> canonical

Over whole documents, use the shared pass (one automaton search per document for
every registered word list, kept on the context):

    share(lambda: lexicons().heads)      # at import: register a loader (no work done)
    find_all_in(ctx, matcher)            # == find_all(matcher, ctx.text)
    finditer_at(ctx, pattern, matcher)   # == pattern.finditer(ctx.text) for a pattern
                                         #    whose matches begin with one of the words
    find_words(words, text)              # == find_all(build_automaton(words), text), for
                                         #    per-document lists (str.find when short)

`words` may be a mapping word -> value or an iterable of words (value = word).
Build automata lazily and cache them (`functools.lru_cache` on a loader), never
at import time; one automaton is built once per process and shared.
Offsets are code points into the text as given (`end` exclusive).
"""
from __future__ import annotations

import functools
import operator
import re
from typing import Any, Callable, Iterable, Mapping

import ahocorasick

try:
    import ahocorasick_rs as _rs
except ImportError:  # optional: pyahocorasick gives the same matches, slower
    _rs = None


class Matcher:
    """An automaton over a word list (or nothing, for an empty list), built on first use.

    With `ahocorasick_rs` installed (a Rust Aho-Corasick with a dense automaton,
    4-8x faster than pyahocorasick on lexicons of thousands of Chinese names, whose
    nodes look up children by a linear scan) `automaton` is one of its automata and
    `values[i]` the value of pattern i (`words[i]`); otherwise a pyahocorasick
    automaton holding (len, value) pairs. Both give the same matches.
    The automaton itself is built when first searched: a word list matched only
    through the shared pass (`share`, `find_all_in`) never builds its own."""

    __slots__ = ("_automaton", "size", "values", "_filler", "words", "_build")

    def __init__(self, automaton: Any, size: int, values: list | None = None, filler: str | None = "",
                 words: list | None = None, build: Any = None) -> None:
        self._automaton = automaton
        self.size = size
        self.values = values
        self._filler = filler
        self.words = words            # the words, in pattern order (`values[i]` is words[i]'s)
        self._build = build           # builds the automaton on first use (filler None: found on first need)

    @property
    def automaton(self) -> Any:
        if self._build is not None:
            self._automaton = self._build()
            self._build = None
        return self._automaton

    @property
    def filler(self) -> str:
        """A character no word contains (stands for lone surrogates, which cannot
        cross into Rust), found on first need."""
        if self._filler is None:
            alphabet = set().union(*(self.words or ()))
            self._filler = next(c for c in "\x00\x01\x02\ufffe\uffff\U0010fffe" if c not in alphabet)
        return self._filler

    def __len__(self) -> int:
        return self.size


def _build_rs(patterns: list[str]) -> Any:
    return _rs.AhoCorasick(patterns, matchkind=_rs.MatchKind.Standard)


def _table(words: Mapping[str, Any] | Iterable[str]) -> dict[str, Any]:
    """word -> value of a word list (value = word for a plain iterable), empty words
    dropped, a repeated word keeping its last value."""
    items = words.items() if isinstance(words, Mapping) else ((w, w) for w in words)
    return {word: value for word, value in items if word}


def build_automaton(words: Mapping[str, Any] | Iterable[str]) -> Matcher:
    """An automaton over `words`; empty words are ignored (a repeated word keeps its last value)."""
    table = _table(words)
    if not table:
        return Matcher(None, 0)
    if _rs is not None:
        patterns = list(table)
        return Matcher(None, len(table), list(table.values()), None, patterns,
                       build=functools.partial(_build_rs, patterns))
    automaton = ahocorasick.Automaton()
    for word, value in table.items():
        automaton.add_word(word, (len(word), value))
    automaton.make_automaton()
    return Matcher(automaton, len(table), words=list(table))


_START, _END = operator.itemgetter(0), operator.itemgetter(1)


def _sort_hits(hits: list) -> None:
    """Sort (start, end, value) hits by (start, -end) in place: two stable sorts on
    C key functions (by end, longest first, then by start)."""
    hits.sort(key=_END, reverse=True)
    hits.sort(key=_START)


_SURROGATE = re.compile("[\ud800-\udfff]")


def find_all(matcher: Matcher, text: str) -> list[tuple[int, int, Any]]:
    """Every occurrence of every word, as (start, end, value), sorted by (start, -end)."""
    if not matcher.size or not text:
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
    _sort_hits(out)
    return out


def find_longest(matcher: Matcher, text: str) -> list[tuple[int, int, Any]]:
    """Leftmost-longest occurrences that do not overlap, as (start, end, value)."""
    return longest_of(find_all(matcher, text))


def longest_of(hits: list[tuple[int, int, Any]]) -> list[tuple[int, int, Any]]:
    """Of `find_all`'s hits, the leftmost-longest that do not overlap."""
    out: list[tuple[int, int, Any]] = []
    last_end = 0
    for start, end, value in hits:
        if start >= last_end:
            out.append((start, end, value))
            last_end = end
    return out


# ---------------------------------------------------------------- one pass, many word lists
#
# Each extractor matches several fixed word lists against the whole document
# (company suffixes and listed names, the place gazetteer, organization heads and
# names, role words, project heads...). A search costs about the same whatever the
# list, so they share ONE pass per document: the extractor modules register a
# loader of each such matcher at import (`share`, no work done then); on first use
# one automaton over the union of their words is built (the matchers' own automata
# are then never built), and `find_all_in(ctx, matcher)` gives exactly
# `find_all(matcher, ctx.text)`, from that document's pass, kept on the context.

_SHARED: list[Callable[[], Matcher]] = []


def share(loader: Callable[[], Matcher]) -> Callable[[], Matcher]:
    """Register a loader of a matcher searched over whole documents (call at import)."""
    _SHARED.append(loader)
    return loader


class _Union:
    __slots__ = ("loaders", "matchers", "slot", "matcher", "first_slot", "first_value")

    def __init__(self, loaders: tuple) -> None:
        self.loaders = loaders
        self.matchers = [load() for load in loaders]
        self.slot = {id(m): k for k, m in enumerate(self.matchers)}
        # pattern j of the union: words[j], its targets values[j] = ((slot, value), ...)
        words: list[str] = []
        values: list[tuple] = []
        index: dict[str, int] = {}
        for k, m in enumerate(self.matchers):
            for word, value in zip(m.words or (), m.values or ()):
                j = index.get(word)
                if j is None:
                    index[word] = len(words)
                    words.append(word)
                    values.append(((k, value),))
                else:
                    values[j] += ((k, value),)
        self.matcher = build_automaton(dict(zip(words, values)))
        # pattern j's target when it has one only (most words): no inner loop per hit
        self.first_slot = [t[0][0] if len(t) == 1 else -1 for t in values]
        self.first_value = [t[0][1] if len(t) == 1 else None for t in values]


_UNION: list[_Union] = []


def _union() -> _Union | None:
    if _rs is None or not _SHARED:
        return None
    if not _UNION or len(_UNION[0].loaders) != len(_SHARED):
        _UNION[:] = [_Union(tuple(_SHARED))]
    return _UNION[0]


def _distribute(u: _Union, text: str) -> list[list]:
    """The union's hits over `text`, one list per registered matcher, each sorted
    like `find_all` (no intermediate list of all hits: fewer objects for the GC)."""
    m = u.matcher
    if not m.size or not text:
        return [[] for _ in u.matchers]
    try:
        hits = m.automaton.find_matches_as_indexes(text, overlapping=True)
    except UnicodeEncodeError:
        hits = m.automaton.find_matches_as_indexes(_SURROGATE.sub(m.filler, text), overlapping=True)
    values, first_slot, first_value = m.values, u.first_slot, u.first_value
    lists: list[list] = [[] for _ in u.matchers]
    for i, s, e in hits:
        k = first_slot[i]
        if k >= 0:
            lists[k].append((s, e, first_value[i]))
        else:
            for slot, value in values[i]:
                lists[slot].append((s, e, value))
    del hits
    for one in lists:
        _sort_hits(one)
    return lists


def find_all_in(ctx: Any, matcher: Matcher) -> list[tuple[int, int, Any]]:
    """`find_all(matcher, ctx.text)` (a new list), from the document's shared pass
    when `matcher` is a registered one (see `share`)."""
    text = ctx.text
    u = _union()
    k = u.slot.get(id(matcher)) if u is not None else None
    if k is None or u.matchers[k] is not matcher or not text:
        return find_all(matcher, text)
    memo = ctx.memo()
    entry = memo.get("gazetteer.shared")
    if entry is None or entry[0] is not text or entry[1] is not u:
        entry = memo["gazetteer.shared"] = (text, u, _distribute(u, text))
    return list(entry[2][k])


def finditer_at(ctx: Any, pattern: Any, words: Matcher | None, timeout: float | None = None):
    """`pattern.finditer(ctx.text)` for a pattern whose every match begins with one
    of `words` and that looks at nothing before its start (no lookbehind, no ^):
    tried only where such a word starts (hits from the document's shared pass when
    `words` is registered), not at every character. `words` None: plain finditer."""
    text = ctx.text
    if words is None:
        yield from pattern.finditer(text, timeout=timeout)
        return
    last = -1
    end = 0
    for s, _e, _v in find_all_in(ctx, words):
        if s == last or s < end:
            continue
        last = s
        m = pattern.match(text, s, timeout=timeout)
        if m is not None:
            end = m.end()
            yield m


# A word list is looked for word by word with str.find (C speed, nothing to build)
# when it is short or the text is: at most FEW_WORDS words, or words x characters
# within FIND_BUDGET; otherwise by an automaton (the cost stays linear in the text).
FEW_WORDS = 12
FIND_BUDGET = 2_000_000


def find_words(words: Mapping[str, Any] | Iterable[str], text: str) -> list[tuple[int, int, Any]]:
    """`find_all(build_automaton(words), text)` for a word list built per document
    (names found in it, their short forms): a few words are found with str.find."""
    table = _table(words)
    if len(table) > FEW_WORDS and len(table) * len(text) > FIND_BUDGET:
        return find_all(build_automaton(table), text)
    out = []
    for word, value in table.items():
        n = len(word)
        i = text.find(word)
        while i >= 0:
            out.append((i, i + n, value))
            i = text.find(word, i + 1)
    _sort_hits(out)
    return out


def user_matcher(lexicon: Any, kind: str) -> Matcher:
    """An automaton over the user lexicon's names of one type (surface -> canonical),
    cached per distinct set of entries; empty when there is no user lexicon."""
    entries = lexicon.of_type(kind) if lexicon else {}
    return _cached(tuple(sorted(entries.items())))


@functools.lru_cache(maxsize=16)
def _cached(items: tuple) -> Matcher:
    return build_automaton(dict(items))
