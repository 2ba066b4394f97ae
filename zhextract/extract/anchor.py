"""Infer the anchor date (what 今年, 上月, 7月1日 resolve against) from the article.

In order of trust:
1. a labelled publication date near the top or the bottom: 发布时间：2011-03-29,
   日期：2024年7月1日;
2. a dateline: 新华社北京7月1日电, 本报沈阳7月1日讯, 本报讯（记者 X）7月1日…; a
   dateline without a year takes the year from 3 or 4;
3. the latest explicit full date in the text (2024年5月30日, 2024-05-30), unless a
   later year is written elsewhere (then that year alone);
4. the most recent explicit year (2024年, 2024年度, a headline's 2021…), leaving
   out targets and plan ends (到2025年, 2035年前, the 2026 of 2024-2026年) and
   comparison bases (较2020年, 比2019年同期).
Nothing found: Anchor(None, source="none"). The clock is never read.
"""
from __future__ import annotations

import datetime as dt


from ..regex_cache import compile_regex
from ..numbers import fold_width, parse_number
from .base import Anchor

_Y = r"(?P<y>(?:19|20)\d\d|一九[〇零○一二三四五六七八九]{2}|二[〇零○][〇零○一二三四五六七八九]{2})"
_FULL = (rf"{_Y}(?:年(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月(?P<d>3[01]|[12]\d|0?[1-9]|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])[日号]"
         r"|(?P<s>[-/.])(?P<m>1[0-2]|0?[1-9])(?P=s)(?P<d>3[01]|[12]\d|0?[1-9])(?![\d.]))")
_LABELLED = compile_regex(
    r"(?:发布时间|发布日期|发稿时间|发表时间|更新时间|时间|日期)[ \t\u3000]*[:：][ \t\u3000]*(?<![\d.])" + _FULL)
_DATELINE = compile_regex(
    r"(?:(?<![\d.])(?P<y>(?:19|20)\d\d)年)?(?<![\d.])(?P<m>1[0-2]|[1-9])月(?P<d>3[01]|[12]\d|[1-9])日(?:电|讯)")
_BENBAO_XUN = compile_regex(r"本报讯[^。\n]{0,30}?(?<![\d])(?P<m>1[0-2]|[1-9])月(?P<d>3[01]|[12]\d|[1-9])日")
_ANY_FULL = compile_regex(r"(?<![\d.])" + _FULL)
_YEAR = compile_regex(r"(?<![\d.〇零○一二三四五六七八九])" + _Y + r"(?:年(?!前|以前|之前)"
                     r"|(?<=\d)(?=[“《、]|[\u4e00-\u9fff])(?![多余万亿千百个家人元户项名])"
                     r"|(?<=\d)(?=(?:至|到|—|-|–|~|～)(?:19|20)\d\d年))")
# a target year (到2025年, 力争2030年) or the end of a range (2024-2026年) says nothing of now
_TARGET_BEFORE = compile_regex(r"(?:到|至|迄|—|-|–|~|～|力争|争取|预计|计划|目标|远景|展望)$")
# a comparison base (较2020年, 比2019年同期, 与2019年相比) is a past year, not the article's
_BASE_BEFORE = compile_regex(r"(?:较|比|与|同|相比|对比)$")
_HEAD = 800   # where labels and datelines are looked for
_TAIL = 400


def _num(s: str | None) -> int | None:
    if s is None:
        return None
    v = parse_number(s)
    return int(v) if v is not None else None


def _valid(y: int | None, m: int | None, d: int | None) -> bool:
    if y is None or m is None or d is None:
        return False
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


def _labelled(text: str) -> Anchor | None:
    zones = [(0, min(len(text), _HEAD)), (max(0, len(text) - _TAIL), len(text))]
    for s, e in zones:
        for m in _LABELLED.finditer(text, s, e):
            y, mo, d = _num(m.group("y")), _num(m.group("m")), _num(m.group("d"))
            if _valid(y, mo, d):
                return Anchor(y, mo, d, "text")
    return None


def find_dateline(text: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of a dateline near the top: 新华社北京7月1日电,
    本报长沙6月10日讯, 本报讯（记者 X）6月20日…; None without one."""
    head = text[:_HEAD]
    m = _DATELINE.search(head) or _BENBAO_XUN.search(head)
    if m is None:
        return None
    y = _num(m.groupdict().get("y"))
    return y, int(m.group("m")), int(m.group("d"))


def _latest_full(text: str) -> tuple[int, int, int] | None:
    best = None
    for m in _ANY_FULL.finditer(text):
        y, mo, d = _num(m.group("y")), _num(m.group("m")), _num(m.group("d"))
        if _valid(y, mo, d) and not _TARGET_BEFORE.search(text[max(0, m.start() - 2):m.start()]):
            if best is None or (y, mo, d) > best:
                best = (y, mo, d)
    return best


def _latest_year(text: str) -> int | None:
    best = None
    for m in _YEAR.finditer(text):
        before = text[max(0, m.start() - 2):m.start()]
        if _TARGET_BEFORE.search(before) or _BASE_BEFORE.search(before):
            continue
        y = _num(m.group("y"))
        if y is not None and (best is None or y > best):
            best = y
    return best


def infer_anchor(text: str) -> Anchor:
    """The article's own date, as far as the text tells it."""
    text = fold_width(text)
    found = _labelled(text)
    if found is not None:
        return found
    full = _latest_full(text)
    year = _latest_year(text)
    if full is not None and (year is None or full[0] >= year):
        best_year = full[0]
    else:
        best_year = year
    line = find_dateline(text)
    if line is not None:
        y, mo, d = line
        y = y if y is not None else best_year
        if y is None:
            return Anchor(None, mo, d, "none")
        if _valid(y, mo, d):
            return Anchor(y, mo, d, "text")
    if full is not None and full[0] == best_year:
        return Anchor(*full, source="text")
    if best_year is not None:
        return Anchor(best_year, source="text")
    return Anchor(None, source="none")
