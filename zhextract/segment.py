"""Segmenters: jieba (computed by jieba-rs, word for word the same), the reference
Python jieba (our own `jieba.Tokenizer`, never the global one), or spacy-pkuseg.

Tokens are a view used for boundaries; offsets always come from the raw text.
Every segmenter returns words that join back into the text exactly.
"""
from __future__ import annotations

import os
import re
from itertools import accumulate
from pathlib import Path
from typing import Protocol

from .errors import SegmenterError
from .ruleset import cache_dir, cached

PKUSEG_HELP = (
    "spacy-pkuseg ships no model and zhextract never downloads one. Pass --pkuseg-model DIR, "
    "a folder holding a trained model (features.msgpack or features.pkl, and weights.npz): download one of the "
    "released pkuseg models (e.g. 'spacy_ontonotes' or 'mixed' from the pkuseg releases) on a "
    "machine with network access and unpack it, or train one from segmented text with "
    "spacy_pkuseg.train(train_file, test_file, model_dir)."
)


class Segmenter(Protocol):
    name: str

    def words(self, text: str) -> list[str]: ...


class JiebaSegmenter:
    """jieba's precise mode, HMM on: the default segmenter, 15-20x faster than jieba.

    The words come from jieba-rs (the `rjieba` binding), a Rust port of jieba with
    the same dictionary and algorithm. It splits text into blocks slightly
    differently, and both differences are undone here, so that the words are
    jieba.lcut's words (tests/test_segment.py checks it on every corpus text and
    on random text):
    - jieba-rs counts CJK extension ideographs as Han; jieba treats each as a
      block boundary and a word of its own, so the text is split at them first
      (and at lone surrogates, which rjieba cannot take);
    - jieba-rs keeps 2024-01 or rate_of as one word; jieba's HMM step splits
      such runs into alphanumerics and the symbols between them.
    Without rjieba installed, the reference Python jieba does the work."""

    name = "jieba"

    def __init__(self) -> None:
        try:
            import rjieba
        except ImportError:
            self.words = JiebaPySegmenter().words  # type: ignore[method-assign]
            return
        # rjieba builds its default instance when imported (0.2 s); a second one
        # would double that start-up cost. We never add words, so the default one
        # gives exactly jieba's dictionary.
        self._jieba = rjieba

    def words(self, text: str) -> list[str]:
        if len(text) > 2 * _CHUNK:
            # A long text in pieces that end after a newline: jieba words never cross
            # one, and one call on a megabyte-long text ran 20% slower per character.
            out, start = [], 0
            while start < len(text):
                cut = text.find("\n", start + _CHUNK)
                end = len(text) if cut < 0 else cut + 1
                out.extend(self._block_words(text[start:end]))
                start = end
            return out
        return self._block_words(text)

    def _block_words(self, text: str) -> list[str]:
        if _SPLIT_FIRST.search(text) is None:
            return self._words(text)
        out: list[str] = []
        for i, piece in enumerate(_SPLIT_FIRST.split(text)):
            if i % 2:
                out.append(piece)
            elif piece:
                out.extend(self._words(piece))
        return out

    def _words(self, text: str) -> list[str]:
        words = self._jieba.cut(text)
        if _SYMBOL_IN_WORD.search(text) is None:
            return words
        out: list[str] = []
        for w in words:
            if (len(w) > 1 and _SYMBOL_IN_WORD.search(w) and not _HAN.search(w)
                    and not _ALNUM_RUN.fullmatch(w) and not self._jieba.has_word(w)):
                out.extend(x for x in _ALNUM_RUN.split(w) if x)
            else:
                out.append(w)
        return out


_CHUNK = 20_000  # characters

# Words of their own for jieba, cut around first: characters jieba-rs treats as Han
# and jieba (0.42: \u4E00-\u9FD5) does not, and lone surrogates (which cannot
# cross into Rust as UTF-8).
_SPLIT_FIRST = re.compile("([\ud800-\udfff\u3400-\u4DBF\u9FD6-\u9FFF\uF900-\uFAFF\U00020000-\U0002FA1F])")
# The symbols jieba allows inside a block besides letters and digits.
_SYMBOL_IN_WORD = re.compile(r"[-+#&._%]")
_HAN = re.compile("[\u4E00-\u9FD5]")
# jieba's HMM step (finalseg) splits a non-Han run around these.
_ALNUM_RUN = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")


class JiebaPySegmenter:
    """The reference: jieba itself (Python), with our own dictionary instance."""

    name = "jieba-py"

    def __init__(self) -> None:
        import logging

        import jieba

        # jieba logs "Building prefix dict..." at DEBUG on its own logger; keep the
        # library quiet without configuring logging globally.
        logging.getLogger("jieba").setLevel(logging.WARNING)
        self._tokenizer = jieba.Tokenizer()
        self._tokenizer.tmp_dir = str(cache_dir())
        _load_dictionary(self._tokenizer)

    def words(self, text: str) -> list[str]:
        return self._tokenizer.lcut(text)


def _load_dictionary(tokenizer) -> None:
    """Load jieba's prefix dictionary from our pickle cache in the user cache folder.

    jieba caches its dictionary with marshal, which loads in about 0.5 s here;
    the same dict from pickle loads in under 0.2 s, and start-up time is a
    product figure. The cache is keyed by jieba's version and rebuilt by jieba
    itself when missing or unreadable."""
    import jieba

    def build() -> tuple[dict, int]:
        tokenizer.initialize()
        return tokenizer.FREQ, tokenizer.total

    tokenizer.FREQ, tokenizer.total = cached(cache_dir() / f"jieba-{jieba.__version__}-dict.pickle", build)
    tokenizer.initialized = True


class PkusegSegmenter:
    """spacy-pkuseg with a model folder given by the user."""

    name = "pkuseg"

    def __init__(self, model_dir: str | os.PathLike[str] | None) -> None:
        if not model_dir:
            raise SegmenterError(f"--segmenter pkuseg needs --pkuseg-model DIR. {PKUSEG_HELP}")
        path = Path(model_dir)
        # spacy-pkuseg's trainer writes features.msgpack; the released models carry features.pkl.
        if not path.is_dir() or not any((path / f).exists() for f in ("features.msgpack", "features.pkl")):
            raise SegmenterError(f"{path}: not a pkuseg model folder (no features.msgpack or features.pkl). "
                                 f"{PKUSEG_HELP}")
        import spacy_pkuseg

        try:
            self._model = spacy_pkuseg.pkuseg(model_name=str(path))
        except Exception as e:  # the library raises bare exceptions on bad models
            raise SegmenterError(f"{path}: cannot load the pkuseg model: {e}") from e

    def words(self, text: str) -> list[str]:
        # pkuseg drops whitespace; put it back so that words join into the text.
        out: list[str] = []
        pos = 0
        for word in self._model.cut(text):
            i = text.find(word, pos)
            if i < 0:  # a word pkuseg altered: skip it, the gap is kept as one token
                continue
            if i > pos:
                out.append(text[pos:i])
            out.append(word)
            pos = i + len(word)
        if pos < len(text):
            out.append(text[pos:])
        return out


def make_segmenter(name: str = "jieba", pkuseg_model: str | None = None) -> Segmenter:
    if name == "jieba":
        return JiebaSegmenter()
    if name == "jieba-py":
        return JiebaPySegmenter()
    if name == "pkuseg":
        return PkusegSegmenter(pkuseg_model)
    raise SegmenterError(f"unknown segmenter {name!r}: use jieba, jieba-py or pkuseg")


def token_spans(words: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each word in the text the words join into."""
    ends = list(accumulate(map(len, words)))
    return list(zip([0, *ends[:-1]], ends)) if ends else []
