"""The one place that orders the steps.

Segment, split sentences, describe the document (headline, byline, anchor
date), then the STEPS below in order; each is a plain function of the
`Context` whose result is stored in `ctx.mentions[<type>]`.

Two ways run the same steps: `Pipeline` (used by the CLI and
`zhextract.extract`) calls them directly; `zhextract.load()` builds a spaCy
blank `zh` Language whose tokenizer is the same segmenter and whose components
wrap the same functions and also fill `doc.spans` (see components.py). Both
give identical records (tested). The CLI skips spaCy's Doc because importing
spaCy alone costs half a second of start-up.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from .extract import (claims, companies, dates, organizations, people, places,
                      projects)
from .extract.base import Context, Mention
from .extract.document import describe_document
from .lexicon import load_user_lexicon
from .output.records import document_records
from .resolve import resolve_entities
from .segment import make_segmenter, token_spans
from .sentences import split_sentences

# (component name, mention type it fills or None, function of the context)
STEPS: list[tuple[str, str | None, Callable[[Context], Any]]] = [
    ("zhextract_dates", "date", dates.find_dates),
    ("zhextract_places", "place", places.find_places),
    ("zhextract_companies", "company", companies.find_companies),
    ("zhextract_organizations", "organization", organizations.find_organizations),
    ("zhextract_projects", "project", projects.find_projects),
    ("zhextract_people", "person", people.find_people),
    ("zhextract_resolve", None, resolve_entities),
    ("zhextract_claims", "claim", claims.find_claims),
]


@dataclass
class Result:
    """What one document gives: its context (text, anchor, sentences), the
    mentions in output order, and the error that stopped it early, if any."""

    ctx: Context
    mentions: list[Mention]
    error: str | None = None


def run_steps(ctx: Context, steps=STEPS) -> str | None:
    """Run the extraction steps on a context; returns an error message if a rule
    timed out (what was found before it is kept)."""
    for name, kind, fn in steps:
        try:
            found = fn(ctx)
        except TimeoutError:
            return f"{name}: a rule timed out on this text; later steps skipped"
        if kind is not None:
            ctx.mentions[kind] = found
    return None


def all_mentions(ctx: Context) -> list[Mention]:
    return [m for group in ctx.mentions.values() for m in group]


def new_context(text: str, tokens: list[tuple[int, int]], date: str | None, lexicon: Any) -> Context:
    """The context every step sees: tokens, sentences, headline, byline, anchor."""
    ctx = Context(text=text, tokens=tokens, sentences=split_sentences(text), lexicon=lexicon)
    describe_document(ctx, date)
    return ctx


class Pipeline:
    """Segmenter + steps, without spaCy: `Pipeline().records("id", text, date)`."""

    def __init__(self, segmenter: str = "jieba", pkuseg_model: str | None = None,
                 lexicons: Iterable[str] = ()) -> None:
        self.segmenter = make_segmenter(segmenter, pkuseg_model)
        self.lexicon = load_user_lexicon(list(lexicons))

    def run(self, text: str, date: str | None = None) -> Result:
        ctx = new_context(text, token_spans(self.segmenter.words(text)) if text else [], date, self.lexicon)
        error = run_steps(ctx)
        return Result(ctx, all_mentions(ctx), error)

    def records(self, doc_id: str, text: str, date: str | None = None) -> list[dict[str, Any]]:
        with collector_paused():
            result = self.run(text, date)
            records = document_records(doc_id, result.ctx, result.mentions, result.error)
            del result  # freed by reference counting before the collector is back
        return records


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while one document runs, resumed after.

    A long document keeps many objects alive, and every full collection scans
    them all, so time per character grew with the document (x1.21 from 100k to
    1M characters; x1.12 paused). Reference counting still frees what the steps
    drop: their objects form no cycles. The caller's setting is restored."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
