"""The default segmenter (jieba-rs through rjieba) gives jieba.lcut's words, word for word.

The rules read token boundaries, so a segmenter that drifted from jieba would
change records silently; these tests hold the two to the same words on every
text of the corpora, the seeds and the held-out sets, and on random text built
from the characters where the two implementations could disagree."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhextract.segment import JiebaPySegmenter, JiebaSegmenter, make_segmenter

ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=None)
def segmenters() -> tuple[JiebaSegmenter, JiebaPySegmenter]:
    return JiebaSegmenter(), JiebaPySegmenter()


def corpus_texts() -> list[str]:
    import yaml

    texts = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("seeds/*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("tests/heldout*/*.txt"))]

    def strings(node):
        if isinstance(node, str):
            yield node
        elif isinstance(node, dict):
            for v in node.values():
                yield from strings(v)
        elif isinstance(node, list):
            for v in node:
                yield from strings(v)

    for path in sorted((ROOT / "tests" / "corpus").glob("*.yaml")):
        texts += [s for s in strings(yaml.safe_load(path.read_text(encoding="utf-8"))) if len(s) > 1]
    return texts


def test_same_words_as_jieba_on_every_corpus_text():
    rs, py = segmenters()
    texts = corpus_texts()
    assert len(texts) > 1000
    differ = [t for t in texts if rs.words(t) != py.words(t)]
    assert not differ, differ[:3]


@pytest.mark.parametrize("text, words", [
    # jieba-rs alone keeps these runs whole; jieba splits them, and so do we.
    ("2024-01-05发布", ["2024", "-", "01", "-", "05", "发布"]),
    ("1-5月增长3.5%", ["1", "-", "5", "月", "增长", "3.5%"]),
    ("rate_of增长", ["rate", "_", "of", "增长"]),
    # A CJK extension ideograph is a word of its own for jieba.
    ("王㐀明说", ["王", "㐀", "明说"]),
    # A lone surrogate cannot reach Rust; it stays a word of its own.
    ("沈阳\ud800市", ["沈阳", "\ud800", "市"]),
])
def test_block_differences_are_undone(text, words):
    rs, py = segmenters()
    assert rs.words(text) == words == py.words(text)


ALPHABET = ("abcXYZ019.-+#&_%/:，。、 \t\n\r\u3000()（）《》“”—~·１２ＡＢ①Ⅲ㐀鿖\uf900𠀀〇\x00"
            "沈阳市有限公司增长亿元万吨年月日号线同比")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_same_words_as_jieba_on_random_text(text):
    rs, py = segmenters()
    assert rs.words(text) == py.words(text)
    assert "".join(rs.words(text)) == text


def test_segmenter_names():
    assert make_segmenter("jieba").name == "jieba"
    assert make_segmenter("jieba-py").name == "jieba-py"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\n\n"])
def test_a_long_text_is_cut_in_pieces_with_the_same_words(newline):
    rs, py = segmenters()
    text = newline.join(corpus_texts())
    assert len(text) > 100_000  # several pieces
    assert rs.words(text) == py.words(text)
