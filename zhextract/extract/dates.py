"""Date mentions: find date expressions and normalize them, TIMEX3-style.

What is matched is data (`rules/dates.yaml`, the `dates_*.tsv` tables); this
module only turns the named groups of a match into a value (`value`, `mod`,
`dtype`, as in spec/OUTPUT.md), in four steps:

1. every rule runs over the width-folded text; of overlapping candidates the
   leftmost, then the longest, then the earlier rule wins (`block` rules win
   spans for names such as 三年行动 and emit nothing);
2. each match is read into a `_Item` (what it says, before any anchor);
3. two dates joined by 至/到/— (1月至4月, 7月1日至8月31日) become one interval;
4. values are resolved in text order against the anchor (`ctx.anchor`) and the
   year a sentence is about (2023年，…一季度… → 2023-Q1); then the expressions
   that point at another date are resolved: 同期 (the period of its sentence, or
   of the text before; 去年同期 that period a year earlier), 当天/同日/次日,
   当年/同年/次年, a bare 15日, and 今天 in a quoted speech (the date of the event
   quoted, where the text gives it).

A part that nothing tells is written with X (XXXX-06-19); the clock is never read.
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Any

import regex

from ..regex_cache import compile_regex
from ..numbers import parse_number
from ..ruleset import MATCH_TIMEOUT, load_rules, load_tsv
from . import timex
from .anchor import find_dateline
from .base import Anchor, Context, Mention
from .gazetteer import Matcher, build_automaton, find_all

RULES = "dates.yaml"

# Canonical Chinese numerals for counts (一两年 or 两三个月 are not a number).
_CN_COUNT = compile_regex(
    r"^(?:[一二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九]"
    r"|[一二两三四五六七八九]百(?:零[一二三四五六七八九]|[一二三四五六七八九]十[一二三四五六七八九]?)?)$")
_SEP = compile_regex(r"^(?:起?(?:至|到)|——|[-—–~～])$")  # 7月5日起至8月31日: 起至 too
# 比同期, 较上年同期: 同期 as a comparison base is the same period a year earlier.
_COMPARE_BEFORE = compile_regex(r"(?:比|较|与|和|同|对比|相比)$")
# A sentence-leading date that opens a "since" phrase does not set the sentence's year.
# 国庆七天, 端午3天: a holiday name before a count of days (not after a CJK character:
# 王国庆三天后 is a man; 在国庆七天里, 、端午三天 are the holiday)
_HOLIDAY_DAYS = compile_regex(r"(?:[一二两三四五六七八九]|十[一二]?|\d{1,2})天")
_HOLIDAY_DAYS_BEFORE = compile_regex(r"[^\p{Han}]|[在的是和与及了过个]")
# 比9月日均, 较上月, 环比8月; 与9月相比, 同9月比, 跟上月持平: a month named as a base
_BASE_BEFORE = compile_regex(r"(?:比|较|对比|相比|同比|环比)$")
_BASE_AFTER = compile_regex(r"[^，,。；;！？!?]{0,8}?(?:相比|比较|对比|持平|基本持平)")
_SENTENCE_END = compile_regex(r"[。！？；!?;，,]")
_SINCE_AFTER = compile_regex(r"^(?:以来|来|起|开始|至今|之前|以前|前)")
# a date that names the period of a report: 2024年年度报告, 2025年一季度报告, 2024年年报, 上半年业绩
_NAMES_REPORT = compile_regex(r"(?:年度报告|年报|报告|财报|业绩|半年度报告|半年报|中期报告|中报)")
# a year's half-year report: its 报告期 is the first half (2024年半年度报告, 2024年半年报, 2024年中报)
_HALF_REPORT = compile_regex(r"(?:半年度报告|半年报|中期报告|中报)")
_DIGIT = compile_regex(r"[0-9０-９]")
# what may stand before the year of a heading line: blanks and an enumerator (一、 （二） 3. 第一部分)
_HEADING_LEAD = compile_regex(r"\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[、.．]|第[一二三四五六七八九十]+(?:部分|章|节)\s*)?\s*")
# an event announced ahead (将于10日至12日举行): a day after the anchor's is this month's
_FUTURE_BEFORE = compile_regex(r"(?:将|将于|将在|拟于|拟在|定于|计划于|预计于|预计在|预计)$")
_LEAD_SKIP = compile_regex(r"[\s“‘\"（(【\[●■▲◆·•\-—]*(?:在|截至|截止|截止到|到|于|从|自)?")
_UNIT_DURATION = {"年": "Y", "个月": "M", "个半月": "M", "个多月": "M", "个季度": "Q", "个多季度": "Q",
                  "周": "W", "个星期": "W", "星期": "W", "个礼拜": "W", "天": "D", "日": "D",
                  "个世纪": "C", "个多世纪": "C",  # C: a century, written as 100 years
                  "小时": "H", "个小时": "H", "个多小时": "H", "个半小时": "H"}  # H: hours, PT4H
_APPROX = {"近", "将近", "约", "大约"}
# approx words that are adverbs of the verb (历时约5个月): APPROX, but the span is the count
_APPROX_OUTSIDE = {"约", "大约"}
_MODS = {"初": "START", "期初": "START", "初期": "START", "前期": "START", "上旬": "START", "中叶": "MID",
         "底": "END", "末": "END", "期末": "END", "末期": "END", "后期": "END", "下旬": "END",
         "岁末": "END", "岁初": "START", "中": "MID", "中旬": "MID", "中期": "MID",
         "上半月": "START", "下半月": "END", "上中旬": "START", "中下旬": "END"}
# 每年, 每个月, 每周: the period of a SET (TIMEX3 value P1Y, P1M, P1W)
_UNIT_SET = {"年": "Y", "个月": "M", "月": "M", "季度": "Q", "个季度": "Q", "周": "W", "个星期": "W",
             "星期": "W", "天": "D"}
_MONTH_REL = {"本月": 0, "这个月": 0, "上月": -1, "上个月": -1, "下月": 1, "下个月": 1}
_WEEK_REL = {"本": 0, "这": 0, "上": -1, "上上": -2, "下": 1, "下下": 2}
_WEEKDAYS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}
_SEASONS = {"春": "SP", "夏": "SU", "秋": "FA", "冬": "WI"}
# Granularities a 同期 may refer to when its own sentence names none.
_PERIODS = {"interval", "month", "quarter", "half", "holiday"}
_AFTER_PERIODS = _PERIODS | {"year", "years"}
# a value whose (last) part names a month: 2024-07, 2024-07-01, …/2024-07-03
_DAY_OR_MONTH = compile_regex(r"(?:^|/)(?:\d{4}|XXXX)-\d\d(?:-\d\d)?$")


@dataclass(slots=True)
class _Item:
    """One expression between matching and resolution."""

    start: int
    end: int
    rule: str
    kind: str
    g: dict[str, Any]                 # the named groups that matched (None dropped)
    value: str | None = None
    mod: str | None = None
    dtype: str = "DATE"
    gran: str = ""                    # year, month, day, quarter, half, interval, ...
    year: int | None = None           # the year it resolved to (for later references)
    explicit_year: int | None = None  # a year written in the text (for 当年, 同年)
    same: bool = False                # a 同期 expression (never a reference itself)
    deferred: bool = False            # resolved in the second pass
    parts: list["_Item"] = field(default_factory=list)  # the two sides of a range


# ---------------------------------------------------------------- tables (data)

@functools.lru_cache(maxsize=1)
def _relative() -> dict[str, tuple[str, str, int]]:
    return {r["word"]: (r["unit"], r["base"], int(r["offset"])) for r in load_tsv("dates_relative.tsv")}


@functools.lru_cache(maxsize=1)
def _spans() -> dict[str, tuple[str, int, int]]:
    return {r["word"]: (r["unit"], int(r["first"]), int(r["last"])) for r in load_tsv("dates_spans.tsv")}


@functools.lru_cache(maxsize=1)
def _season_words() -> dict[str, tuple[str, int, str, int]]:
    return {r["word"]: (r["season"], int(r["offset"]), r["to_season"], int(r["to_offset"] or 0))
            for r in load_tsv("dates_seasons.tsv")}


@functools.lru_cache(maxsize=1)
def _plans() -> dict[str, tuple[int, int, bool]]:
    return {r["plan"]: (int(r["start"]), int(r["end"]), r["quoted_only"] == "yes")
            for r in load_tsv("dates_plans.tsv")}


@functools.lru_cache(maxsize=1)
def _holiday_names() -> dict[str, tuple[str, str]]:
    return {r["name"]: (r["key"], r["needs_suffix"]) for r in load_tsv("dates_holiday_names.tsv")}


@functools.lru_cache(maxsize=1)
def _holidays() -> dict[tuple[str, str], tuple[str, str]]:
    return {(r["key"], r["year"]): (r["start"], r["end"]) for r in load_tsv("dates_holidays.tsv")}


@functools.lru_cache(maxsize=1)
def _lunar_months() -> dict[tuple[int, int, bool], tuple[dt.date, int]]:
    """(lunar year, month, leap) → (Gregorian first day, days), dates_lunar_months.tsv."""
    return {(int(r["year"]), int(r["month"]), r["leap"] == "yes"): (dt.date.fromisoformat(r["start"]), int(r["days"]))
            for r in load_tsv("dates_lunar_months.tsv")}


@functools.lru_cache(maxsize=1)
def _solar_terms() -> dict[tuple[int, str], str]:
    """(year, term) → MM-DD, dates_solar_terms.tsv."""
    out = {}
    for r in load_tsv("dates_solar_terms.tsv"):
        y = int(r["year"])
        out.update({(y, k): v for k, v in r.items() if k != "year"})
    return out


def lunar_date(year: int | None, month: int, day: int, leap: bool = False) -> dt.date | None:
    """The Gregorian day of a lunar date (2023, 12, 23 → 2024-02-02); day 0 is the
    last day of the month before (除夕). None outside the table or the month."""
    if year is None:
        return None
    row = _lunar_months().get((year, month, leap))
    if row is None or not 1 <= day <= row[1]:
        return None
    return row[0] + dt.timedelta(days=day - 1)


# Festivals of the lunar calendar: (month, day) of the lunar year; the key's year is the
# Gregorian one (腊八 and 除夕 of 2024 are those of lunar 2023's twelfth month, in 2024).
_LUNAR_FESTIVALS = {"lantern": (1, 15), "dragon_boat": (5, 5), "qixi": (7, 7), "mid_autumn": (8, 15),
                    "double_ninth": (9, 9), "laba": (12, 8), "ghost": (7, 15), "spring_eve": (12, 0)}
# Festivals on a weekday: (month, which one, ISO weekday): 母亲节 the second Sunday of May
_WEEKDAY_FESTIVALS = {"mothers_day": (5, 2, 7), "fathers_day": (6, 3, 7)}


def _computed_festival(key: str, year: int) -> str | None:
    """A festival day the table does not list, from the lunar and solar-term tables."""
    if key in _LUNAR_FESTIVALS:
        m, d = _LUNAR_FESTIVALS[key]
        ly = year - 1 if m == 12 else year
        if d == 0:  # 除夕: the day before the new year
            first = lunar_date(ly + 1, 1, 1)
            day = None if first is None else first - dt.timedelta(days=1)
        else:
            day = lunar_date(ly, m, d)
        return None if day is None or day.year != year else day.isoformat()
    if key in _WEEKDAY_FESTIVALS:
        m, n, wd = _WEEKDAY_FESTIVALS[key]
        first = dt.date(year, m, 1)
        return (first + dt.timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (n - 1))).isoformat()
    if key == "chunyun":  # 春运: 15 days before 正月初一 to 24 days after it (40 days)
        first = lunar_date(year, 1, 1)
        if first is None:
            return None
        return f"{first - dt.timedelta(days=15)}/{first + dt.timedelta(days=24)}"
    if key == "qingming":
        md = _solar_terms().get((year, "清明"))
        return None if md is None else f"{year:04d}-{md}"
    return None


def holiday_value(key: str, year: int | None) -> str | None:
    """The days of a holiday in a year (五一 2024 → 2024-05-01/2024-05-05), None if unknown."""
    table = _holidays()
    span = table.get((key, str(year))) if year is not None else None
    if span is None:
        span = table.get((key, "*"))
    if span is None:
        return _computed_festival(key, year) if year is not None and 1 <= year <= 9999 else None
    y = "XXXX" if year is None else f"{year:04d}"
    # a break that starts in December of the year before (元旦 2024: 12-30 → 01-01)
    y0 = f"{year - 1:04d}" if year is not None and span[1] < span[0] else y
    start, end = f"{y0}-{span[0]}", f"{y}-{span[1]}"
    return start if start == end else f"{start}/{end}"


def festival_day(key: str, year: int | None) -> str | None:
    """The day of the festival itself (国庆节当天 → 10-01, 春节当天 → the day after 除夕)."""
    v = holiday_value(f"{key}_day", year)
    if v is None and key == "spring" and year is not None:
        eve = holiday_value("spring_eve", year)
        if eve is not None:
            return timex.add_days(*(int(x) for x in eve.split("-")), 1)
    if v is None:
        v = holiday_value(key, year)
    return None if v is None else v.split("/")[0]


# ---------------------------------------------------------------- numbers

@functools.lru_cache(maxsize=4096)
def count_value(s: str) -> float | None:
    """A count of years/months/days: Arabic (3, 1.5) or a canonical Chinese numeral."""
    if s == "半":
        return 0.5
    if s[0].isdigit():
        v = parse_number(s)
        return float(v) if v is not None else None
    if not _CN_COUNT.match(s):
        return None
    v = parse_number(s)
    return float(v) if v is not None else None


@functools.lru_cache(maxsize=4096)
def _int(s: str | None) -> int | None:
    if s is None:
        return None
    if s.isascii() and s.isdigit():
        return int(s)
    if s == "元":  # 元月: January
        return 1
    v = parse_number(s)
    return int(v) if v is not None else None


# ---------------------------------------------------------------- step 1-2: match, read

@functools.lru_cache(maxsize=None)
def _group_names(pattern: "regex.Pattern[str]") -> tuple[str | None, ...]:
    """The name of each group, in the order of m.groups() (None for an unnamed one)."""
    names: list[str | None] = [None] * pattern.groups
    for name, i in pattern.groupindex.items():
        names[i - 1] = name
    return tuple(names)


def _groups(m: "regex.Match[str]") -> dict[str, Any]:
    """The named groups that matched (m.groups() is much cheaper than m.groupdict())."""
    return {n: v for n, v in zip(_group_names(m.re), m.groups()) if v is not None and n is not None}


# Full-width digits and signs folded one to one (as numbers.fold_width), by str.replace:
# a chain of replace calls costs far less than str.translate on a long text.
_WIDTH_PAIRS = tuple(zip("０１２３４５６７８９．，％－＋", "0123456789.,%-+"))


def _fold(text: str) -> str:
    for wide, narrow in _WIDTH_PAIRS:
        if wide in text:
            text = text.replace(wide, narrow)
    return text


def _read(m: "regex.Match[str]", rule, text: str) -> _Item | None:
    """What a match says, or None when the match is not a date after all."""
    kind = rule.meta.get("kind", "calendar")
    g = _groups(m)
    follow = rule.meta.get("follow")
    if follow:  # what the text says right after the match (国庆期间 vs 王国庆说)
        g["_follows"] = bool(_trigger(follow).match(text[m.end():m.end() + 4]))
    if kind == "holiday" and "hsuffix" not in g and "hday" not in g and "around" not in g:
        # 国庆七天, 端午三天, 五一5天假期: the days off, named by their count
        g["_ndays"] = bool(_HOLIDAY_DAYS.match(text, m.end(), m.end() + 4)) and (
            m.start() == 0 or "year" in g or "ryear" in g or "oq" in g
            or _HOLIDAY_DAYS_BEFORE.match(text[m.start() - 1]) is not None)
    if "m2" in g and "m" in g:  # 3-5月, 3、4月: the month read first is the first of two
        g["m1"] = g.pop("m")
    if "yy" in g:  # 16年12月 → 2016; 98年 → 1998
        yy = _int(g.pop("yy"))
        g["year"] = str(yy + (2000 if yy < 50 else 1900))
    item = _Item(m.start(), m.end(), rule.id, kind, g)
    if "cur" in g:  # 9月当月: the span is the month (当月 only stresses it)
        item.end = m.start("cur")
    if g.get("pre") and (g["pre"] not in _APPROX or g["pre"] in _APPROX_OUTSIDE):
        item.start = m.start("n")  # 未来三年, 约5个月: the span is the count (近20年 keeps 近)
    reader = _READERS.get(kind)
    return reader(item) if reader else item


def _read_calendar(it: _Item) -> _Item | None:
    g = it.g
    if "hn" in g:  # 2024H1
        g["half"] = "上" if g.pop("hn") == "1" else "下"
    for k in ("m", "m1", "m2"):
        if k in g and not 1 <= (_int(g[k]) or 0) <= 12:
            return None
    for k in ("d", "d1", "d2"):
        if k in g and not 1 <= (_int(g[k]) or 0) <= 31:
            return None
    if ("lst" in g or "two" in g) and _int(g["m2"]) != _int(g["m1"]) + 1:
        return None  # 3、4月份 is March and April; 3、5月 is not one span
    if "qlst" in g and _int(g["q2"]) != _int(g["q1"]) + 1:
        return None  # 二、三季度 is April to September; 一、三季度 is not one span
    if "firstn" in g:
        n = count_value(g["firstn"])
        if n is None or not n.is_integer() or not 1 <= n <= 12:
            return None
    if "year" in g and _int(g["year"]) is None:
        return None
    if "ryear" in g:
        base = _relative()[g["ryear"]][1]
        if base == "previous":
            it.deferred = True
    if "same" in g:
        it.same = True
        it.deferred = True
    return it


def _read_duration(it: _Item) -> _Item | None:
    n = count_value(it.g["n"])  # None for 一两年, 两三个月: not one number
    return it if n is not None and n > 0 else None


def _read_ago(it: _Item) -> _Item | None:
    n = count_value(it.g["n"])
    if n == 0.5 and it.g["unit"] in ("年", "个月"):
        return it  # 半年前, 半个月后
    return it if n is not None and n.is_integer() and n > 0 else None


def _read_plan(it: _Item) -> _Item | None:
    g = it.g
    start, end, quoted_only = _plans()[g["plan"]]
    if quoted_only and not (("oq" in g and "cq" in g) or "pmod" in g):
        return None
    # the span is the plan's name, with the closing quote and 末/初 when they set a mod
    it.start = it.start + (1 if "oq" in g else 0)
    if g.get("pmod") not in _MODS:  # 十四五”末 keeps its end; “十四五”时期 is 十四五
        it.end = it.start + len(g["plan"])
    return it


def _read_holiday(it: _Item) -> _Item | None:
    g = it.g
    _, needs = _holiday_names()[g["holiday"]]
    quoted = "oq" in g and "cq" in g
    if needs == "yes" and not ("hsuffix" in g or quoted):
        return None
    if needs == "context" and not ("hsuffix" in g or quoted or "year" in g or "ryear" in g
                                   or g.get("_follows") or g.get("_ndays")):
        return None
    return it


_READERS = {
    "calendar": _read_calendar,
    "season": _read_calendar,
    "duration": _read_duration,
    "ago": _read_ago,
    "plan": _read_plan,
    "holiday": _read_holiday,
}


def _candidates(text: str) -> list[_Item]:
    found: list[tuple[int, int, int, int, _Item]] = []
    plan = _scan_plan()
    triggers = _trigger_hits(text, plan)
    for order, (rule, kind, back, reach, _) in enumerate(plan.rules):
        if back < 0:
            matches = rule.pattern.finditer(text, timeout=MATCH_TIMEOUT)
        else:
            hits = triggers[order]
            if not hits:
                continue
            matches = _window_matches(rule.pattern, text, hits, back, reach)
        for m in matches:
            if kind == "block":
                it: _Item | None = _Item(m.start(), m.end(), rule.id, "block", {})
            else:
                it = _read(m, rule, text)
                if it is not None and it.kind == "holiday":
                    _holiday_span(it, m)
                elif it is not None and it.kind == "solar_term":
                    has_year = "year" in it.g or "ryear" in it.g
                    it.start = m.start() if has_year else m.start("term")
                    it.end = m.end("hday") if m.group("hday") else m.end("term")
            if it is not None and it.end > it.start:
                found.append((m.start(), -(m.end() - m.start()), order, max(m.end(), it.end), it))
    found.sort(key=lambda t: t[:3])
    chosen: list[_Item] = []
    last_end = -1
    for start, _, _, end, it in found:
        if start < last_end:
            continue
        chosen.append(it)
        last_end = end
    return [it for it in chosen if it.kind != "block"]


@functools.lru_cache(maxsize=None)
def _trigger(source: str):
    """A trigger (or `follow`) pattern: plain literals and classes, compiled with the
    standard `re` when it can (its alternations of literals scan 2-3x faster than
    `regex`'s; both read these patterns alike), else with `regex`."""
    try:
        return re.compile(source)
    except re.error:
        return compile_regex(source)


# ---------------------------------------------------------------- trigger scan
#
# A rule with a `trigger` is searched only in windows from `back` characters before
# to `reach` characters after its trigger's matches (every match of the rule contains
# one). A trigger that is a finite set of literals (年, [年月季期岁], 上个|下个|本月…,
# (?:周|星期)[一二…]) is expanded to its strings in the order `re` prefers them; the
# strings of all rules go into one Aho-Corasick automaton, so one pass over the text
# finds the triggers of every rule. Of a rule's occurrences, the leftmost, then the
# most preferred, then the next one after its end are kept: exactly the matches
# `re.finditer(trigger)` gives. Other triggers are scanned with `re`/`regex` as before.

_MAX_LITERALS = 2000


@dataclass(frozen=True, slots=True)
class _Plan:
    rules: tuple            # (rule, kind, back, reach, literal?) per rule; back -1: no trigger
    automaton: Matcher      # every literal trigger string -> its pattern index (gazetteer)
    owners: tuple           # per automaton pattern: ((rule order, preference rank), ...)
    single: tuple           # per automaton pattern: its one owner's order when it has one, rank -1; else -1


def _expand(source: str) -> list[str] | None:
    """The strings a trigger matches, most preferred first; None when it is not a
    small finite set of literals."""
    import re._parser as sre_parse  # the standard library's own reading of the pattern
    from re._constants import BRANCH, IN, LITERAL, MAX_REPEAT, RANGE, SUBPATTERN

    def seq(items) -> list[str] | None:
        out = [""]
        for op, av in items:
            if op is LITERAL:
                alts = [chr(av)]
            elif op is IN:
                alts = []
                for iop, iav in av:
                    if iop is LITERAL:
                        alts.append(chr(iav))
                    elif iop is RANGE:
                        alts.extend(chr(c) for c in range(iav[0], iav[1] + 1))
                    else:
                        return None
            elif op is BRANCH:
                alts = []
                for branch in av[1]:
                    sub = seq(branch)
                    if sub is None:
                        return None
                    alts.extend(sub)
            elif op is SUBPATTERN:
                if av[1] or av[2]:  # flags
                    return None
                alts = seq(av[3])
            elif op is MAX_REPEAT and av[0] == 0 and av[1] == 1:  # X? (greedy: X first)
                sub = seq(av[2])
                if sub is None:
                    return None
                alts = sub + [""]
            else:
                return None
            if alts is None:
                return None
            out = [a + b for a in out for b in alts]
            if len(out) > _MAX_LITERALS:
                return None
        return out

    try:
        parsed = sre_parse.parse(source)
    except re.error:
        return None
    strings = seq(list(parsed))
    if not strings or "" in strings:
        return None
    return strings


@functools.lru_cache(maxsize=1)
def _scan_plan() -> _Plan:
    rules, literals, owners, index = [], [], [], {}
    for order, rule in enumerate(load_rules(RULES)):
        trigger = rule.meta.get("trigger")
        kind = rule.meta.get("kind", "calendar")
        if not trigger:
            rules.append((rule, kind, -1, 0, False))
            continue
        reach = int(rule.meta.get("reach", 12))
        back = int(rule.meta.get("back", reach))  # how far a match may start before its trigger
        strings = _expand(trigger)
        free = strings is not None and _overlap_free(strings)
        rules.append((rule, kind, back, reach, "free" if free else strings is not None))
        for rank, lit in enumerate(strings or ()):
            if lit not in index:
                index[lit] = len(literals)
                literals.append(lit)
                owners.append([])
            owners[index[lit]].append((order, -1 if free else rank))
    automaton = build_automaton({lit: pid for pid, lit in enumerate(literals)})
    single = tuple(o[0][0] if len(o) == 1 and o[0][1] < 0 else -1 for o in owners)
    return _Plan(tuple(rules), automaton, tuple(tuple(o) for o in owners), single)


def _trigger_hits(text: str, plan: _Plan) -> list[list[tuple[int, int]]]:
    """Per rule, its trigger's matches as (start, end), as `finditer` gives them."""
    occurrences: list[list] = [[] for _ in plan.rules]
    owners, single = plan.owners, plan.single
    for s, e, pid in find_all(plan.automaton, text):  # by start; lone surrogates handled there
        order = single[pid]
        if order >= 0:  # the common case: one rule, strings that never overlap
            occurrences[order].append((s, e))
            continue
        for order, rank in owners[pid]:
            if rank < 0:  # strings that never overlap: their occurrences are the matches
                occurrences[order].append((s, e))
            else:
                occurrences[order].append((s, rank, e))
    hits: list[list[tuple[int, int]]] = []
    for order, (rule, _, back, _, literal) in enumerate(plan.rules):
        if back < 0:
            hits.append([])
        elif literal == "free":
            hits.append(occurrences[order])
        elif literal:
            occ = occurrences[order]
            occ.sort()
            kept: list[tuple[int, int]] = []
            last_end = last_start = -1
            for s, _, e in occ:
                if s < last_end or s == last_start:
                    continue
                kept.append((s, e))
                last_start, last_end = s, e
            hits.append(kept)
        else:
            hits.append([t.span() for t in _trigger(rule.meta["trigger"]).finditer(text)])
    return hits


def _overlap_free(strings: list[str]) -> bool:
    """True when no two occurrences of the strings can overlap or share a start (年, 月,
    同期: yes; 上上 and 上个: no), so all occurrences are what finditer finds, in order."""
    words = set(strings)
    prefixes = {w[:i] for w in words for i in range(1, len(w) + 1)}
    for a in words:
        for k in range(1, len(a)):
            if a[:k] in words or a[k:] in prefixes:  # shares a start / runs into another
                return False
            if any(a[k:j] in words for j in range(k + 1, len(a))):  # contains another
                return False
    return True


def _window_matches(pattern, text: str, hits: list[tuple[int, int]], back: int, reach: int):
    """The pattern's matches in the merged windows around the trigger hits."""
    n = len(text)
    ws = we = -1
    for ts, te in hits:
        s, e = max(0, ts - back), min(n, te + reach)
        if s <= we:
            we = e
            continue
        if we > ws:
            yield from pattern.finditer(text, ws, we, timeout=MATCH_TIMEOUT)
        ws, we = s, e
    if we > ws:
        yield from pattern.finditer(text, ws, we, timeout=MATCH_TIMEOUT)


def _matches(rule, text: str):
    """The rule's matches (as `_candidates` searches them)."""
    plan = _scan_plan()
    order = next(i for i, r in enumerate(plan.rules) if r[0] is rule)
    _, _, back, reach, _ = plan.rules[order]
    if back < 0:
        return rule.pattern.finditer(text, timeout=MATCH_TIMEOUT)
    return _window_matches(rule.pattern, text, _trigger_hits(text, plan)[order], back, reach)


def _holiday_span(it: _Item, m: "regex.Match[str]") -> None:
    """国庆假期 and 春节期间 keep their suffix; a quoted name keeps only itself (“五一”假期 → 五一)."""
    has_year = "year" in it.g or "ryear" in it.g
    if m.group("cq") or m.group("oq"):  # 今年“五一”假期 keeps its closing quote
        it.end = m.end("cq") if has_year and m.group("oq") and m.group("cq") else m.end("holiday")
    else:
        it.end = m.end()
    if not has_year:
        it.start = m.start("holiday")


# ---------------------------------------------------------------- step 3: ranges

_RANGE_KINDS = {"calendar", "numeric", "day"}


def _merge_ranges(items: list[_Item], text: str) -> list[_Item]:
    """1月至4月, 7月1日至8月31日, 去年12月至今年5月: two points joined by a separator."""
    out: list[_Item] = []
    i = 0
    while i < len(items):
        a = items[i]
        b = items[i + 1] if i + 1 < len(items) else None
        if (b is not None and (a.kind in _RANGE_KINDS - {"day"} or a.kind == b.kind == "day"
                               or a.kind == b.kind == "relative")     # 今天夜间到明天白天
                and (b.kind in _RANGE_KINDS or a.kind == b.kind == "relative")
                and not a.same and not b.same and not a.deferred
                and _SEP.match(text[a.end:b.start]) and _is_point(a) and _is_point(b)):
            out.append(_Item(a.start, b.end, "date.range", "range", {}, parts=[a, b]))
            i += 2
            continue
        if (b is not None and a.kind == b.kind == "lunar_day" and "lday2" not in a.g and "lday2" not in b.g
                and _SEP.match(text[a.end:b.start])):
            # 腊月二十三至正月十五: two days of the lunar calendar
            out.append(_Item(a.start, b.end, "date.lunar_range", "lunar_range", {}, parts=[a, b]))
            i += 2
            continue
        if (a.kind in ("calendar", "numeric", "month_mod") and not a.same and not a.deferred
                and (b is None or b.start >= a.end + 2) and text[a.end:a.end + 1] in ("至", "迄")
                and _SINCE_NOW.match(text, a.end)
                and _since_gran(a) is not None):
            # 2019年至今, 2023年6月至今: from that year (month, day) to the anchor's
            out.append(_Item(a.start, a.end + 2, "date.since_now", "since_now", {}, parts=[a]))
            i += 1
            continue
        out.append(a)
        i += 1
    return out


_SINCE_NOW = compile_regex(r"(?:至今|迄今)(?![年天日晚早晨后])")


# a point 至今 cannot follow: a range, a part of a year, a count of first months...
_NOT_SINCE = ("m1", "d1", "firstn", "firstq", "q1", "q", "qf", "half", "whole", "same", "mmod", "cur", "fy")
_LUNAR_MONTH_NAMES = {None: 1, "正": 1, "冬": 11, "腊": 12}


def _since_gran(it: _Item) -> str | None:
    """year, month or day for a point that 至今 may follow (2019年, 2023年6月, 6月1日)."""
    if it.kind == "numeric":
        return "day"
    g = it.g
    if it.kind == "month_mod":  # 月初至今, 本月初至今
        return "month_start" if g.get("mmod") == "初" else None
    blocked = any(k in g for k in _NOT_SINCE)
    if g.get("ymod") == "初" and "m" not in g and not blocked:
        return "year_start"  # 年初至今, 2023年初至今: from its January
    if g.get("mmod") == "初" and "m" in g and "d" not in g and not any(k in g for k in _NOT_SINCE if k != "mmod"):
        return "month_start"  # 七月初至今: from the first of that month
    if blocked or "ymod" in g:
        return None
    if "d" in g:
        return "day"
    if "m" in g:
        return "month"
    return "year" if ("year" in g or "ryear" in g) else None


def _is_point(it: _Item) -> bool:
    if it.kind != "calendar":
        return True
    return not any(k in it.g for k in ("m1", "d1", "firstn", "firstq", "q1", "whole", "same"))


# ---------------------------------------------------------------- step 4: resolve

_QUOTE_REACH = 2000


class _Resolver:
    def __init__(self, ctx: Context, text: str, items: list[_Item]) -> None:
        self.ctx = ctx
        self.text = text
        self.anchor: Anchor = ctx.anchor or Anchor(None)
        self.items = items
        self.starts = [it.start for it in items]
        self.sentence_year: dict[int, tuple[int, int]] = {}  # sentence → (year, offset it is set from)
        self.paragraph_year: dict[int, tuple[int, int]] = {}  # paragraph start → (year, offset)
        self.section_starts: list[int] = []   # heading lines that name a year (一、2023年工作回顾)
        self.section_years: list[int] = []
        # line starts and ends by bisect (rfind from every date of a 1 MB line is quadratic)
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.today = self._today(text)

    def line_start(self, pos: int) -> int:
        """Where the line (paragraph) holding `pos` starts: text.rfind("\\n", 0, pos) + 1."""
        k = bisect.bisect_left(self.newlines, pos) - 1
        return self.newlines[k] + 1 if k >= 0 else 0

    def line_end(self, pos: int) -> int:
        """Where the line holding `pos` ends: text.find("\\n", pos), or the text's end."""
        k = bisect.bisect_left(self.newlines, pos)
        return self.newlines[k] if k < len(self.newlines) else len(self.text)

    # -- context
    def _today(self, text: str) -> Anchor:
        """The day 今天 means: the dateline's (本报长沙6月10日讯 in a paper of 6月11日),
        else the anchor."""
        a = self.anchor
        line = find_dateline(text)
        if line is None:
            return a
        y, m, d = line
        if y is None:
            y = a.year
            if y is not None and a.month is not None and m > a.month + 1:
                y -= 1  # a December dateline in a January paper
        if y is not None and not timex.valid_day(y, m, d):
            return a
        return Anchor(y, m, d, a.source)

    def sentence(self, pos: int) -> tuple[int, int, int]:
        if not self.ctx.sentences:
            return 0, 0, len(self.text)
        i = self.ctx.sentence_index(pos)
        s, e = self.ctx.sentences[i]
        return i, s, e

    def context_year(self, pos: int) -> int | None:
        """The year a sentence is about: its leading date's, else the leading written
        year of its paragraph (2023年，…增长5%。分季度看，一季度… → 2023), else the anchor's."""
        return self.context_year_from(pos)[0]

    def context_year_from(self, pos: int) -> tuple[int | None, bool]:
        """context_year, and whether it is only the anchor's (nothing in the text tells)."""
        i, _, _ = self.sentence(pos)
        lead = self.sentence_year.get(i)
        if lead is not None and lead[1] < pos:
            return lead[0], False
        lead = self.paragraph_year.get(self.line_start(pos))
        if lead is not None and lead[1] < pos:
            return lead[0], False
        k = bisect.bisect_left(self.section_starts, pos) - 1
        if k >= 0:
            return self.section_years[k], False
        return self.anchor.year, True

    def year_of_paragraph_so_far(self, it: _Item, y: int | None) -> int | None:
        """A bare 全年 in a sentence that names no year is the year the latest sentence of
        its paragraph led with (去年，…发电量…。全年外送电量… → last year)."""
        i, s, _ = self.sentence(it.start)
        if self.sentence_year.get(i) is not None and self.sentence_year[i][1] < it.start:
            return y
        para = self.line_start(it.start)
        for k in range(i - 1, max(-1, i - 8), -1):
            ks, _ = self.ctx.sentences[k]  # i is 0 when there are none: no loop
            if ks < para:
                break
            lead = self.sentence_year.get(k)
            if lead is not None:
                return lead[0]
        # no sentence led with a year: the nearest date of the paragraph before it that writes
        # its year, not as a comparison base (…于去年9月开通…。全年经全货机运出… → last year)
        ref = self.previous(it, lambda o: not o.deferred and not o.same and o.dtype == "DATE" and _names_year(o),
                            window=it.start - para)
        if ref is not None and ref.start >= para and not self.text.endswith(_BASE_WORDS, max(0, ref.start - 2), ref.start):
            return ref.year
        return y

    def year_before_anchor(self, it: _Item, y: int | None) -> int | None:
        """A period without a year, in a text that gives none, is the anchor's year's; but a
        story of January to March looks back at the year before: there 1-11月 or 前三季度
        (totals to date) ending after the anchor's month, and a month or quarter starting 8
        months or more after it (12月28日, 四季度 in a January story) are the year before's."""
        a = self.anchor
        if (y is None or a.month is None or a.month > 3 or y != a.year
                or not self.context_year_from(it.start)[1]):
            return y
        g = it.g
        if "m1" in g:
            first, last, total = _int(g["m1"]), _int(g["m2"]), _int(g["m1"]) == 1
        elif "m" in g:
            first = last = _int(g["m"])
            total = False
        elif "firstn" in g:
            first, last, total = 1, int(count_value(g["firstn"])), True
        elif "firstq" in g:
            first, last, total = 1, 3 * _int(g["firstq"]), True
        elif "q1" in g:
            first, last, total = 3 * _int(g["q1"]) - 2, 3 * _int(g["q2"]), _int(g["q1"]) == 1
        elif "q" in g or "qf" in g:
            q = 1 if "qf" in g else _int(g["q"])
            first, last, total = 3 * q - 2, 3 * q, False
        else:
            return y
        if first > last:
            return y
        if (total and last > a.month) or (not total and first - a.month >= 8):
            return y - 1
        return y

    def note_heading(self, it: _Item) -> None:
        """A short heading line that names a year (一、2023年工作回顾) sets the year of
        the section under it, up to the next such heading."""
        if it.kind != "calendar" or "year" not in it.g or it.gran != "year" or it.year is None:
            return
        if self.anchor.year is not None and it.year > self.anchor.year:
            return  # 展望2026年: a heading about the future sets no context
        text = self.text
        ls = self.line_start(it.start)
        le = self.line_end(it.end)
        line = text[ls:le].strip()
        if len(line) > 40 or _SENTENCE_END.search(line):
            return
        if not text[:ls].strip() and _DIGIT.search(text, it.end, le) and not _HEADING_LEAD.fullmatch(text[ls:it.start]):
            return  # a headline with a figure (越峰新材2024年净利润增长31.6%) names a story, not a section (…2024年统计公报)
        self.section_starts.append(it.end)
        self.section_years.append(it.year)

    def note_leading(self, it: _Item) -> None:
        i, s, _ = self.sentence(it.start)
        m = _LEAD_SKIP.match(self.text, s, it.start + 1)
        if m is None or m.end() != it.start or it.year is None or it.same:
            return
        if not ("year" in it.g or "ryear" in it.g or it.kind == "numeric"):
            return
        if _SINCE_AFTER.match(self.text[it.end:it.end + 4]):
            return
        self.sentence_year.setdefault(i, (it.year, it.start))
        para = self.line_start(it.start)
        if s <= para and ("year" in it.g or it.kind == "numeric"):
            self.paragraph_year.setdefault(para, (it.year, it.start))

    def year_for(self, it: _Item) -> int | None:
        g = it.g
        if "year" in g:
            return _int(g["year"])
        if "ryear" in g:
            _, base, off = _relative()[g["ryear"]]
            if base == "anchor":
                y = self.anchor.year
            else:  # 截至2023年底，…较上年末: the year before the one its sentence is about
                ref = self.earlier_in_sentence(it, _names_year)
                y = ref.year if ref is not None else self.context_year(it.start)
            return None if y is None else y + off
        gloss = self.bracket_gloss_year(it)
        return gloss if gloss is not None else self.context_year(it.start)

    def bracket_gloss_year(self, it: _Item) -> int | None:
        """A date without a year in brackets that spells out a time phrase of its clause
        (去年暑运（7月1日至8月31日）, 2023年春运（1月7日至2月15日）) takes the year that phrase
        names, not the anchor's."""
        text = self.text
        if it.start < 1 or text[it.start - 1] not in "（(":
            return None
        ref = self.earlier_in_sentence(it, _names_year)
        if ref is None or it.start - 1 - ref.end > 8 or _CLAUSE_MARK.search(text, ref.end, it.start - 1):
            return None
        return ref.year

    def earlier_in_sentence(self, it: _Item, ok) -> _Item | None:
        """The nearest item before `it` in its sentence, resolved in this pass, that `ok` accepts."""
        _, s, _ = self.sentence(it.start)
        prev = self.previous(it, lambda o: not o.deferred and not o.same and o.dtype == "DATE" and ok(o),
                             window=it.start - s)
        return prev if prev is not None and prev.start >= s else None

    # -- pass 1: what the anchor and the sentence tell
    def resolve(self, it: _Item, inherit_year: int | None = None, inherit_month: int | None = None) -> bool:
        fn = getattr(self, f"_r_{it.kind}", None)
        if fn is None:
            return False
        if it.kind in ("calendar", "season", "day"):
            return fn(it, inherit_year, inherit_month)
        return fn(it)

    def _r_calendar(self, it: _Item, inherit_year=None, inherit_month=None) -> bool:
        g = it.g
        has_year = "year" in g or "ryear" in g
        y = self.year_for(it) if (has_year or inherit_year is None) else inherit_year
        if not has_year and inherit_year is None:
            y = self.year_before_anchor(it, y)
            if "whole" in g:
                y = self.year_of_paragraph_so_far(it, y)
        it.year = y
        if "year" in g:
            it.explicit_year = y
        mod = _MODS.get(g.get("ymod") or g.get("mmod") or g.get("qmod") or g.get("hmod") or g.get("rmod") or "")
        if "m1" in g:
            m1, m2 = _int(g["m1"]), _int(g["m2"])
            if m2 < m1 and has_year and y is not None:
                y += 1  # 2023年11月至2月: the written year is the start's
            it.value, it.gran = timex.months(y, m1, m2), "interval"
        elif "d1" in g:
            m, d1, d2 = _int(g["m"]), _int(g["d1"]), _int(g["d2"])
            if d2 <= d1 or not timex.valid_day(y, m, d2):
                return False
            it.value, it.gran = timex.interval(timex.point(y, m, d1), timex.point(y, m, d2)), "interval"
        elif "d" in g:
            m, d = _int(g["m"]), _int(g["d"])
            if not timex.valid_day(y, m, d):
                return False
            it.value, it.gran = timex.point(y, m, d), "day"
        elif "m" in g:
            it.value, it.gran = timex.point(y, _int(g["m"])), "month"
        elif "firstn" in g:
            it.value, it.gran = timex.months(y, 1, int(count_value(g["firstn"]))), "interval"
        elif "firstq" in g:
            n = _int(g["firstq"])
            it.value, it.gran = timex.months(y, 1, 3 * n), "interval"
        elif "q1" in g:
            q1, q2 = _int(g["q1"]), _int(g["q2"])
            it.value, it.gran = timex.months(y, 3 * q1 - 2, 3 * q2), "interval"
        elif "q" in g or "qf" in g:
            q = 1 if "qf" in g else _int(g["q"])
            it.value, it.gran = f"{timex.point(y)}-Q{q}", "quarter"
        elif "half" in g:
            it.value, it.gran = f"{timex.point(y)}-H{1 if g['half'] == '上' else 2}", "half"
        else:  # a year alone, 全年, 年底
            it.value, it.gran = timex.point(y), "year"
        it.mod = mod
        return True

    def _r_month_mod(self, it: _Item) -> bool:
        a = self.anchor
        off = {"上": -1, "上个": -1, "下": 1, "下个": 1}.get(it.g.get("rel", ""), 0)
        if a.year is None or a.month is None:
            it.value = f"{timex.point(a.year)}-XX"
        else:
            it.value = timex.point(*timex.add_months(a.year, a.month, off))
        it.mod, it.gran = _MODS[it.g["mmod"]], "month"
        return True

    def _r_season(self, it: _Item, inherit_year=None, inherit_month=None) -> bool:
        y = self.year_for(it)
        it.year = y
        it.value, it.gran = f"{timex.point(y)}-{_SEASONS[it.g['season']]}", "season"
        if "season2" in it.g:  # 秋冬季; 冬春季 runs into the next year
            y2 = y + 1 if y is not None and it.g["season2"] == "春" else y
            it.value += f"/{timex.point(y2)}-{_SEASONS[it.g['season2']]}"
        return True

    def _r_season_word(self, it: _Item) -> bool:
        """今冬明春 → 2024-WI/2025-SP, 今夏 → 2024-SU, 入冬以来 → 2024-WI (dates_seasons.tsv)."""
        season, off, to_season, to_off = _season_words()[it.g["sw"]]
        a = self.anchor
        if a.year is None:
            return False
        y = a.year + off
        if season == "WI" and off == 0 and a.month is not None and a.month <= 2:
            y -= 1  # 今冬 in January: the winter that began in December
        it.year = y
        it.value, it.gran = f"{y:04d}-{season}", "season"
        if to_season:
            it.value = f"{it.value}/{y + to_off:04d}-{to_season}"
        return True

    def _r_numeric(self, it: _Item) -> bool:
        y, m, d = _int(it.g["year"]), _int(it.g["m"]), _int(it.g["d"])
        if not timex.valid_day(y, m, d):
            return False
        it.year = it.explicit_year = y
        it.value, it.gran = timex.point(y, m, d), "day"
        return True

    def _r_dot_range(self, it: _Item) -> bool:
        """7.1-7.5 → 2024-07-01/2024-07-05: two days written month.day, in the year of the
        sentence (12.30-1.2 runs into the next year)."""
        g = it.g
        m1, d1, m2, d2 = _int(g["m1"]), _int(g["d1"]), _int(g["m2"]), _int(g["d2"])  # m read as m1 (_read)
        y = self.year_before_anchor(it, self.year_for(it))
        y2 = y + 1 if y is not None and m2 < m1 else y
        if (m2, d2) <= (m1, d1) and y2 == y:
            return False
        if not (timex.valid_day(y, m1, d1) and timex.valid_day(y2, m2, d2)):
            return False
        it.year = y
        it.value, it.gran = timex.interval(timex.point(y, m1, d1), timex.point(y2, m2, d2)), "interval"
        return True

    def _r_year_range(self, it: _Item) -> bool:
        y1 = _int(it.g["y1"])
        y2s = it.g["y2"]
        y2 = _int(y2s)
        if y1 is None or y2 is None or y2 <= y1 or y2 - y1 > 100:
            return False
        it.year = y1
        it.value, it.gran = f"{y1:04d}/{y2:04d}", "years"
        return True

    def _r_bare_year(self, it: _Item) -> bool:
        y = _int(it.g["year"])
        it.year = it.explicit_year = y
        it.value, it.gran = timex.point(y), "year"
        return True

    def _r_plan(self, it: _Item) -> bool:
        start, end, _ = _plans()[it.g["plan"]]
        mod = _MODS.get(it.g.get("pmod") or "")
        if mod == "END":
            it.value = str(end)
        elif mod == "START":
            it.value = str(start)
        else:
            it.value = f"{start}/{end}"
        it.mod, it.gran = mod, "plan"
        return True

    def _r_holiday(self, it: _Item) -> bool:
        key, _ = _holiday_names()[it.g["holiday"]]
        has_year = "year" in it.g or "ryear" in it.g
        y = self.year_for(it)
        a = self.anchor
        if (not has_year and y is not None and y == a.year and a.month is not None and a.month >= 11
                and key in ("new_year", "spring", "spring_eve", "lantern", "winter_vacation", "chunyun")):
            y += 1  # 春节 in a December article is the coming one
        v = _holiday_days(it.g, y)
        if v is None:
            return False
        it.year = y
        it.value, it.gran = v, "holiday"
        if "around" in it.g:  # 春节前后
            it.mod = "APPROX"
        return True

    def _r_decade(self, it: _Item) -> bool:
        g = it.g
        cent = g.get("cent")
        # the century a 世纪 names, as its first two digits (21世纪 → 20, 上世纪 → 19, 19世纪 → 18)
        c = (20 if cent == "本世纪" else 19 if cent is None or cent.startswith("上")
             else int(count_value(cent[:-2])) - 1)
        if "dec4" in g:  # 1990年代
            it.value, it.gran = g["dec4"][:3], "decade"
        elif "dec" in g:
            d1 = _int(g["dec"]) // 10
            d0 = _int(g["dec0"]) if "dec0" in g else None
            if d0 is not None and d0 >= 10:
                d0 //= 10  # 80、90年代
            if d0 is not None and d0 < d1:  # 五六十年代: the two decades
                it.value, it.gran = f"{c}{d0}/{c}{d1}", "decade"
            else:
                it.value, it.gran = f"{c}{d1}", "decade"
        else:
            it.value, it.gran = f"{c}", "century"
        it.mod = _MODS.get(g.get("dmod") or "")
        return True

    def _r_duration(self, it: _Item) -> bool:
        g = it.g
        n = count_value(g["n"]) + (0.5 if g.get("half") or g["unit"] in ("个半月", "个半小时") else 0)
        unit = _UNIT_DURATION[g["unit"]]
        if unit == "C":  # 半个世纪 → P50Y
            n, unit = n * 100, "Y"
        approx = (g.get("pre") in _APPROX or g.get("more") in ("多", "余", "几")
                  or g.get("post") in ("多", "左右") or "多" in g["unit"])
        value = timex.duration(n, unit) if unit != "H" else "PT" + timex.duration(n, unit)[1:]  # PT1.5H
        it.value, it.mod, it.dtype, it.gran = value, ("APPROX" if approx else None), "DURATION", "duration"
        return True

    def _r_ago(self, it: _Item) -> bool:
        g = it.g
        unit = g["unit"]
        if g["n"] == "半":  # 半年前: six months before; 半个月后: 15 days after
            n, unit = (6, "个月") if unit == "年" else (15, "天")
        elif g.get("half"):  # 一年半以前: eighteen months before
            n, unit = int(count_value(g["n"])) * 12 + 6, "个月"
        else:
            n = int(count_value(g["n"]))
        n = -n if g["dir"] in ("前", "以前", "之前") else n
        if n > 0 and unit in ("年", "个月", "天") and self._narrative_after(it, n, unit):
            return True
        a = self.anchor
        if unit == "年":
            it.value, it.gran = timex.point(None if a.year is None else a.year + n), "year"
            it.year = None if a.year is None else a.year + n
        elif unit == "个月":
            if a.year is None or a.month is None:
                it.value = "XXXX-XX"
            else:
                it.value = timex.point(*timex.add_months(a.year, a.month, n))
            it.gran = "month"
        elif unit == "天":
            if a.day is None or a.month is None or a.year is None:
                it.value = "XXXX-XX-XX"
            else:
                it.value = timex.add_days(a.year, a.month, a.day, n)
            it.gran = "day"
        else:
            if a.day is None or a.month is None or a.year is None:
                it.value = "XXXX-WXX"
            else:
                it.value = timex.iso_week(a.year, a.month, a.day, n)
            it.gran = "week"
        return True

    def _narrative_after(self, it: _Item, n: int, unit: str) -> bool:
        """2019年，公司成立。三年后，… → 2022; 7月1日开园，两天后… → 2024-07-03: "n units later"
        counts from a written date of its sentence or the sentence before (same paragraph),
        when that date is at least as fine as the unit; else from the anchor."""
        i, s, _ = self.sentence(it.start)
        if i > 0 and self.ctx.sentences:
            s = self.ctx.sentences[i - 1][0]
        s = max(s, self.line_start(it.start))
        fine = {"年": ("year", "month", "day"), "个月": ("month", "day"), "天": ("day",)}[unit]
        ref = self.previous(it, lambda o: o.kind in ("calendar", "numeric") and o.dtype == "DATE"
                            and not o.deferred and not o.same and o.gran in fine and o.mod is None
                            and "X" not in o.value and "/" not in o.value, window=it.start - s, steps=8)
        if ref is None or ref.start < s:
            return False
        parts = [int(x) for x in ref.value.split("-")]
        if unit == "年":
            it.year = parts[0] + n
            it.value, it.gran = timex.point(it.year), "year"
        elif unit == "个月":
            it.value, it.gran = timex.point(*timex.add_months(parts[0], parts[1], n)), "month"
        else:
            it.value, it.gran = timex.add_days(parts[0], parts[1], parts[2], n), "day"
        return True

    def _r_report_period(self, it: _Item) -> bool:
        it.deferred = True
        return True

    def _r_relative(self, it: _Item) -> bool:
        unit, base, off = _relative()[it.g["word"]]
        if base == "previous" or unit == "day":
            it.deferred = True  # 今天 may take the date of a quoted event; 当天 needs a previous day
            return True
        a = self.anchor
        if off and unit in ("month", "quarter") and _COMPARE_BEFORE.search(self.text, max(0, it.start - 2), it.start):
            # 9月当月，…增速比上月加快: a comparison with the month before the one its sentence is about
            ref = self.earlier_in_sentence(it, lambda o: o.gran == unit and o.kind == "calendar")
            if ref is not None:
                y, m = timex.year_of(ref.value), _value_month(ref.value)
                if unit == "quarter" and y is not None:
                    m = 3 * int(ref.value[-1]) - 2
                if y is not None and m is not None:
                    y, m = timex.add_months(y, m, off if unit == "month" else 3 * off)
                    it.value, it.gran = (timex.point(y, m) if unit == "month"
                                         else f"{y:04d}-Q{timex.quarter_of(m)}"), unit
                    return True
        if unit == "month":
            if a.year is not None and a.month is not None:
                it.value = timex.point(*timex.add_months(a.year, a.month, off))
            elif off == 0 and a.month is not None:
                it.value = timex.point(None, a.month)
            else:
                it.value = timex.point(a.year, None, None) + "-XX"
            it.gran = "month"
        elif unit == "week":
            if a.year is None or a.month is None or a.day is None:
                it.value, it.gran = "XXXX-WXX", "week"   # 下周 with no day to count from
                return True
            it.value, it.gran = timex.iso_week(a.year, a.month, a.day, off), "week"
        elif unit == "quarter":
            if a.year is None or a.month is None:
                return False
            y, m = timex.add_months(a.year, a.month, 3 * off)
            it.value, it.gran = f"{y:04d}-Q{timex.quarter_of(m)}", "quarter"
        return True

    def _r_weekday(self, it: _Item) -> bool:
        """上周三: that day of the anchor's week moved by whole weeks; 周三 alone: this week's."""
        a = self.anchor
        if None in (a.year, a.month, a.day):
            # No day to count from: still a date, its value unknown (as 明天 → XXXX-XX-XX).
            if "wd2" in it.g:
                return False
            if it.g["wd"] == "末":
                it.value, it.gran = "XXXX-WXX-WE", "week"
            elif "wrel" in it.g:
                it.value, it.gran = "XXXX-XX-XX", "day"
            else:
                it.value, it.gran = f"XXXX-WXX-{_WEEKDAYS[it.g['wd']]}", "day"
            return True
        base = dt.date(a.year, a.month, a.day)
        if it.g["wd"] == "末":  # 本周末, 周末: the weekend of that week (TIMEX3 2024-W27-WE)
            it.value = timex.iso_week(a.year, a.month, a.day, _WEEK_REL[it.g.get("wrel", "本")]) + "-WE"
            it.gran = "week"
            return True
        day = base + dt.timedelta(weeks=_WEEK_REL[it.g.get("wrel", "本")],
                                  days=_WEEKDAYS[it.g["wd"]] - base.isoweekday())
        it.value, it.gran = timex.point(day.year, day.month, day.day), "day"
        if "wd2" in it.g:  # 下周一至周五: to that day of the same week
            n = _WEEKDAYS[it.g["wd2"]] - _WEEKDAYS[it.g["wd"]]
            if n <= 0:
                return False
            last = day + dt.timedelta(days=n)
            it.value, it.gran = f"{it.value}/{timex.point(last.year, last.month, last.day)}", "interval"
        return True

    def _r_this_and_next_year(self, it: _Item) -> bool:
        """今明两年 → 2024/2025, 明后年 → 2025/2026, 明后两天 → two days (dates_spans.tsv)."""
        unit, first, last = _spans()[it.g["word"]]
        a = self.anchor
        if unit == "year":
            y = a.year
            it.value = "XXXX/XXXX" if y is None else f"{y + first:04d}/{y + last:04d}"
            it.gran, it.year = "years", None if y is None else y + first
            return True
        if None in (a.year, a.month, a.day):
            return False
        it.value = f"{timex.add_days(a.year, a.month, a.day, first)}/{timex.add_days(a.year, a.month, a.day, last)}"
        it.gran = "interval"
        return True

    def _r_quarter_mod(self, it: _Item) -> bool:
        """季度末, 上季度初: the anchor's quarter (or the one before or after), with a mod."""
        a = self.anchor
        rel = it.g.get("rel", "")
        off = -1 if rel.startswith("上") else 1 if rel.startswith("下") else 0
        if a.year is None or a.month is None:
            it.value = f"{timex.point(a.year)}-QX"
            if a.year is None:
                return False
        else:
            y, m = timex.add_months(a.year, a.month, 3 * off)
            it.value = f"{y:04d}-Q{timex.quarter_of(m)}"
        it.mod, it.gran = _MODS[it.g["qmod"]], "quarter"
        return True

    def _r_set(self, it: _Item) -> bool:
        """每年 → P1Y, 每个月 → P1M (TIMEX3 SET); 每周一 → XXXX-WXX-1; 每年3月 → XXXX-03,
        每年6月5日 → XXXX-06-05, 每月15日 → XXXX-XX-15; 每两年 → P2Y."""
        g = it.g
        if "sq" in g:
            it.value = f"XXXX-Q{_int(g['sq'])}"
        elif "sd" in g or "sm" in g:
            m, d = _int(g.get("sm")), _int(g.get("sd"))
            if d is not None and not timex.valid_day(2024, m or 1, d):
                return False
            it.value = timex.point(None, m, d) if m is not None else f"XXXX-XX-{d:02d}"
        elif "smod" in g:  # 每年年底 → XXXX END, 每月初 → XXXX-XX START
            it.value, it.mod = ("XXXX" if g["unit"] == "年" else "XXXX-XX"), _MODS[g["smod"]]
        elif "every" in g:
            n = count_value(g["every"])
            if n is None:
                return False
            it.value = timex.duration(n, _UNIT_SET[g["unit"]])
        elif "wd" in it.g:
            wd = it.g["wd"]
            it.value = "XXXX-WXX-WE" if wd == "末" else f"XXXX-WXX-{_WEEKDAYS[wd]}"
        else:
            it.value = timex.duration(1, _UNIT_SET[it.g["unit"]])
        it.dtype, it.gran = "SET", "set"
        return True

    def _r_lunar_day(self, it: _Item) -> bool:
        """正月初一 (大年初一), 腊月二十三, 农历八月十五: that day of the lunar calendar
        (dates_lunar_months.tsv). A written year is the lunar year; else the day that falls
        in the year of the sentence (腊月 of 2024 is lunar 2023's), in a November or
        December article the coming one."""
        g = it.g
        has_year = "year" in g or "ryear" in g
        y = self.year_for(it)
        if y is None:
            return False
        lm = g.get("lm")
        month = _LUNAR_MONTH_NAMES.get(lm) or _int(lm)
        n = _int(g["lday"].removeprefix("初"))  # parse_number reads 廿三 as 23
        if n is None or month is None or not 1 <= month <= 12:
            return False
        leap = "leap" in g
        a = self.anchor
        if has_year:
            day = lunar_date(y, month, n, leap)
        elif y == a.year and a.month is not None and a.month >= 11 and a.day is not None:
            # 正月初一, 腊月二十三 in a December article: the coming one
            today = dt.date(a.year, a.month, a.day)
            days = [lunar_date(ly, month, int(n), leap) for ly in (y, y + 1)]
            day = next((d for d in days if d is not None and d >= today - dt.timedelta(days=45)), None)
        else:
            days = [lunar_date(ly, month, int(n), leap) for ly in (y, y - 1)]
            day = next((d for d in days if d is not None and d.year == y), days[0])
        if day is None:
            return False
        it.value, it.gran, it.year = day.isoformat(), "day", day.year
        if "lday2" in g:  # 大年初一到初七: to that day of the same lunar month
            n2 = _int(g["lday2"].removeprefix("初"))
            if n2 is None or n2 <= n or n2 > 30:
                return False
            it.value, it.gran = f"{day.isoformat()}/{(day + dt.timedelta(days=n2 - n)).isoformat()}", "interval"
        return True

    def _r_lunar_range(self, it: _Item) -> bool:
        """腊月二十三至正月十五 → 2024-02-02/2024-02-24: two lunar days, the second after the first
        (by at most 60 days: the same season)."""
        a, b = it.parts
        if not (self.resolve(a) and self.resolve(b)) or a.value is None or b.value is None:
            return False
        da, db = dt.date.fromisoformat(a.value), dt.date.fromisoformat(b.value)
        if not 0 < (db - da).days <= 60:
            return False
        it.value, it.gran, it.year = f"{a.value}/{b.value}", "interval", a.year
        return True

    def _r_solar_term(self, it: _Item) -> bool:
        """冬至, 2023年冬至: the day of that solar term in the year (dates_solar_terms.tsv)."""
        y = self.year_for(it)
        md = None if y is None else _solar_terms().get((y, it.g["term"]))
        if md is None:
            return False
        it.year = y
        it.value, it.gran = f"{y:04d}-{md}", "day"
        if it.g.get("hday") == "前后":  # 冬至前后, like 春节前后
            it.mod = "APPROX"
        return True

    def _r_year_week(self, it: _Item) -> bool:
        """2024年第27周 → 2024-W27."""
        y, wk = _int(it.g["year"]), count_value(it.g["wk"])
        if y is None or wk is None or not 1 <= wk <= 53 or (wk == 53 and dt.date(y, 12, 28).isocalendar()[1] != 53):
            return False
        it.year = it.explicit_year = y
        it.value, it.gran = f"{y:04d}-W{int(wk):02d}", "week"
        return True

    def _r_year_today(self, it: _Item) -> bool:
        """去年的今天 → the anchor's day a year before (2月29日 → 2月28日); 十年前的今天."""
        if "ryear" in it.g:
            _, _, off = _relative()[it.g["ryear"]]
        else:
            n = count_value(it.g["n"])
            if n is None or not n.is_integer() or not 0 < n <= 200:
                return False
            off = -int(n) if it.g["dir"] == "前" else int(n)
        t = self.today
        if None in (t.year, t.month, t.day):  # an anchor of a year alone: that year, day unknown
            y = None if t.year is None else t.year + off
            it.year = y
            it.value, it.gran = f"{timex.point(y)}-XX-XX", "day"
            return True
        y = t.year + off
        d = t.day if timex.valid_day(y, t.month, t.day) else t.day - 1
        it.year = y
        it.value, it.gran = timex.point(y, t.month, d), "day"
        return True

    def _r_day(self, it: _Item, inherit_year=None, inherit_month=None) -> bool:
        rel = it.g.get("mrel")
        if rel in _MONTH_REL:  # 本月15日: the anchor's month
            a = self.anchor
            d = _int(it.g["d"])
            if a.year is None or a.month is None:
                it.value = f"{timex.point(a.year)}-XX-{d:02d}"
            else:
                y, m = timex.add_months(a.year, a.month, _MONTH_REL[rel])
                if not timex.valid_day(y, m, d):
                    return False
                it.value = timex.point(y, m, d)
            it.gran = "day"
            return True
        if inherit_month is None:
            it.deferred = True
            return True
        d = _int(it.g["d"])
        if not timex.valid_day(inherit_year, inherit_month, d):
            return False
        it.value, it.gran = timex.point(inherit_year, inherit_month, d), "day"
        return True

    def _r_past_year(self, it: _Item) -> bool:
        """过去一年: the year before the anchor's in a text of January to March (a year
        under review), else a duration of a year."""
        a = self.anchor
        if a.year is not None and a.month is not None and a.month <= 3:
            it.year = a.year - 1
            it.value, it.gran = timex.point(a.year - 1), "year"
            return True
        if "de" in it.g:
            return False  # 过去的一年 describes a year, it does not measure one
        it.start = it.end - 2
        it.value, it.dtype, it.gran = "P1Y", "DURATION", "duration"
        return True

    def _r_since_now(self, it: _Item) -> bool:
        """2019年至今 → 2019/2024: from the point to the anchor, at the point's granularity."""
        (p,) = it.parts
        if not self.resolve(p) or p.value is None:
            return False
        a = self.anchor
        gran = _since_gran(p)
        start = p.value
        if gran == "year_start":  # 年初至今: from January; with no month to end at, the year
            gran, start = ("year", p.value) if a.month is None or "X" in p.value else ("month", f"{p.value}-01")
        elif gran == "month_start":  # 七月初至今: from the first of the month, to the day
            if a.month is None or a.day is None or "X" in p.value:
                it.value, it.mod, it.year, it.gran = p.value, p.mod, p.year, "interval"  # no day to end at
                return True
            gran, start = "day", f"{p.value}-01"
        now = (timex.point(a.year) if gran == "year" else
               timex.point(a.year, a.month) if gran == "month" and a.month is not None else
               timex.point(a.year, a.month, a.day) if a.month is not None and a.day is not None else None)
        if now is None or a.year is None:
            now = timex.point(a.year) if gran == "year" else None
        if now is None:
            return False
        if now < start and "X" not in now + start:
            return False
        it.value = start if now == start else timex.interval(start, now)
        it.year, it.gran = p.year, "interval"
        return True

    def _r_range(self, it: _Item) -> bool:
        a, b = it.parts
        if not self.resolve(a):
            return False
        if a.kind in ("day", "relative") and a.deferred:
            it.deferred = True  # 7日至9日: the month of an earlier date (second pass); 今天到明天 likewise
            return True
        if a.value is None:
            return False
        return self._range_value(it)

    def _range_value(self, it: _Item) -> bool:
        a, b = it.parts
        ay, am = a.year, _value_month(a.value)
        if ay is None and a.kind in ("day", "relative"):
            ay = timex.year_of(a.value)  # 本月7日至9日, 今天到明天
        by = None
        if not ("year" in b.g or "ryear" in b.g):
            by = ay  # 2023年11月至2月: the second side takes the first side's year,
            bm = _int(b.g["m"]) if "m" in b.g and b.kind == "calendar" else None
            if ay is not None and am is not None and bm is not None and bm < am:
                by = ay + 1  # or the next one when its month comes earlier
        if b.kind == "relative":
            # 今天夜间到明天白天: the second word resolves as it would alone (second pass)
            if not self.resolve(b) or (b.deferred and not self.resolve_deferred(b)) or b.value is None:
                return False
        elif not self.resolve(b, by, am) or b.value is None:
            return False
        if b.kind == "day" and b.deferred:
            return False
        if b.value <= a.value and "X" not in a.value + b.value:
            return False
        it.value, it.gran, it.year = timex.interval(a.value, b.value), "interval", a.year
        return True

    # -- pass 2: what points at another date
    def previous(self, it: _Item, ok, window: int = 400, steps: int = 60) -> _Item | None:
        """The nearest earlier resolved item that `ok` accepts, at most `window` characters
        and `steps` items back (the bound keeps hostile input linear)."""
        i = bisect.bisect_left(self.starts, it.start) - 1
        stop = max(-1, i - steps)
        while i > stop:
            other = self.items[i]
            if it.start - other.end > window:
                return None
            if other.value is not None and ok(other):
                return other
            i -= 1
        return None

    def resolve_deferred(self, it: _Item) -> bool:
        if it.same:
            return self._same_period(it)
        if it.kind == "range":  # 7日至9日: the first day takes its month, the second the first's
            a = it.parts[0]
            if not self.resolve_deferred(a) or a.value is None or "X" in a.value:
                return False
            return self._range_value(it)
        if it.kind == "calendar":  # 当年9月, 同年, 次年
            prev = self.previous(it, lambda o: o.explicit_year is not None)
            if prev is None:
                return False
            _, _, off = _relative()[it.g["ryear"]]
            g = dict(it.g)
            g["year"] = str(prev.explicit_year + off)
            del g["ryear"]
            tmp = _Item(it.start, it.end, it.rule, it.kind, g)
            if not self._r_calendar(tmp):
                return False
            it.value, it.mod, it.gran, it.year = tmp.value, tmp.mod, tmp.gran, tmp.year
            return True
        if it.kind == "day":
            def dated(o: _Item) -> bool:
                return not o.same and o.dtype == "DATE" and _DAY_OR_MONTH.search(o.value) is not None
            prev = self.previous(it, dated)
            if prev is not None and self.is_base(prev):
                # 比9月日均增长。3日、4日…: 9月 is only what the story compares with; the
                # story's month is an earlier one of the paragraph, else the anchor's
                para = self.line_start(it.start)
                prev = self.previous(it, lambda o: dated(o) and not self.is_base(o), window=it.start - para)
                if prev is not None and prev.start < para:
                    prev = None
            if prev is not None:
                last = prev.value.split("/")[-1]
                y, m = timex.year_of(last), _value_month(last)
            elif it.g.get("mrel") == "当月":
                return False  # 当月15日 needs the month of an earlier date
            else:
                y, m = self.anchor.year, self.anchor.month
            d = _int(it.g["d"])
            if (prev is None and y is not None and m is not None and self.anchor.day is not None
                    and d > self.anchor.day
                    and not _FUTURE_BEFORE.search(self.text, max(0, it.start - 4), it.start)):
                y, m = timex.add_months(y, m, -1)  # 28日 in a story of the 3rd: last month's
            if m is None:
                it.value = f"{timex.point(y)}-XX-{d:02d}"
            elif not timex.valid_day(y, m, d):
                return False
            else:
                it.value = timex.point(y, m, d)
            it.gran = "day"
            return True
        if it.kind == "relative":
            return self._relative_deferred(it)
        if it.kind == "report_period":  # 报告期内: the period of the report, the first the text names
            ref = self.report_period()
            if ref is None:
                return False
            it.value, it.mod, it.gran, it.year = ref.value, ref.mod, ref.gran, ref.year
            if ref.gran == "year" and ref.year is not None and _HALF_REPORT.match(self.text, ref.end):
                it.value, it.mod, it.gran = f"{timex.point(ref.year)}-H1", None, "half"  # 2024年半年度报告
            return True
        return False

    def leads(self, o: _Item) -> bool:
        """Whether `o` opens its sentence (截至9月底，… ; 1-9月，…)."""
        _, s, _ = self.sentence(o.start)
        m = _LEAD_SKIP.match(self.text, s, o.start + 1)
        return m is not None and m.end() == o.start

    def is_base(self, o: _Item) -> bool:
        """A date named only as a comparison base: 比9月, 较上月, 与9月相比, 同比9月."""
        text = self.text
        if _BASE_BEFORE.search(text, max(0, o.start - 2), o.start):
            return True
        return (o.start > 0 and text[o.start - 1] in "与同跟"
                and _BASE_AFTER.match(text, o.end, o.end + 12) is not None)

    def _relative_deferred(self, it: _Item) -> bool:
        unit, base, off = _relative()[it.g["word"]]
        if base == "previous":
            if unit == "year":
                return False
            want = ("day",) if unit == "day" else ("day", "month")
            prev = self.previous(it, lambda o: o.gran in want and not o.same and "/" not in o.value)
            if prev is None and unit == "day" and off == 0:
                # 同日, 当天 several paragraphs after the story's day (its lead: 2月28日，…)
                prev = self.previous(it, lambda o: o.gran == "day" and not o.same and "/" not in o.value
                                     and o.kind in ("calendar", "numeric", "day"), window=3000)
            if prev is None and unit == "day" and off == 0 and not self.any_day_before(it):
                # 当天 with no day before it in the text: the day the story is told (dateline, anchor)
                t = self.today
                if None in (t.month, t.day):
                    return False
                it.value, it.gran = timex.point(t.year, t.month, t.day), "day"
                return True
            if prev is None:
                return False
            y, m = timex.year_of(prev.value), _value_month(prev.value)
            if unit == "day":
                d = int(prev.value[-2:]) if prev.value[-2:].isdigit() else None
                if off and None not in (y, m, d):
                    it.value = timex.add_days(y, m, d, off)
                elif off == 0:
                    it.value = prev.value
                else:
                    return False
            else:
                if y is None or m is None:
                    return False
                it.value = timex.point(*timex.add_months(y, m, off))
            it.gran = unit
            return True
        # 今天, 昨天: the quoted event's date, a date right after in brackets, else the anchor
        event = self._event_day(it)
        a = self.today
        if event is not None:
            y, m, d = event
            it.value = timex.add_days(y, m, d, off) if None not in (y, m, d) else timex.point(y, m, d)
        elif None not in (a.year, a.month, a.day):
            it.value = timex.add_days(a.year, a.month, a.day, off)
        elif off == 0 and a.month is not None and a.day is not None:
            it.value = timex.point(a.year, a.month, a.day)  # a dateline without a year: XXXX-07-01
        else:
            it.value = f"{timex.point(a.year)}-XX-XX"
        it.gran = "day"
        return True

    def _event_day(self, it: _Item) -> tuple[int | None, int, int] | None:
        """今天上午（12月15日）, or 今天 inside “…” next to an explicit day."""
        text = self.text
        after = self.next_item(it)
        if (after is not None and after.gran == "day" and after.kind in ("calendar", "numeric")
                and after.start <= it.end + 3 and regex.search(r"[（(]", text[it.end:after.start])):
            return _ymd(after.value)
        # a quote is looked for within _QUOTE_REACH characters (a 1 MB line stays linear)
        para_start = max(self.line_start(it.start), it.start - _QUOTE_REACH)
        para_end = min(self.line_end(it.end), it.end + _QUOTE_REACH)
        opening = text.rfind("“", para_start, it.start)
        if opening < 0 or text.rfind("”", opening, it.start) >= 0:
            return None
        closing = text.find("”", it.end, para_end)
        closing = para_end if closing < 0 else closing + 1
        # a date right after the quote (its lead-in: “…”\n\n7月1日，…), else one before it
        i = bisect.bisect_left(self.starts, closing)
        o = self.items[i] if i < len(self.items) else None
        if (o is not None and o.gran == "day" and o.kind in ("calendar", "numeric") and o.value is not None
                and o.start - closing <= 6 and not regex.search(r"[\u4e00-\u9fff]", text[closing:o.start])):
            return _ymd(o.value)
        before = self.previous(it, lambda o: o.gran == "day" and o.kind in ("calendar", "numeric")
                               and o.end <= opening, window=it.start - para_start)
        return _ymd(before.value) if before is not None else None

    def report_period(self) -> _Item | None:
        """The first half-year, quarter or span of months of the text, else its first year
        (found once: a text of many 报告期 stays linear)."""
        if not hasattr(self, "_report_ref"):
            self._report_ref = next(  # the period of a report the text names (2024年年度报告, 2025年一季度报告)
                (o for o in self.items if self._can_refer(o) and o.year is not None
                 and _NAMES_REPORT.match(self.text, o.end)), None) or next(
                (o for o in self.items if self._can_refer(o) and o.gran in ("half", "quarter", "interval")),
                None) or next((o for o in self.items if self._can_refer(o) and o.gran == "year"), None)
        return self._report_ref

    def any_day_before(self, it: _Item) -> bool:
        """Whether an item before `it` is a day. Called in text order in the second pass,
        when every item before `it` is final: the scan goes on from where it stopped."""
        i = bisect.bisect_left(self.starts, it.start)
        done, found = getattr(self, "_day_scan", (0, False))
        if not found:
            for k in range(done, i):
                if self.items[k].gran == "day":
                    found = True
                    break
            done = max(done, i)
        self._day_scan = (done, found)
        return found

    def next_item(self, it: _Item) -> _Item | None:
        i = bisect.bisect_right(self.starts, it.start)
        return self.items[i] if i < len(self.items) else None

    def _same_period(self, it: _Item) -> bool:
        ref = self._reference_period(it)
        g = it.g
        compare = bool(_COMPARE_BEFORE.search(self.text[max(0, it.start - 2):it.start]))
        if "year" in g:
            y = _int(g["year"])
            it.value = _in_year(ref, y) if ref is not None else timex.point(y)
        elif "ryear" in g:
            unit, base, off = _relative()[g["ryear"]]
            if base == "anchor":
                y = None if self.anchor.year is None else self.anchor.year + off
            elif ref is not None and ref.year is not None:
                y = ref.year + off
            else:
                cy = self.context_year(it.start)
                y = None if cy is None else cy + off
            it.value = _in_year(ref, y) if ref is not None else timex.point(y)
        else:
            if ref is None:
                return False
            it.value = (_in_year(ref, None if ref.year is None else ref.year - 1) if compare
                        else ref.value)
        if ref is not None:
            it.mod = ref.mod
        it.year = timex.year_of(it.value)
        it.gran = ref.gran if ref is not None else "year"
        return True

    def _reference_period(self, it: _Item) -> _Item | None:
        """The period a 同期 refers to: the nearest date before it in its sentence, else the
        nearest period (months, quarter, half) before it if it leads a sentence of the same
        paragraph, else the first after it in its sentence, else the first period of the text."""
        _, s, e = self.sentence(it.start)
        ok = self._can_refer
        prev = self.previous(it, ok, window=it.start - s)
        if prev is not None and prev.start >= s:
            return prev
        i = bisect.bisect_left(self.starts, it.start) - 1
        last = self.last_period[i] if i >= 0 else None
        # a period of an earlier sentence only when it leads its sentence in this paragraph
        # (节前最后一周（9月24日至30日），…。…去年同期… does not repeat that week)
        if last is not None and last.start >= self.line_start(it.start) and self.leads(last):
            return last
        for o in self.items[i + 2:i + 22]:
            if o.start >= e:
                break
            if ok(o) and o.gran in _AFTER_PERIODS:
                return o
        return self.first_period

    def index_periods(self) -> None:
        """For each item, the nearest period (months, quarter, half) at or before it, from
        the first pass (a 同期 never refers to another 同期)."""
        self.last_period: list[_Item | None] = []
        last = None
        text = self.text
        for o in self.items:
            # 自2020年6月…以来: a starting point, not a period a later 同期 repeats
            if self._can_refer(o) and o.gran in _PERIODS and not (o.start and text[o.start - 1] in "自从"):
                last = o
            self.last_period.append(last)
        self.first_period = next((o for o in self.items if self._can_refer(o) and o.gran in _PERIODS), None)

    @staticmethod
    def _can_refer(o: _Item) -> bool:
        return (o.value is not None and not o.same and o.dtype == "DATE"
                and o.gran not in ("plan", "decade", "century", "week"))


def _holiday_days(g: dict, y: int | None) -> str | None:
    """The days a holiday match names in year y: 国庆节当天 the festival day; 元旦假期,
    端午小长假, 国庆七天 the days off, where the table has them; else the holiday's days."""
    key, _ = _holiday_names()[g["holiday"]]
    if "hday" in g:
        return festival_day(key, y)
    return (holiday_value(f"{key}_break", y) if "hsuffix" in g or g.get("_ndays") else None
            ) or holiday_value(key, y)


def _in_year(ref: _Item, y: int | None) -> str:
    """The period `ref` names, in year y: a lunar holiday (no default row in
    dates_holidays.tsv) is looked up again (春节 2023 is 01-21/01-27, not 2024's days moved
    back a year); anything else, 国庆假期 too, keeps its calendar days (2023-10-01/2023-10-07)."""
    if ref.kind == "holiday" and y is not None and (_holiday_names()[ref.g["holiday"]][0], "*") not in _holidays():
        v = _holiday_days(ref.g, y)
        if v is not None:
            return v
    return timex.with_year(ref.value, y)


_BASE_WORDS = ("比", "较", "与", "同", "于比", "高于", "低于", "相比")
_CLAUSE_MARK = compile_regex(r"[，,；;：:。！？!?（）()\n]")


def _names_year(o: _Item) -> bool:
    """An item whose year the text writes (2023年底, 去年, 2023-12-31), not one taken from the anchor."""
    return o.year is not None and (o.kind == "numeric" or "year" in o.g or "ryear" in o.g)


_MONTH_OF = compile_regex(r"(?:\d{4}|XXXX)-(\d\d)(?:-|$|/)")
_YMD = compile_regex(r"(\d{4}|XXXX)-(\d\d)-(\d\d)$")


def _value_month(value: str | None) -> int | None:
    if not value:
        return None
    m = _MONTH_OF.match(value)
    return int(m.group(1)) if m else None


def _ymd(value: str) -> tuple[int | None, int, int] | None:
    m = _YMD.match(value)
    if not m:
        return None
    y = None if m.group(1) == "XXXX" else int(m.group(1))
    return y, int(m.group(2)), int(m.group(3))


# 今天的杭州，…: what may follow a place named as "the present-day" place
_PRESENT_ERA_AFTER = frozenset("，,、是已正早也还")


def _present_era(text: str, it: _Item) -> bool:
    """今天的杭州，今日之重庆，: the present era of a place the place gazetteer knows (the
    rule date.block.present_era catches 今天的××市 by its suffix), not the day."""
    if it.kind != "relative" or it.g.get("word") not in ("今天", "今日") or "tod" in it.g:
        return False
    if text[it.end:it.end + 1] not in ("的", "之"):
        return False
    from .places import gazetteer  # the places step's gazetteer, built once per process
    window = text[it.end + 1:it.end + 12]
    return any(s == 0 and window[e:e + 1] in _PRESENT_ERA_AFTER
               for s, e, _ in find_all(gazetteer().matcher, window))


# ---------------------------------------------------------------- entry point

def find_dates(ctx: Context) -> list[Mention]:
    """Date mentions of the document, resolved against `ctx.anchor`."""
    text = _fold(ctx.text)
    items = _merge_ranges([it for it in _candidates(text) if not _present_era(text, it)], text)
    res = _Resolver(ctx, text, items)
    kept: list[_Item] = []
    for it in items:
        if not res.resolve(it):
            continue
        if not it.deferred:
            res.note_leading(it)
            res.note_heading(it)
        kept.append(it)
    res.items = kept
    res.starts = [it.start for it in kept]
    res.index_periods()
    for it in kept:
        if it.deferred:
            it.value = None  # provisional values must not serve as references
    for it in kept:
        if it.deferred and not res.resolve_deferred(it):
            it.value = None
    out = []
    for it in kept:
        if it.value is None:
            continue
        out.append(Mention("date", it.start, it.end, ctx.text[it.start:it.end], it.rule,
                           {"value": it.value, "mod": it.mod, "dtype": it.dtype}))
    return _join_durations(ctx.text, out) if len(out) > 1 else out


_DURATION_PARTS = compile_regex(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?")


def _join_durations(text: str, out: list[Mention]) -> list[Mention]:
    """历时3年8个月, 工期1年零6个月, 2个月零10天: a duration right after a duration of a
    larger unit (joined by nothing, 零 or 又) is one duration (P3Y8M)."""
    joined: list[Mention] = []
    for m in out:
        prev = joined[-1] if joined else None
        if prev is not None and prev.attrs["dtype"] == "DURATION" and m.attrs["dtype"] == "DURATION" \
                and prev.attrs["mod"] is None and text[prev.end:m.start] in ("", "零", "又"):
            a = _DURATION_PARTS.fullmatch(prev.attrs["value"])
            b = _DURATION_PARTS.fullmatch(m.attrs["value"])
            if a and b and any(a.groups()) and any(b.groups()):
                last_a = max(i for i, g in enumerate(a.groups()) if g)
                first_b = min(i for i, g in enumerate(b.groups()) if g)
                if last_a < first_b:
                    parts = [x or y for x, y in zip(a.groups(), b.groups())]
                    value = "P" + "".join(f"{n}{u}" for n, u in zip(parts, "YMD") if n)
                    joined[-1] = Mention("date", prev.start, m.end, text[prev.start:m.end], prev.rule,
                                         {"value": value, "mod": m.attrs["mod"], "dtype": "DURATION"})
                    continue
        joined.append(m)
    return joined
