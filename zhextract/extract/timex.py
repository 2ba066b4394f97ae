"""TIMEX3-style values as strings, and the pure arithmetic on them.

Values (spec/OUTPUT.md): ``2024``, ``2024-07``, ``2024-07-01``, ``2024-Q1``,
``2024-H1``, ``2024-SU`` (a season), ``199`` (the 1990s), ``2024-W27`` (a week),
intervals ``2024-01/2024-05``, durations ``P3Y``, ``P4M``, ``P8Q``; a part the
text does not tell is written with X (``XXXX-06-19``).

    >>> point(2024, 7, 1)
    '2024-07-01'
    >>> point(None, 6, 19)
    'XXXX-06-19'
    >>> shift_years("2021-01/2021-02", -1)
    '2020-01/2020-02'
    >>> duration(8, "Q")
    'P8Q'
"""
from __future__ import annotations

import datetime as dt

import regex
from ..regex_cache import compile_regex

_FIRST_YEAR = compile_regex(r"(\d{4})")
_LEADING_YEAR = compile_regex(r"(?<![\dX])(\d{4})(?=-|$|/)")


def point(year: int | None, month: int | None = None, day: int | None = None) -> str:
    """A calendar point; unknown parts above the smallest given are X's."""
    y = "XXXX" if year is None else f"{year:04d}"
    if month is None and day is None:
        return y
    m = "XX" if month is None else f"{month:02d}"
    if day is None:
        return f"{y}-{m}"
    return f"{y}-{m}-{day:02d}"


def interval(start: str, end: str) -> str:
    """``start/end`` from two values; an interval given as a side keeps only its outer end."""
    return f"{start.split('/')[0]}/{end.split('/')[-1]}"


def months(year: int | None, first: int, last: int) -> str:
    """Months first..last of a year (2024, 1, 5 → 2024-01/2024-05); a span that runs
    backwards (12-2月) starts in the year before."""
    start_year = None if year is None else (year - 1 if last < first else year)
    return f"{point(start_year, first)}/{point(year, last)}"


def year_of(value: str) -> int | None:
    """The first year written in a value (2024-Q1 → 2024), None for XXXX or a duration."""
    m = _FIRST_YEAR.match(value)
    return int(m.group(1)) if m else None


def shift_years(value: str, n: int) -> str:
    """Every year of a value moved by n (the same period n years later); X's stay."""
    return _LEADING_YEAR.sub(lambda m: f"{int(m.group(1)) + n:04d}", value)


def with_year(value: str, year: int | None) -> str:
    """The same period in another year: its first year becomes `year`, the others follow."""
    first = year_of(value)
    if first is None:
        if year is None:
            return value
        return regex.sub(r"(?<![\dX])XXXX", f"{year:04d}", value)
    if year is None:
        return _LEADING_YEAR.sub("XXXX", value)
    return shift_years(value, year - first)


def valid_day(year: int | None, month: int, day: int) -> bool:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    try:
        dt.date(year if year is not None else 2000, month, day)  # 2000: a leap year
    except ValueError:
        return False
    return True


def add_days(year: int, month: int, day: int, n: int) -> str:
    d = dt.date(year, month, day) + dt.timedelta(days=n)
    return point(d.year, d.month, d.day)


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def iso_week(year: int, month: int, day: int, n_weeks: int = 0) -> str:
    d = dt.date(year, month, day) + dt.timedelta(weeks=n_weeks)
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def _num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def duration(n: float, unit: str) -> str:
    """P{n}{unit}; a half year or month is written in the next smaller unit
    (一年半 → P18M, 半个月 → P15D)."""
    if not float(n).is_integer():
        if unit == "Y" and float(n * 12).is_integer():
            return f"P{_num(n * 12)}M"
        if unit == "M" and float(n * 30).is_integer():
            return f"P{_num(n * 30)}D"
        if unit == "W" and float(n * 7).is_integer():
            return f"P{_num(n * 7)}D"
    return f"P{_num(n)}{unit}"
