"""spaCy glue: our tokenizer and one registered component per pipeline step.

The components are thin: each calls the step's plain function on the
document's `Context` (kept in ``doc.user_data["zhextract"]``) and mirrors what it
found into ``doc.spans["zhextract_<type>"]``.

Offsets policy: records keep the exact character offsets of the match. spaCy
spans must sit on token boundaries, so a span in ``doc.spans`` is widened to the
tokens that cover the match (``alignment_mode="expand"``); the exact mention is
on the span as ``span._.zhextract`` (its record fields) and the number of widened
spans is counted in ``doc.user_data["zhextract_misaligned"]``.
"""
from __future__ import annotations

from typing import Any


from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from .regex_cache import compile_regex
from .extract.base import Context
from .pipeline import STEPS, new_context, run_steps
from .resolve import ENTITY_TYPES
from .segment import Segmenter, make_segmenter, token_spans

CTX_KEY = "zhextract"
_SURROGATE = compile_regex(r"[\ud800-\udfff]")
DATE_KEY = "zhextract_date"
ERROR_KEY = "zhextract_error"

if not Span.has_extension("zhextract"):
    Span.set_extension("zhextract", default=None)


class ZhTokenizer:
    """Words from our own segmenter, no spaces: the words join into the text."""

    def __init__(self, vocab, segmenter: Segmenter) -> None:
        self.vocab = vocab
        self.segmenter = segmenter

    def __call__(self, text: str) -> Doc:
        words = self.segmenter.words(text) if text else []
        spans = token_spans(words)
        if _SURROGATE.search(text):
            # spaCy's StringStore cannot hold a lone surrogate: the Doc gets U+FFFD in its
            # place (one for one, offsets hold) and the steps read the original text.
            words = [_SURROGATE.sub("\ufffd", w) for w in words]
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        doc.user_data["zhextract_tokens"] = spans
        doc.user_data["zhextract_text"] = text
        return doc

    # spaCy serializes tokenizers; ours has no state beyond its configuration.
    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> "ZhTokenizer":
        return self

    def to_disk(self, path, **kwargs: Any) -> None:
        pass

    def from_disk(self, path, **kwargs: Any) -> "ZhTokenizer":
        return self


@registry.tokenizers("zhextract.Tokenizer.v1")
def create_tokenizer(segmenter: str = "jieba", pkuseg_model: str | None = None):
    def make(nlp: Language) -> ZhTokenizer:
        return ZhTokenizer(nlp.vocab, make_segmenter(segmenter, pkuseg_model))

    return make


def get_context(doc: Doc) -> Context:
    return doc.user_data[CTX_KEY]


@Language.factory("zhextract_document", default_config={"lexicons": []})
def make_document_component(nlp: Language, name: str, lexicons: list[str]):
    """Sentences, headline, byline and anchor date; builds the step context.
    `lexicons`: user TSV files (surface, type, canonical) the extractors consult."""
    from .lexicon import load_user_lexicon

    lexicon = load_user_lexicon(lexicons)

    def document_component(doc: Doc) -> Doc:
        tokens = doc.user_data.get("zhextract_tokens") or [(t.idx, t.idx + len(t)) for t in doc]
        ctx = new_context(doc.user_data.get("zhextract_text", doc.text), tokens, doc.user_data.get(DATE_KEY), lexicon)
        doc.user_data[CTX_KEY] = ctx
        _set_sentence_starts(doc, tokens, ctx.sentences)
        return doc

    return document_component


def _set_sentence_starts(doc: Doc, tokens: list[tuple[int, int]], sentences: list[tuple[int, int]]) -> None:
    """Mark sentence starts in one array write (setting tokens one by one is quadratic)."""
    if not len(doc):
        return
    import numpy

    starts = {s for s, _ in sentences}
    values = numpy.fromiter((1 if s in starts else -1 for s, _ in tokens), dtype=numpy.int64, count=len(tokens))
    values[0] = 1
    doc.from_array(["SENT_START"], values.astype(numpy.uint64).reshape(-1, 1))


def _step_component(step_name: str):
    step = next(s for s in STEPS if s[0] == step_name)

    def component(doc: Doc) -> Doc:
        if doc.user_data.get(ERROR_KEY):
            return doc
        ctx = get_context(doc)
        error = run_steps(ctx, [step])
        if error:
            doc.user_data[ERROR_KEY] = error
        _publish_spans(doc, ctx, [step[1]] if step[1] else ENTITY_TYPES)
        return doc

    return component


def _publish_spans(doc: Doc, ctx: Context, kinds) -> None:
    misaligned = doc.user_data.get("zhextract_misaligned", 0)
    for kind in kinds:
        mentions = ctx.mentions.get(kind, [])
        spans = []
        for m in mentions:
            span = doc.char_span(m.start, m.end, label=kind, alignment_mode="expand")
            if span is None:
                continue
            if span.start_char != m.start or span.end_char != m.end:
                misaligned += 1
            span._.zhextract = m.attrs
            spans.append(span)
        doc.spans[f"zhextract_{kind}"] = spans
    doc.user_data["zhextract_misaligned"] = misaligned


for _name, _kind, _fn in STEPS:
    Language.factory(_name)(lambda nlp, name, _n=_name: _step_component(_n))


def build(segmenter: str = "jieba", pkuseg_model: str | None = None,
          lexicons: list[str] | tuple[str, ...] = ()) -> Language:
    """A blank `zh` pipeline with our tokenizer and every step as a component."""
    import spacy

    nlp = spacy.blank(
        "zh",
        config={"nlp": {"tokenizer": {"@tokenizers": "zhextract.Tokenizer.v1",
                                      "segmenter": segmenter, "pkuseg_model": pkuseg_model}}},
    )
    nlp.add_pipe("zhextract_document", config={"lexicons": [str(p) for p in lexicons]})
    for name, _kind, _fn in STEPS:
        nlp.add_pipe(name)
    return nlp
