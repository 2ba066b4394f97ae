"""Dates: one test per surface of tests/corpus/dates.yaml, plus the invariants of the
rule data (every file loads, tables and patterns agree, matching stays linear)."""
from __future__ import annotations

import time

import pytest
import regex

from zhextract.extract.base import Anchor, Context
from zhextract.extract.dates import find_dates, holiday_value
from zhextract.ruleset import load_rules, load_tsv, load_yaml
from zhextract.sentences import split_sentences

from helpers import load_corpus, make_context

CORPUS = load_corpus("dates.yaml")
DEFAULT_ANCHOR = str(CORPUS["anchor"])


def _anchor(value) -> str | Anchor | None:
    if value is None:
        return Anchor(None)
    return str(value)


def _dates(text: str, anchor) -> list[dict]:
    ctx = make_context(text, _anchor(anchor))
    out = []
    for m in find_dates(ctx):
        assert text[m.start:m.end] == m.text
        out.append({"text": m.text, "value": m.attrs["value"], "mod": m.attrs["mod"], "dtype": m.attrs["dtype"]})
    return out


EXAMPLES = [
    pytest.param(surface, group, id=f"{group['group']}:{surface}")
    for group in CORPUS["examples"] for surface in group["surfaces"]
]


@pytest.mark.parametrize("surface,case", EXAMPLES)
def test_example(surface, case):
    anchor = case["anchor"] if "anchor" in case else DEFAULT_ANCHOR
    got = _dates(str(surface), anchor)
    want = {"text": case.get("span", str(surface)), "value": str(case["value"]),
            "mod": case.get("mod"), "dtype": case.get("dtype", "DATE")}
    assert got == [want]


CONTEXTS = [pytest.param(c, id=c["text"][:24]) for c in CORPUS["in_context"]]


@pytest.mark.parametrize("case", CONTEXTS)
def test_in_context(case):
    anchor = case["anchor"] if "anchor" in case else DEFAULT_ANCHOR
    got = _dates(case["text"], anchor)
    want = [{"text": str(e["text"]), "value": str(e["value"]), "mod": e.get("mod"),
             "dtype": e.get("dtype", "DATE")} for e in case["expect"]]
    assert got == want


@pytest.mark.parametrize("text", CORPUS["negatives"], ids=CORPUS["negatives"])
def test_negative(text):
    assert _dates(text, DEFAULT_ANCHOR) == []


# ---- the rule data

def test_corpus_size():
    n = len(EXAMPLES) + len(CONTEXTS) + len(CORPUS["negatives"])
    assert n >= 300


def test_rules_load_with_kinds():
    rules = load_rules("dates.yaml")
    kinds = {r.meta.get("kind") for r in rules}
    assert {"block", "calendar", "duration", "holiday", "plan", "relative"} <= kinds


@pytest.mark.parametrize("table,fragment", [
    ("dates_relative.tsv", "rel_words"), ("dates_plans.tsv", "plans"), ("dates_holiday_names.tsv", "holidays")])
def test_word_fragments_match_tables(table, fragment):
    """The words a pattern lists are exactly the words a table gives a meaning."""
    spec = load_yaml("dates.yaml")
    pattern = regex.compile(spec["fragments"][fragment])
    words = {row[next(iter(row))] for row in load_tsv(table)}
    if fragment == "rel_words":
        years = regex.compile(spec["fragments"]["rel_years"])
        assert {w for w in words if pattern.fullmatch(w) or years.fullmatch(w)} == words
        listed = _alternatives(spec["fragments"]["rel_words"]) | _alternatives(spec["fragments"]["rel_years"])
    else:
        assert {w for w in words if pattern.fullmatch(w)} == words
        listed = _alternatives(spec["fragments"][fragment])
    assert listed == words


def test_season_words_match_their_table():
    """Every word of dates_seasons.tsv is matched whole by the season_word rule, and the
    rule finds nothing in a text of words the table lacks."""
    rule = next(r for r in load_rules("dates.yaml") if r.id == "date.season_word")
    words = [row["word"] for row in load_tsv("dates_seasons.tsv")]
    for w in words:
        m = rule.pattern.search(w)
        assert m is not None and m.group("sw") == w and m.span() == (0, len(w)), w
    assert set(words) == {m.group("sw") for m in rule.pattern.finditer("，".join(words))}


def _alternatives(fragment: str) -> set[str]:
    """The words of a `(?:a|(?<!x)b(?!y)|…)` fragment, lookarounds dropped; a common
    suffix after the group is every word's (`(?:今|明|上(?<!以上))年` lists 今年, 明年, 上年)."""
    body = regex.sub(r"\(\?<?[!=][^)]*\)", "", fragment)
    group, _, suffix = body.removeprefix("(?:").rpartition(")")
    return {w + suffix for w in group.split("|")}


def test_every_rule_fires_on_the_corpus():
    texts = [str(s) for g in CORPUS["examples"] for s in g["surfaces"]]
    texts += [c["text"] for c in CORPUS["in_context"]] + CORPUS["negatives"]
    for suite in (load_corpus("dates_suite.yaml"), load_corpus("dates_suite_r3.yaml"),
                  load_corpus("dates_suite_r4.yaml")):
        texts += [c["text"] for c in suite["cases"]] + suite["negatives"]
    for rule in load_rules("dates.yaml"):
        assert any(rule.pattern.search(t) for t in texts), rule.id


def test_holiday_table_has_no_duplicates():
    keys = [(r["key"], r["year"]) for r in load_tsv("dates_holidays.tsv")]
    assert len(keys) == len(set(keys))
    assert holiday_value("labour", 2024) == "2024-05-01/2024-05-05"
    assert holiday_value("spring", 1990) is None  # a lunar holiday has no default


@pytest.mark.parametrize("hostile", [
    "1" * 100_000, "一" * 100_000, "年" * 100_000, "1-" * 50_000, "2024年" * 20_000,
    "今年" * 50_000, "十四五" * 30_000, "1月" * 50_000, "同期" * 50_000, "“" * 100_000,
    "报告期内" * 25_000, "当天，" * 33_334, "95年，" * 25_000, "过去一年" * 25_000, "2019年至今" * 15_000,
    "国庆节当天" * 20_000, "今天十点十五分" * 15_000, "“今天，" * 25_000, "一季度，全市增长5%，" * 10_000,
    "腊月" * 50_000, "农历" * 50_000, "农历闰" * 33_334, "每月15日" * 20_000, "每年3月" * 25_000, "冬至" * 50_000,
    "“大雪”" * 25_000, "去年的今天" * 20_000, "今天的" * 33_334, "年初至今" * 25_000, "2023学年" * 15_000,
    "7.1-" * 25_000, "1.1-1.1，" * 12_500, "24小时" * 25_000, "4个多小时" * 20_000, "今冬明春" * 25_000,
    "每隔两天" * 25_000, "暑假" * 50_000, "5天4夜" * 25_000, "七月初至今" * 20_000, "今天的杭州，" * 16_667,
    "正月初一至" * 20_000, "腊月二十三至正月十五" * 10_000, "二、三季度" * 20_000,
    "2024.7.1-" * 12_500, "下周一至周五" * 15_000, "5号至7号" * 15_000, "7月5日 08:30" * 10_000,
])
def test_linear_on_hostile_input(hostile):
    text = hostile[:100_000]
    ctx = Context(text=text, tokens=[(0, len(text))], sentences=split_sentences(text),
                  anchor=Anchor(2024, 7, 5, "input"))
    start = time.perf_counter()
    find_dates(ctx)
    assert time.perf_counter() - start < 10.0  # quadratic behaviour would take minutes


# ---- properties on arbitrary date-like text

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_DATEISH = "0123456789０２年月日号季度前后今去上下本同期当次初底末旬半个多余近约至到-—~，。、“”\n一二两三四五六七八九十百〇第首全春节五一国庆世纪代周"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_DATEISH, max_size=40),
       st.sampled_from([None, "2024", "2024-07-05", "2024-02-29", "2024-12-31"]))
def test_any_text_gives_well_formed_mentions(text, anchor):
    ctx = make_context(text, _anchor(anchor))
    mentions = find_dates(ctx)
    last_end = 0
    for m in mentions:
        assert text[m.start:m.end] == m.text and m.start < m.end
        assert m.start >= last_end  # no overlaps, in text order
        last_end = m.end
        assert m.attrs["dtype"] in ("DATE", "DURATION", "SET")
        assert m.attrs["mod"] in (None, "START", "END", "MID", "APPROX")
        assert regex.fullmatch(r"[0-9X]{2,4}(?:-[0-9A-Z]{1,3}){0,2}(?:/[0-9X]{4}(?:-[0-9A-Z]{1,3}){0,2})?|P[0-9.]+[YMQWD]",
                               m.attrs["value"]) or regex.fullmatch(r"PT[0-9.]+H", m.attrs["value"]), m.attrs["value"]


# ---- speed devices must not change what is found

def test_fold_is_fold_width():
    from zhextract.extract.dates import _fold
    from zhextract.numbers import fold_width
    text = "２０２４年７月１日，增长１２．５％，－３＋４，ＡＢＣ　全角"
    assert _fold(text) == fold_width(text)


def _all_texts() -> list[str]:
    import glob
    from zhextract.extract.dates import _fold
    texts = [str(s) for g in CORPUS["examples"] for s in g["surfaces"]]
    texts += [c["text"] for c in CORPUS["in_context"]] + CORPUS["negatives"]
    for suite in (load_corpus("dates_suite.yaml"), load_corpus("dates_suite_r3.yaml"),
                  load_corpus("dates_suite_r4.yaml")):
        texts += [c["text"] for c in suite["cases"]] + suite["negatives"]
    here = __file__.rsplit("/", 1)[0]
    texts += [open(f, encoding="utf-8").read() for f in sorted(glob.glob(f"{here}/heldout*/*.txt"))]
    return [_fold(t) for t in texts]


def test_trigger_windows_find_what_a_full_scan_finds():
    """A rule with `trigger` (and `back`/`reach`) runs only in windows; on every corpus
    and held-out text it must find exactly what the rule finds on the whole text."""
    from zhextract.extract.dates import _matches
    texts = _all_texts()
    for rule in load_rules("dates.yaml"):
        if not rule.meta.get("trigger"):
            continue
        for t in texts:
            full = [m.span() for m in rule.pattern.finditer(t)]
            windowed = [m.span() for m in _matches(rule, t)]
            assert windowed == full, (rule.id, t[:40])


def test_trigger_automaton_finds_what_the_trigger_pattern_finds():
    """Triggers expanded to literals and found by one Aho-Corasick pass give exactly the
    matches `re.finditer(trigger)` gives, on every corpus and held-out text."""
    import re

    from zhextract.extract.dates import _expand, _scan_plan, _trigger_hits
    assert _expand("上个|上(?:周|星期)[一二]") == ["上个", "上周一", "上周二", "上星期一", "上星期二"]
    assert _expand("(?:年|天)(?:以|之)?前") == ["年以前", "年之前", "年前", "天以前", "天之前", "天前"]
    assert _expand(r"\d年") is None
    plan = _scan_plan()
    texts = _all_texts() + ["上上个月上个月", "年以前前年前", "——2020—2021", "周一周二星期日", "同期同期期"]
    for t in texts:
        hits = _trigger_hits(t, plan)
        for order, (rule, _, back, _, _) in enumerate(plan.rules):
            if back >= 0:
                assert hits[order] == [m.span() for m in re.finditer(rule.meta["trigger"], t)], (rule.id, t[:40])


def test_lone_surrogates_do_not_break_the_trigger_scan():
    text = "2024年7月1日\ud800，今年\udfff上半年"
    got = _dates(text, DEFAULT_ANCHOR)
    assert [d["text"] for d in got] == ["2024年7月1日", "今年", "上半年"]


# ---- the breadth suite (tests/corpus/dates_suite.yaml, one sentence a case) and the blind
# rounds 3 (news sentences) and 4 (bare expressions), all in one format. Round 4 runs END TO END
# through zhextract.extract: a whole text of one expression must survive title/byline detection.

def _pipeline_dates(text: str, anchor: str) -> list[dict]:
    import zhextract

    out = []
    for r in zhextract.extract(text, date=anchor):
        if r["type"] == "date":
            assert text[r["start"]:r["end"]] == r["text"]
            out.append({"text": r["text"], "value": r["value"], "mod": r.get("mod"), "dtype": r.get("dtype")})
    return out


SUITES = {"dates_suite.yaml": _dates, "dates_suite_r3.yaml": _dates, "dates_suite_r4.yaml": _pipeline_dates}


def _suite_params(section: str):
    for name in SUITES:
        suite = load_corpus(name)
        for case in suite[section]:
            text = case if section == "negatives" else case["text"]
            anchor = case["anchor"] if section == "cases" and "anchor" in case else suite["anchor"]
            marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if section == "cases" and case.get("xfail") else []
            yield pytest.param(name, case, None if anchor is None else str(anchor),
                               id=f'{name.split(".")[0]}:{text[:24]}', marks=marks)


@pytest.mark.parametrize("name,case,anchor", list(_suite_params("cases")))
def test_suite_case(name, case, anchor):
    got = SUITES[name](case["text"], anchor)
    want = [{"text": str(e["text"]), "value": str(e["value"]), "mod": e.get("mod"),
             "dtype": e.get("dtype", "DATE")} for e in case["expect"]]
    assert got == want


@pytest.mark.parametrize("name,text,anchor", list(_suite_params("negatives")))
def test_suite_negative(name, text, anchor):
    assert SUITES[name](text, anchor) == []


# ---- the lunar calendar and solar-term tables

def test_lunar_months_are_contiguous():
    """Every lunar month starts the day after the one before it ends (no gap, no overlap)."""
    import datetime as dt
    rows = sorted(load_tsv("dates_lunar_months.tsv"), key=lambda r: r["start"])
    for a, b in zip(rows, rows[1:]):
        assert dt.date.fromisoformat(a["start"]) + dt.timedelta(days=int(a["days"])) == dt.date.fromisoformat(b["start"])
        assert a["days"] in ("29", "30")


def test_festival_days_computed_from_the_tables_match_the_holiday_table():
    """The lunar festivals and 清明 of dates_holidays.tsv (official notices) are the days the
    lunar-month and solar-term tables give."""
    from zhextract.extract.dates import _computed_festival, _holidays
    checked = 0
    for (key, year), (start, _) in _holidays().items():
        if year != "*" and key in ("lantern", "dragon_boat", "qixi", "mid_autumn", "double_ninth", "spring_eve", "qingming"):
            assert _computed_festival(key, int(year)) == f"{year}-{start}", (key, year)
            checked += 1
    assert checked > 50


def test_solar_terms_in_calendar_order():
    for row in load_tsv("dates_solar_terms.tsv"):
        days = [v for k, v in row.items() if k != "year"]
        assert len(days) == 24 and days == sorted(days), row["year"]
