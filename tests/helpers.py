"""Shared test helpers: build a Context the way the pipeline does, without spaCy."""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

from zhextract.extract.base import Anchor, Context, Mention
from zhextract.segment import JiebaSegmenter, token_spans
from zhextract.sentences import split_sentences

CORPUS = Path(__file__).parent / "corpus"


@functools.lru_cache(maxsize=1)
def segmenter() -> JiebaSegmenter:
    return JiebaSegmenter()


def make_context(text: str, anchor: str | Anchor | None = None,
                 mentions: dict[str, list[Mention]] | None = None) -> Context:
    """A Context for `text`: jieba tokens, sentences, an anchor (ISO date, a year
    such as "2024", an Anchor, or None) and any mentions of earlier steps."""
    if isinstance(anchor, str):
        parts = [int(p) for p in anchor.split("-")]
        anchor = Anchor(*parts, source="input")  # type: ignore[arg-type]
    return Context(
        text=text,
        tokens=token_spans(segmenter().words(text)),
        sentences=split_sentences(text),
        anchor=anchor or Anchor(None),
        mentions=dict(mentions or {}),
    )


def load_corpus(name: str) -> Any:
    with open(CORPUS / name, encoding="utf-8") as f:
        return yaml.safe_load(f)
