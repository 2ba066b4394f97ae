"""Run the pipeline over one document and turn the result into records."""
from __future__ import annotations

from typing import Any

from spacy.language import Language

from .components import CTX_KEY, DATE_KEY, ERROR_KEY
from .output.records import document_records
from .pipeline import all_mentions


def process(nlp: Language, doc_id: str, text: str, date: str | None = None) -> list[dict[str, Any]]:
    """Records of one document: its `document` record, then its mentions in order."""
    doc = nlp.make_doc(text)
    doc.user_data[DATE_KEY] = date
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    ctx = doc.user_data[CTX_KEY]
    return document_records(doc_id, ctx, all_mentions(ctx), doc.user_data.get(ERROR_KEY))
