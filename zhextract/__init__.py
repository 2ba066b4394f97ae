"""zhextract: companies, organizations, projects, people, places, dates and
numeric claims out of Chinese news, as normalized JSONL records.

    import zhextract
    nlp = zhextract.load()                       # a spaCy Language
    records = zhextract.extract("前5个月沈阳…", date="2024-06-20")

Imports are lazy so that `import zhextract` costs nothing until used.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

# The subpackage `zhextract.extract` (the extractors) shares its name with the
# function `zhextract.extract` below. Importing the (empty, cheap) subpackage
# first binds the attribute once; the function defined afterwards takes it over,
# and later imports of `zhextract.extract.<module>` no longer touch it.
from . import extract as _extractors  # noqa: F401

__version__ = "0.1.0"

if TYPE_CHECKING:
    from spacy.language import Language

_default_pipeline = None


def load(segmenter: str = "jieba", pkuseg_model: str | None = None,
         lexicons: list[str] | tuple[str, ...] = ()) -> "Language":
    """Build the pipeline: a spaCy blank `zh` Language with our components."""
    from .components import build

    return build(segmenter=segmenter, pkuseg_model=pkuseg_model, lexicons=lexicons)


def extract(text: str, date: str | None = None, doc_id: str = "doc",
            nlp: "Language | None" = None) -> list[dict[str, Any]]:
    """The records for one text (document record first), as dicts.
    `date` (YYYY-MM-DD) anchors relative dates; without it the article's own date is inferred.
    With `nlp` (from `load()`), the spaCy pipeline runs; else the same steps run without spaCy."""
    global _default_pipeline
    if nlp is not None:
        from .runner import process

        return process(nlp, doc_id, text, date)
    if _default_pipeline is None:
        from .pipeline import Pipeline

        _default_pipeline = Pipeline()
    return _default_pipeline.records(doc_id, text, date)
