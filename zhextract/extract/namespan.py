"""Where a name begins: the left edge of a suffix-anchored name (companies, organizations).

A name like 沈阳金丰春航空科技有限公司 is found from its right end (the legal form or
the organization head); its left edge is found by walking left over the segmenter
tokens until a token that cannot be part of a name: punctuation, quotes, a number,
a stop word (由, 推荐, 调研, 今年…), a count (6个, 两家) or the sentence start.

Policy for tokens that straddle the edge: jieba glues a one-character function
word to an unknown name (由赫瑞特/投资/管理/有限公司); a first token of three or
more characters that starts with such a character loses it (赫瑞特投资管理有限公司),
unless it is a conjunction with nothing to join on its left (和记黄埔有限公司 opening
a sentence).
"""
from __future__ import annotations

import bisect


from ..regex_cache import compile_regex
from .base import Context

# Characters a name is made of: Han, Latin letters, digits (inside 3M, 360), · & -.
NAME_TOKEN = compile_regex(r"[\p{Han}A-Za-zＡ-Ｚａ-ｚ0-9０-９·&\-]+")
DIGITS = compile_regex(r"[0-9０-９.．]+")
# 6个, 两家, 数十家, 28户: a count before a name-shaped phrase makes it generic.
COUNT = compile_regex(r"(?:[0-9０-９]+|[一二两三四五六七八九十百千万几数多]+)[个家户所批类项座]")
FUNCTION_CHARS = frozenset("由在从向对与和及把被让将据了")
OPEN_BRACKETS = {"）": "（", ")": "("}
# 原 "former" (由原中国中化集团有限公司, 原国家工商总局): the name that follows is the
# whole name, 原 and a function word glued to it are the boundary
_FORMER = frozenset({"原"} | {c + "原" for c in FUNCTION_CHARS})
_BRACKET_INNER = compile_regex(r"\p{Han}{2,8}|[A-Za-z]{2,8}")
_NAME_TAIL = compile_regex(r"[\p{Han}A-Za-zＡ-Ｚａ-ｚ0-9０-９·&\-]+$")


def is_subsequence(short: str, long: str) -> bool:
    """The characters of `short` appear in `long` in order (a short form of a name)."""
    it = iter(long)
    return all(ch in it for ch in short)


def token_index(ctx: Context, offset: int) -> int:
    """Index of the token that covers `offset` (or the last one before it)."""
    return max(0, bisect.bisect_right(ctx.token_starts(), offset) - 1)


# What a word is, memoized (the same words recur in every article): bit 1 a name
# token (NAME_TOKEN), 2 a count (COUNT), 4 a bare number (DIGITS).
_FLAGS: dict[str, int] = {}
_NAME, _COUNT, _DIGITS = 1, 2, 4


def word_flags(word: str) -> int:
    f = _FLAGS.get(word)
    if f is None:
        f = ((_NAME if NAME_TOKEN.fullmatch(word) else 0) | (_COUNT if COUNT.fullmatch(word) else 0)
             | (_DIGITS if DIGITS.fullmatch(word) else 0))
        if len(word) <= 32:
            if len(_FLAGS) > 100_000:
                _FLAGS.clear()
            _FLAGS[word] = f
    return f


def is_name_word(word: str) -> bool:
    """NAME_TOKEN.fullmatch(word), memoized."""
    return bool(word_flags(word) & _NAME)


def _is_name_char(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def left_edge(ctx: Context, end: int, stops: frozenset[str], max_len: int = 30,
              keep_and: bool = False) -> tuple[int, str]:
    """Walk left from `end` (exclusive right edge of the part to extend) and return
    (start, why) where why is what stopped the walk: "stop", "punct", "count",
    "sentence", "length". `start == end` when nothing name-like is to the left.
    `keep_and`: 和/与 inside a name (住房和城乡建设厅) continue the walk unless the word
    before them ends another name (清华大学和北京大学) - decided by the caller later."""
    text = ctx.text
    sent_start = ctx.sentence_of(max(0, end - 1))[0]
    starts = ctx.token_starts()
    tokens = ctx.tokens
    start = end
    pos = end
    while pos > sent_start:
        ch = text[pos - 1]
        if ch in OPEN_BRACKETS:
            # a bracketed place inside a name: 莱克电气绿能科技（苏州）有限公司, 远景(沈阳)…
            opener = text.rfind(OPEN_BRACKETS[ch], max(sent_start, pos - 12), pos - 1)
            inner = text[opener + 1:pos - 1] if opener >= 0 else ""
            if opener < 0 or not inner or not _BRACKET_INNER.fullmatch(inner):
                return start, "punct"
            # the bracket must have a name part on its left as well
            if opener == sent_start or not word_flags(text[opener - 1]) & _NAME:
                return start, "punct"
            pos = opener
            start = opener
            continue
        i = bisect.bisect_right(starts, pos - 1) - 1
        ts = tokens[i if i > 0 else 0][0]
        if ts < sent_start:
            ts = sent_start
        if end - ts > max_len and pos - ts > max_len:
            return start, "stop"      # a giant token (100k digits) is a boundary: never scan it
        word = text[ts:pos]
        flags = _FLAGS.get(word)
        if flags is None:
            flags = word_flags(word)
        if not flags & _NAME:
            # punctuation may share a token with letters only in odd input: cut at it
            m = _NAME_TAIL.search(word)
            if m and m.start() > 0:
                start = ts + m.start()
            return start, "punct"
        if word == "和" and _opening(text, ts, sent_start) and start < end and _single_char_token(ctx, pos):
            pass                  # 和/记/黄埔/有限公司: nothing to join on its left, and
            #                       the segmenter found no word after it (an unknown name)
        elif word in stops or word in _FORMER or (not keep_and and word in ("和", "与", "及")):
            if len(word) == 1 and start == end and ts > sent_start:
                # 由晋能控股集团 cut 由晋/能/控股集团: a one-character "stop" right before
                # the suffix, after a function character glued to a name character
                ps, pe = ctx.tokens[token_index(ctx, ts - 1)]
                prev = text[ps:pe]
                if pe == ts and len(prev) == 2 and prev[0] in FUNCTION_CHARS \
                        and _is_name_char(prev[1]) and prev not in stops:
                    return ps + 1, "stop"
            return start, "stop"
        if word == "方" and any(text[ts - k:pos] in stops for k in (2, 3, 4) if ts >= k):
            return start, "stop"      # 业主/方/江苏…有限公司: a party word cut by the segmenter
        if flags & _COUNT:
            return start, "count"
        if flags & _DIGITS and start < end:
            # digits inside a name only next to letters (3M, 360); a bare number ends it
            return start, "count"
        if word.endswith("的") and len(word) > 1:
            return start, "stop"
        if end - ts > max_len:
            return start, "length"
        start = ts
        pos = ts
        if (len(word) >= 3 or (len(word) == 2 and word[1] in "省市县区州")) \
                and word[0] in FUNCTION_CHARS and word[1:] not in stops \
                and not (word[0] == "和" and _opening(text, ts, sent_start)):
            # 由赫瑞特 -> 赫瑞特, 从市(住建局) -> 市 (the function word is the boundary)
            return start + 1, "stop"
    return start, "sentence"


def _opening(text: str, ts: int, sent_start: int) -> bool:
    """The word at `ts` opens the sentence or follows a non-name character."""
    return ts == sent_start or not word_flags(text[ts - 1]) & _NAME


def _single_char_token(ctx: Context, pos: int) -> bool:
    """The token starting at `pos` is one character long."""
    i = token_index(ctx, pos)
    s, e = ctx.tokens[i]
    return s == pos and e == pos + 1


def right_edge(ctx: Context, start: int, stops: frozenset[str], max_len: int = 12) -> int:
    """Walk right from `start` over name tokens until a stop word, punctuation or a
    number; the exclusive end (== start when nothing name-like follows)."""
    text = ctx.text
    sent_end = ctx.sentence_of(start)[1]
    pos = start
    i = token_index(ctx, start)
    while pos < sent_end and i < len(ctx.tokens):
        ts, te = ctx.tokens[i]
        te = min(te, sent_end)
        word = text[max(ts, pos):te]
        if not word or word_flags(word) & (_NAME | _DIGITS) != _NAME or word in stops:
            break
        if te - start > max_len:
            break
        pos = te
        i += 1
    return pos


# Verbs that join two parties (安徽省科技厅联合中国科学技术大学, 河北省商务厅组织长城汽车):
# one ends a name's left walk where the words before it already end a name.
CONNECTORS = compile_regex(r"联合|会同|协同|组织|委托|携手|联手|牵头|指导|邀请|同|跟|与|和|及")
_CONNECTOR_FIRST = frozenset("联会协组委携牵指邀同跟与和及")     # first characters of CONNECTORS


def cut_after_connector(text: str, start: int, end: int, ends_name, ctx: Context | None = None) -> int:
    """The start of the name in text[start:end] once a connector verb whose left part
    `ends_name(left)` (a complete name: 安徽省科技厅, 湖北联投集团) is cut away;
    `start` when there is none. With `ctx`, a connector must be whole words (not
    同 in 同济). Linear in end - start."""
    cut = start
    if _CONNECTOR_FIRST.isdisjoint(text[start:end]):
        return cut                # no connector in the span
    for m in CONNECTORS.finditer(text, start, end):
        if ctx is not None and not (ctx.is_token_start(m.start()) and ctx.is_token_end(m.end())):
            continue
        if m.start() > cut and m.end() < end and ends_name(text[cut:m.start()]):
            cut = m.end()
    return cut
