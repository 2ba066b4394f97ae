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

_default_nlp = None


def load(segmenter: str = "jieba", pkuseg_model: str | None = None,
         lexicons: list[str] | tuple[str, ...] = ()) -> "Language":
    """Build the pipeline: a spaCy blank `zh` Language with our components."""
    from .components import build

    return build(segmenter=segmenter, pkuseg_model=pkuseg_model, lexicons=lexicons)


def extract(text: str, date: str | None = None, doc_id: str = "doc",
            nlp: "Language | None" = None) -> list[dict[str, Any]]:
    """The records for one text (document record first), as dicts.
    `date` (YYYY-MM-DD) anchors relative dates; without it the article's own date is inferred."""
    global _default_nlp
    from .runner import process

    if nlp is None:
        if _default_nlp is None:
            _default_nlp = load()
        nlp = _default_nlp
    return process(nlp, doc_id, text, date)
