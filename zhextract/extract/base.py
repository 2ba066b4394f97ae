"""What every extractor takes and gives: a `Context` in, a list of `Mention`s out.

An extractor is a module in this package with one entry point
``find_<kind>(ctx: Context) -> list[Mention]``. It reads the raw text (never a
rewritten copy), may use the jieba token boundaries for where a name can start
or end, and may read what earlier steps found in ``ctx.mentions`` (the claims
step reads dates and places, for instance). The pipeline stores what it
returns under ``ctx.mentions[<type>]``.
"""
from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, Literal

_FIRST = itemgetter(0)      # a token's start

MentionType = Literal["company", "organization", "project", "person", "place", "date", "claim"]
AnchorSource = Literal["input", "text", "none"]


@dataclass(slots=True)
class Mention:
    """One thing found. `start`/`end` are code-point offsets, `end` exclusive."""

    type: str
    start: int
    end: int
    text: str
    rule: str
    # Type-specific fields, in the order OUTPUT.md lists them: name, role,
    # value, mod, dtype, unit, kind, qualifier, metric, change, period, place.
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Anchor:
    """The date relative expressions resolve against. Parts the article does not
    tell are None (a year alone is a valid anchor: 今年 resolves, 今天 does not)."""

    year: int | None
    month: int | None = None
    day: int | None = None
    source: AnchorSource = "none"

    @classmethod
    def from_iso(cls, value: str, source: AnchorSource = "input") -> "Anchor":
        d = dt.date.fromisoformat(value)
        return cls(d.year, d.month, d.day, source)

    def iso(self) -> str | None:
        if self.year is None:
            return None
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(slots=True)
class Context:
    """The document as the extractors see it."""

    text: str
    tokens: list[tuple[int, int]]        # segmenter tokens as (start, end) offsets
    sentences: list[tuple[int, int]]     # sentence spans as (start, end) offsets
    anchor: Anchor = field(default_factory=lambda: Anchor(None))
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    lexicon: Any = None                  # zhextract.lexicon.UserLexicon or None
    title: str | None = None
    byline: str | None = None
    _token_starts: list[int] | None = None
    _token_start_set: frozenset[int] | None = None
    _sentence_starts: list[int] | None = None

    def token_starts(self) -> list[int]:
        """Sorted start offsets of tokens (for bisect)."""
        if self._token_starts is None:
            self._token_starts = list(map(_FIRST, self.tokens))
        return self._token_starts

    def is_token_start(self, offset: int) -> bool:
        return offset in self.token_start_set()

    def is_token_end(self, offset: int) -> bool:
        """True when a token ends at `offset` (the end of the text counts)."""
        return offset == len(self.text) or self.is_token_start(offset)

    def token_at(self, offset: int) -> tuple[int, int] | None:
        """The token covering `offset`, or None past the end."""
        starts = self.token_starts()
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0 or i >= len(self.tokens):
            return None
        return self.tokens[i]

    def sentence_index(self, offset: int) -> int:
        """0-based index of the sentence containing `offset`."""
        if self._sentence_starts is None:
            self._sentence_starts = [s for s, _ in self.sentences]
        return max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)

    def sentence_of(self, offset: int) -> tuple[int, int]:
        if not self.sentences:
            return (0, len(self.text))
        return self.sentences[self.sentence_index(offset)]

    # ---- appended (speed): a per-document scratch dict for derived look-ups
    _memo: dict | None = None

    def memo(self) -> dict:
        """A per-document dict where extractors keep structures derived from the
        context (hit lists of an automaton over the text, sorted spans of earlier
        mentions), built once, on first use. Keys must name what the entry was
        built from (see `spans_cover`), so that a stale entry is never read."""
        if self._memo is None:
            self._memo = {}
        return self._memo

    def token_start_set(self) -> frozenset[int]:
        """The token start offsets as a set (what `is_token_start` looks in)."""
        if self._token_start_set is None:
            self._token_start_set = frozenset(self.token_starts())
        return self._token_start_set

    def spans_cover(self, spans: list, start: int, end: int) -> bool:
        """True when one of `spans` (objects with .start/.end, e.g. the mentions of
        an earlier step) contains [start, end): `any(m.start <= start and end <= m.end
        for m in spans)` in O(log n) (sorted starts, running maximum of the ends,
        built once per list)."""
        if not spans:
            return False
        memo = self.memo()
        key = ("spans_cover", id(spans))
        entry = memo.get(key)
        if entry is None or entry[0] is not spans or entry[1] != len(spans):
            pairs = sorted((m.start, m.end) for m in spans)
            starts = [s for s, _ in pairs]
            ends, top = [], -1
            for _, e in pairs:
                top = e if e > top else top
                ends.append(top)
            entry = memo[key] = (spans, len(spans), starts, ends)
        i = bisect.bisect_right(entry[2], start) - 1
        return i >= 0 and entry[3][i] >= end
