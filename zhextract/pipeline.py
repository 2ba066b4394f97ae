"""The one place that orders the steps.

A spaCy blank `zh` pipeline whose tokenizer is our own segmenter and whose
components are the steps below, in order. Each step is a plain function of the
`Context`; its component stores what it found in `ctx.mentions` and in
`doc.spans["zhextract_<type>"]`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from .extract import (claims, companies, dates, organizations, people, places,
                      projects)
from .extract.base import Context, Mention
from .extract.document import describe_document
from .resolve import resolve_entities

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
