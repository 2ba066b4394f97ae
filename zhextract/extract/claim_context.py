"""What a claim is about: its metric, change, period and place (pure functions).

Binding works inside one sentence (ended by 。！？ or a line break run, a layout
break inside a long line excepted; ； and ， end clauses only, as ANNOTATION.md
reads them), with the dates, places and names earlier steps put in ``ctx.mentions``:

- period: the `value` of the nearest date before the amount in its sentence (not a
  duration, not a comparison base such as 比2019年同期 or 上年的5倍, not inside
  brackets the amount is outside of, not before a new time frame such as 此次,
  投产后, 基础上; none after 自…以来); else the first date after it in its clause
  (10个重点集群2024年行动计划); 由2020年的38%: the date is the amount's own;
- place: the text of the nearest place before it in its sentence, unless a wider
  scope owns the amount (高于全国同期1.7%的…) or an organization is the subject of
  its clause while the place is in an earlier one (自治区卫生健康委1个); places that
  are origins (来自广东、上海的游客) give none; a place inside a phrase of an earlier
  clause (是中国阀门行业…, 重庆市市长…) is skipped; with 分别 the n-th place of a
  list of places (滨江区、钱塘区…分别增长12.8%和10.5%), not carried past it; none from a
  dateline (新华社长春8月11日电), a line section (河北段), route points (经…), examples
  (…等地), a speaker's clause (…负责人说，) or past a scope word of another level in
  subject position (…阳曲县等地…，全市已建成…; 我县…); a zone found as a project counts;
- change: the last direction word before the amount in its clause (同比增长,
  下降, 高于…个百分点), a rate noun in its metric (增速为7.35%), or a change noun
  after it (38.6%的增长), a comparative after a base (比全国高1.0个百分点); basis from
  同比/环比/比上年/两年平均…, the last time basis carrying to later clauses of the
  sentence (； too; past peer comparisons such as 高于全省…; not to a pull: 拉动…增长);
- metric: the noun counted after a classifier (24个重点场景); else the phrase before
  the amount, cut at a comparison or a share-of verb (已达去年全年的六成) and cleared of
  dates (also inside: 企业今年前5个月出口额 → 出口额), places, sites, names,
  demonstratives, adverbials and verbs; what follows 以 (以15亿港元收购…); for lists
  with 分别 the n-th item with the n-th amount (with the head noun the items share);
  else the metric of the amount before it, or a heading clause. A gap to a peer in
  percentage points (增速高于全国1.3个百分点) takes the metric of the amount before. A
  subject and its verb come off (汽车产业实现产值 → 产值), so does a means phrase (通过…方式
  累计募资 → 累计募资); after a giving verb the noun after the amount (给予800万元奖励); a
  qualified subject before a measure comes off (市属企业研发投入强度 → 研发投入强度); after an
  output rate the product (年产20GWh储能电池 → 储能电池; 年产 for a named plant: …电池项目).
  A direction verb with its own object (减少排放520万吨) or after 不 (不低于) is no change.
Word lists live in `rules/claims_context.yaml`.

Cost: only the sentences holding amounts are found (`sentence_groups`, the same
spans as splitting the whole text); what a sentence tells (clauses, basis words,
brackets, its dates/places/names and their starts, whether it holds 分别, 来自 or
全国 at all, per-date and per-place facts) is worked out once and shared by its
amounts; regex calls that cannot match are skipped by exact pre-checks (a first
character no match can start with, a head word the sentence lacks).
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

import regex

from ..regex_cache import compile_regex
from ..ruleset import MATCH_TIMEOUT, load_yaml
from .base import Context, Mention

CONTEXT_FILE = "claims_context.yaml"
ENTITY_TYPES = ("company", "organization", "place", "person")
_SUBJECT_TYPES = frozenset(("company", "organization", "person"))
_DIGIT_CHARS = frozenset("0123456789０１２３４５６７８９零〇一二两三四五六七八九十百千万亿")
_WORDISH = compile_regex(r"[\p{Han}A-Za-z0-9]")
_WORDISH_MEMO: dict[str, bool] = {}
_Window = tuple  # (starts of the names near the amount's phrase, the range they were taken from)


def _wordish(ch: str) -> bool:
    """Is `ch` a Han character, a Latin letter or an ASCII digit (memoized)?"""
    v = _WORDISH_MEMO.get(ch)
    if v is None:
        v = _WORDISH_MEMO[ch] = _WORDISH.match(ch) is not None
    return v
_ETC = compile_regex(r"[^，。；：,;:！？]{1,24}?等")
_SPACES = compile_regex(r"\s+")
_SHORT_BRACKETS = compile_regex(r"[（(][^）)]{0,8}[）)]")
_CLAUSE_PUNCT = compile_regex(r"[，。；：,;:！？]")
_START = attrgetter("start")


@dataclass(frozen=True)
class ContextRules:
    sentence_marks: str
    clause_marks: str
    brackets: dict[str, str]
    connectors: tuple[str, ...]
    up: frozenset[str]
    down: frozenset[str]
    level_after: frozenset[str]
    bound_words: frozenset[str]
    negators: tuple[str, ...]                # 不低于: a bound, not a change
    rate_up: tuple[str, ...]
    rate_down: tuple[str, ...]
    basis: tuple[tuple["regex.Pattern[str]", str], ...]
    base_yoy: tuple[str, ...]
    base_mom: tuple[str, ...]
    base_year_end: tuple[str, ...]           # 上年末, 去年底: yoy only for a year's end
    part_year_end: "regex.Pattern[str]"      # 10月末, 三季度末: an end within the year
    trailing: tuple[str, ...]
    leading: tuple[str, ...]
    trailing_by_last: dict[str, tuple[str, ...]]
    leading_by_first: dict[str, tuple[str, ...]]
    leading_keep: tuple[str, ...]
    cut_after: frozenset[str]
    heading_tail: "regex.Pattern[str]"
    after_stop: frozenset[str]
    after_skip: tuple[str, ...]
    after_max: int
    heads: tuple[str, ...]
    change_nouns: frozenset[str]
    after_bad_single: frozenset[str]
    after_up: "regex.Pattern[str]"
    after_down: "regex.Pattern[str]"
    period_resets: "regex.Pattern[str]"
    wide_scopes: tuple[str, ...]
    not_headings: frozenset[str]
    heading_skip: "regex.Pattern[str]"
    enumerator: "regex.Pattern[str]"
    after_soft_stop: frozenset[str]
    place_prepositions: tuple[str, ...]
    no_basis_carry: tuple[str, ...]
    peer_comparisons: tuple[str, ...]
    after_verbs: frozenset[str]
    place_openers: tuple[str, ...]
    share_of: "regex.Pattern[str]"
    share_of_tail: tuple[str, ...]           # what a range must end with for `share_of` to match
    comparative: dict[str, str]
    demonstrative: "regex.Pattern[str]"
    location_head: "regex.Pattern[str]"
    location_heads_any: "regex.Pattern[str]"  # any of its head words (a sentence without one: no match)
    capacity_prefixes: tuple[str, ...]
    sized_plant: "regex.Pattern[str]"        # 200兆瓦|风电项目: the plant a capacity sizes
    sized_kinds: frozenset[str]
    after_event: "regex.Pattern[str]"        # 项目建成后|年均发电量: a time from an event on
    ordinal_batch: "regex.Pattern[str]"      # 第二批|典型案例: which batch
    origin_openers: tuple[str, ...]          # 自蒙古国进口的|煤炭: where from, not what
    place_ports: tuple[str, ...]             # 经霍尔果斯|铁路口岸: a port is where, not a route point
    place_origins: tuple[str, ...]
    place_titles: tuple[str, ...]
    place_suffix_chars: str
    instrument_before: frozenset[str]
    updown: frozenset[str]                   # up | down
    updown_words: tuple[str, ...]            # the same as a tuple (in `find_place` order)
    quote_table: dict[int, None]             # str.translate table deleting the quote marks
    quote_chars: frozenset[str]              # the same as a set
    connector_firsts: frozenset[str]         # first characters of `connectors`
    instrument_chars: frozenset[str]         # the characters of `instrument_before` words
    basis_any: "regex.Pattern[str]"          # matches where any of `basis` would (a pre-check)
    cut_after_any: "regex.Pattern[str]"      # any word of `cut_after` (a pre-check)
    not_metrics: frozenset[str]              # connectors | leading | trailing (a phrase of only one)
    dateline_before: "regex.Pattern[str]"    # before a dateline's place (新华社|长春8月11日电)
    dateline_after: "regex.Pattern[str]"     # after it (长春|8月11日电, 本报长沙|6月10日讯)
    since_open: tuple[str, ...]              # 自|2022年10月开工以来: no period for what follows
    since_close: str
    period_to: tuple[str, ...]               # 增加到|2023年的2950亿元: the same
    period_from: tuple[str, ...]             # 由|2020年的38%: the date is the amount's own
    scope_levels: dict[str, int]             # 全国 0, 全省 1, 全市 2, 全县 3
    scope_any: "regex.Pattern[str]"          # any scope word
    scope_openers: tuple[str, ...]           # words a scope word may follow as a subject
    own_scope: tuple[str, ...]               # 我县, 本市: the reporter's own unit
    place_levels: tuple[tuple[str, int], ...]  # name endings and their levels (省 1, 市 2, 县 3)
    place_segments: tuple[str, ...]          # 河北|段: a section of a line, not a scope
    place_routes: tuple[str, ...]            # 经|保定市、忻州市: points of a route, not a scope
    place_examples: tuple[str, ...]          # 泰国、墨西哥|等地: examples, not a scope
    zone_places: tuple[str, ...]             # endings of a zone named as a project that is a place too
    place_list_tails: tuple[str, ...]        # 新加坡、英国、德国|等国家: what may close a list of places
    speech_after: "regex.Pattern[str]"       # …负责人说，: a speaker's clause ends
    metric_verbs: frozenset[str]             # 天津港完成|集装箱吞吐量: the object after the verb
    metric_adverbs: tuple[str, ...]          # not a subject before such a verb (累计完成投资)
    share_verbs: tuple[str, ...]             # 占全省工业产值的|比重
    manner_openers: tuple[str, ...]          # 按可比口径: a manner adverbial, no metric
    giving_verbs: tuple[str, ...]            # 最高给予|800万元奖励: the noun after the amount
    means_openers: frozenset[str]            # 通过|首发、再融资等方式|累计募资
    means_ends: frozenset[str]
    means_end_only: frozenset[str]           # 以|现金|方式|增资: a means only with its end word
    means_any: "regex.Pattern[str]"
    manner_firsts: frozenset[str]
    metric_verbs_any: "regex.Pattern[str]"
    place_routes_any: "regex.Pattern[str]"
    place_in_names: tuple[str, ...]          # 香港|联交所: the place is part of a name
    per_head: tuple[str, ...]                # 户均增收: an increase per head (not 年均增长)
    not_subject_before: frozenset[str]       # a name after these is an object
    rank_verbs: tuple[str, ...]              # 以412套位居各区之首: a rank, not what is paid for
    level_qualifiers: str                    # 约近超逾…: may stand between a level verb and the amount
    base_joiners: tuple[str, ...]            # 与上年: a date after these is a comparison base
    compare_words: tuple[str, ...]           # 高于全国…: the scope is compared with
    capacity_named_tails: tuple[str, ...]    # 年产20GWh储能电池项目: a named plant keeps 年产
    size_class_mark: str                     # 8—10兆瓦级风机: the amount sizes the product
    subject_heads: tuple[str, ...]           # 市属企业|研发投入强度: a subject before the measure
    subject_measures: tuple[str, ...]
    subject_min_rest: int
    holiday_words: tuple[str, ...]           # 假期…: the holiday named before
    holiday_not_after: tuple[str, ...]       # 假期|前半个月: not the holiday itself
    base_verbs: tuple[str, ...]              # 是|去年全年交付量的2.5倍: the date is the base's
    time_gloss_after: tuple[str, ...]        # 节前最后一周|（9月24日至30日）: the bracket dates it
    level_nouns: tuple[str, ...] = ()        # 增长面达64.9%: a direction word inside a level's noun
    gain_amounts: frozenset[str] = frozenset()   # 户均增收2.3万元: an amount gained, no change


def _index(words: tuple[str, ...], at: int) -> dict[str, tuple[str, ...]]:
    """Words by their first (at=0) or last (at=-1) character, longest first."""
    out: dict[str, list[str]] = {}
    for w in words:
        out.setdefault(w[at], []).append(w)
    return {k: tuple(v) for k, v in out.items()}


@functools.lru_cache(maxsize=None)
def context_rules() -> ContextRules:
    d = load_yaml(CONTEXT_FILE)
    by_len = lambda words: tuple(sorted(words, key=len, reverse=True))  # noqa: E731
    return ContextRules(
        sentence_marks=d["sentence_marks"], clause_marks=d["clause_marks"], brackets=dict(d["brackets"]),
        connectors=by_len(d["list_connectors"]),
        up=frozenset(d["direction_up"]), down=frozenset(d["direction_down"]),
        level_after=frozenset(d["level_after"]), level_nouns=tuple(d.get("level_nouns") or ()), gain_amounts=frozenset(d.get("gain_amounts") or ()), bound_words=frozenset(d.get("bound_words") or ()), negators=tuple(d["direction_negators"]),
        rate_up=by_len(d["rate_heads_up"]), rate_down=by_len(d["rate_heads_down"]),
        basis=tuple((compile_regex(b["pattern"]), b["basis"]) for b in d["basis_patterns"]),
        base_yoy=tuple(d["base_yoy"]), base_mom=tuple(d["base_mom"]),
        base_year_end=tuple(d["base_year_end"]), part_year_end=compile_regex(d["part_year_end"]),
        trailing=by_len(d["metric_trailing"]), leading=by_len(d["metric_leading"]),
        trailing_by_last=_index(by_len(set(d["metric_trailing"]) | {w for w in d["direction_up"] + d["direction_down"]
                                                                   if len(w) >= 2}), -1),
        leading_by_first=_index(by_len(d["metric_leading"]), 0),
        leading_keep=tuple(d.get("metric_leading_keep") or ()),
        cut_after=frozenset(d["metric_cut_after"]), heading_tail=compile_regex(d["heading_tail"]),
        after_stop=frozenset(d["after_stop"]) | frozenset(d["direction_up"]) | frozenset(d["direction_down"]),
        after_skip=tuple(d["after_skip"]),
        after_max=int(d["after_max_tokens"]), heads=by_len(d["metric_heads"]),
        change_nouns=frozenset(d["change_nouns"]),
        after_bad_single=frozenset(d["after_bad_single"]),
        after_up=compile_regex(d["after_change_up"]), after_down=compile_regex(d["after_change_down"]),
        period_resets=compile_regex(d["period_resets"]), wide_scopes=tuple(d["wide_scopes"]),
        not_headings=frozenset(d["not_headings"]), heading_skip=compile_regex(d["heading_skip"]),
        enumerator=compile_regex(d["enumerator"]), after_soft_stop=frozenset(d["after_soft_stop"]),
        place_prepositions=tuple(d["place_prepositions"]),
        no_basis_carry=tuple(d["no_basis_carry"]),
        peer_comparisons=tuple(d["peer_comparisons"]),
        after_verbs=frozenset(d["after_verbs"]) | frozenset(d["direction_up"]) | frozenset(d["direction_down"]),
        instrument_before=frozenset(d["instrument_before"]),
        place_openers=tuple(d["place_openers"]),
        share_of=compile_regex(d["share_of"]),
        # A pattern ending in 的$ matches only a range ending in 的 (or 的 and a final line break).
        share_of_tail=("的", "的\n") if d["share_of"].endswith("的$") else (),
        comparative=dict(d["comparative_directions"]),
        demonstrative=compile_regex(d["metric_demonstrative"]),
        location_head=compile_regex(d["metric_location_head"]["before"] + "(?:" + "|".join(
            regex.escape(w) for w in d["metric_location_head"]["heads"]) + ")"),
        location_heads_any=compile_regex("|".join(regex.escape(w) for w in d["metric_location_head"]["heads"])
                                         or "(?!)"),
        capacity_prefixes=tuple(d["capacity_prefixes"]),
        after_event=compile_regex(d["after_event"]),
        ordinal_batch=compile_regex(d["ordinal_batch"]),
        origin_openers=tuple(d["origin_openers"]),
        place_ports=tuple(d["place_ports"]),
        sized_plant=compile_regex(d["sized_plant"]["pattern"]), sized_kinds=frozenset(d["sized_plant"]["kinds"]),
        place_origins=tuple(d["place_origins"]), place_titles=tuple(d["place_titles"]),
        place_suffix_chars=d["place_suffix_chars"],
        updown=frozenset(d["direction_up"]) | frozenset(d["direction_down"]),
        updown_words=tuple(frozenset(d["direction_up"]) | frozenset(d["direction_down"])),
        quote_table=str.maketrans("", "", d["quotes"]), quote_chars=frozenset(d["quotes"]),
        connector_firsts=frozenset(w[0] for w in d["list_connectors"] if w),
        instrument_chars=frozenset("".join(d["instrument_before"])),
        basis_any=compile_regex("|".join(f"(?:{_unnamed(b['pattern'])})" for b in d["basis_patterns"]) or "(?!)"),
        cut_after_any=compile_regex("|".join(regex.escape(w) for w in d["metric_cut_after"]) or "(?!)"),
        not_metrics=frozenset(d["list_connectors"]) | frozenset(d["metric_leading"]) | frozenset(d["metric_trailing"]),
        dateline_before=compile_regex(d["dateline"]["before"]), dateline_after=compile_regex(d["dateline"]["after"]),
        since_open=tuple(d["since"]["open"]), since_close=d["since"]["close"],
        period_from=tuple(d["period_from"]), period_to=tuple(d.get("period_to") or ()),
        scope_levels=dict(d["scope_words"]), scope_openers=tuple(d["scope_openers"]),
        own_scope=tuple(d["own_scope"]),
        scope_any=compile_regex("|".join(regex.escape(w) for w in sorted(d["scope_words"], key=len, reverse=True))
                                or "(?!)"),
        place_levels=tuple((k, int(v)) for k, v in sorted(d["place_levels"].items(), key=lambda kv: -len(kv[0]))),
        place_segments=tuple(d["place_segments"]), place_routes=tuple(d["place_routes"]),
        place_examples=tuple(d["place_examples"]), zone_places=tuple(d["zone_places"]),
        place_list_tails=tuple(d["place_list_tails"]),
        speech_after=compile_regex("(?:" + "|".join(regex.escape(w) for w in d["speech_verbs"]) + ")[，,：:]"),
        metric_verbs=frozenset(d["metric_verbs"]), metric_adverbs=by_len(d["metric_verb_adverbs"]),
        share_verbs=tuple(d["share_verbs"]), manner_openers=tuple(d["manner_openers"]),
        giving_verbs=tuple(d["giving_verbs"]),
        means_openers=frozenset(d["means"]["open"]) | frozenset(d["means"]["open_with_end"]),
        means_ends=frozenset(d["means"]["end"]), means_end_only=frozenset(d["means"]["open_with_end"]),
        means_any=compile_regex("|".join(regex.escape(w) for w in d["means"]["open"] + d["means"]["open_with_end"])
                                or "(?!)"),
        manner_firsts=frozenset(w[0] for w in d["manner_openers"] if w),
        metric_verbs_any=compile_regex("|".join(regex.escape(w) for w in d["metric_verbs"]) or "(?!)"),
        place_routes_any=compile_regex("|".join(regex.escape(w) for w in d["place_routes"]) or "(?!)"),
        time_gloss_after=tuple(d["time_gloss_after"]), base_verbs=tuple(d["base_verbs"]),
        holiday_words=tuple(d["holiday"]["words"]), holiday_not_after=tuple(d["holiday"]["not_after"]),
        place_in_names=tuple(d["place_in_names"]),
        per_head=tuple(d["per_head"]), not_subject_before=frozenset(d["not_subject_before"]),
        rank_verbs=tuple(d["rank_verbs"]), level_qualifiers=d["level_qualifiers"],
        base_joiners=tuple(d["base_joiners"]), compare_words=tuple(d["compare_words"]),
        capacity_named_tails=tuple(d["capacity_named_tails"]), size_class_mark=d["size_class_mark"],
        subject_heads=tuple(d["metric_subject"]["heads"]), subject_measures=tuple(d["metric_subject"]["measures"]),
        subject_min_rest=int(d["metric_subject"]["min_rest"]),
    )


def _unnamed(pattern: str) -> str:
    """`pattern` with its named groups made plain (to join patterns in one alternation)."""
    return regex.sub(r"\(\?P<[A-Za-z_][A-Za-z_0-9]*>", "(?:", pattern)


# ---------------------------------------------------------------- segmentation

@functools.lru_cache(maxsize=None)
def _marks_pattern(marks: str) -> "regex.Pattern[str]":
    """Any one of `marks`; a line break run counts as one mark."""
    chars = marks.replace("\n", "")
    alternatives = (["[" + regex.escape(chars) + "]"] if chars else []) + (["\n+"] if "\n" in marks else [])
    return compile_regex("|".join(alternatives))


def split_spans(text: str, start: int, end: int, marks: str) -> list[tuple[int, int]]:
    """Spans of text[start:end] ended by any of `marks` (the mark stays with its span)."""
    spans, s = [], start
    for m in _marks_pattern(marks).finditer(text, start, end):
        spans.append((s, m.end()))
        s = m.end()
    if s < end:
        spans.append((s, end))
    return spans


_CJK = compile_regex(r"\p{Han}")
# A line opening a numbered item (二、先进个人) starts anew: no word broken by the layout goes on there.
_ITEM_START = compile_regex(r"[一二三四五六七八九十]{1,3}、")


def _headline(text: str, ls: int, be: int, end: int) -> bool:
    """Is the line [ls, be) a headline: the text's first line, set apart by a blank line (…\n\n
    up to `end`), with no clause mark of running prose (，；)? A long headline (常州10月末…余额突破
    1.6万亿元 普惠小微贷款增速高于…) is no line that the layout broke: the lead paragraph after it is
    a sentence of its own (not so …45个智能工厂、200个绿色工厂，高端装备占装备制造\n\n业比重…)."""
    return not text[:ls].strip() and text.count("\n", be, end) >= 2 and _PROSE_MARKS.search(text, ls, be) is None


_PROSE_MARKS = compile_regex("[，,；;]")


def join_broken_lines(text: str, spans: list[tuple[int, int]], min_line: int = 40) -> list[tuple[int, int]]:
    """Join a sentence cut by a layout line break (…高端装备占装备制造\n\n业比重达到35%):
    a long line that ends inside a word, followed by a line that goes on with Han text."""
    out: list[tuple[int, int]] = []
    n = len(text)
    for s, e in spans:
        if out:
            ps, pe = out[-1]
            if text[pe - 1] == "\n" and s < n and _CJK.match(text[s]) and not _ITEM_START.match(text, s):
                be = pe
                while be > ps and text[be - 1] in "\r\n":
                    be -= 1
                ls = max(ps, text.rfind("\n", ps, be) + 1)
                if be - ls >= min_line and _CJK.match(text[be - 1]) and not _headline(text, ls, be, pe):
                    out[-1] = (ps, e)
                    continue
        out.append((s, e))
    return out


@functools.lru_cache(maxsize=None)
def _last_mark_pattern(marks: str) -> "regex.Pattern[str]":
    """Any one character of `marks`, searched from the end."""
    return compile_regex("[" + regex.escape(marks) + "]", regex.REVERSE)


def sentence_groups(text: str, claims: list[Mention], marks: str,
                    min_line: int = 40) -> list[tuple[tuple[int, int], list[Mention]]]:
    """The sentences holding `claims` (sorted by start), each with its claims: the same
    sentences as `join_broken_lines(text, split_spans(text, 0, len(text), marks))`, found
    around the claims only (a text is not split end to end for a few amounts)."""
    pattern = _marks_pattern(marks)
    last_mark = _last_mark_pattern(marks)
    n = len(text)

    def mark_before(lo: int, hi: int) -> int:  # the last mark character in [lo, hi), or -1
        m = last_mark.search(text, lo, hi)
        return m.start() if m else -1

    def span_end(pos: int) -> int:  # the end of the span (ended by a mark) holding pos
        m = pattern.search(text, pos)
        return m.end() if m else n

    def broken(start: int, end: int) -> bool:
        """Does the span [start, end) end with a line break inside a word of a long line, and
        the next one go on with Han text? (A span holds no mark before its last one, so its
        last line is all of it up to the line break.)"""
        if text[end - 1] != "\n" or end >= n or not _is_han(text[end]) or _ITEM_START.match(text, end):
            return False
        be = end
        while be > start and text[be - 1] in "\r\n":
            be -= 1
        ls = max(start, text.rfind("\n", start, be) + 1)
        return be - ls >= min_line and _is_han(text[be - 1]) and not _headline(text, ls, be, end)

    out: list[tuple[tuple[int, int], list[Mention]]] = []
    floor = 0  # the end of the last sentence found (a span boundary)
    for c in claims:
        if out and c.start < out[-1][0][1]:
            out[-1][1].append(c)
            continue
        k = mark_before(floor, c.start)
        lo = k + 1 if k >= 0 else floor
        # Spans before it that it goes on from.
        while lo > floor and text[lo - 1] == "\n":
            run = lo - 1
            while run > floor and text[run - 1] == "\n" and "\n" in marks:
                run -= 1
            k = mark_before(floor, run)
            start = k + 1 if k >= 0 else floor
            if not broken(start, lo):
                break
            lo = start
        start, hi = lo, span_end(c.start)
        if start < c.start:
            k = mark_before(start, c.start)
            start = k + 1 if k >= 0 else start
        # Spans after it that go on from it.
        while broken(start, hi):
            start, hi = hi, span_end(hi)
        out.append(((lo, hi), [c]))
        floor = hi
    return out


_HAN_MEMO: dict[str, bool] = {}


def _is_han(ch: str) -> bool:
    v = _HAN_MEMO.get(ch)
    if v is None:
        v = _HAN_MEMO[ch] = _CJK.match(ch) is not None
    return v


@functools.lru_cache(maxsize=None)
def _opener_pattern(openers: tuple[str, ...]) -> "regex.Pattern[str]":
    return _marks_pattern("".join(openers))


def bracket_regions(text: str, start: int, end: int, brackets: dict[str, str]) -> list[tuple[int, int]]:
    """Bracketed regions (（不含宁东）) inside a sentence, outermost only, sorted."""
    regions: list[tuple[int, int]] = []
    pos = start
    opener = _opener_pattern(tuple(brackets))
    while True:
        m = opener.search(text, pos, end)
        if not m:
            return regions
        j = text.find(brackets[m.group()], m.end(), end)
        if j < 0:
            pos = m.end()
            continue
        regions.append((m.start(), j + 1))
        pos = j + 1


def _region_of(regions: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The region (sorted, not overlapping) that holds `pos`, if any."""
    if not regions:
        return None
    i = bisect.bisect_right(regions, (pos, float("inf"))) - 1
    if i >= 0 and regions[i][0] <= pos < regions[i][1]:
        return regions[i]
    return None


# ---------------------------------------------------------------- the binder

def bind_context(ctx: Context, claims: list[Mention]) -> None:
    """Fill metric, change, period and place of `claims` (sorted by start), in place.
    What a sentence or a clause tells (its clauses, dates, places, names, basis words,
    brackets) is worked out once and shared by the amounts in it."""
    if not claims:
        return
    rules = context_rules()
    text = ctx.text
    got = ctx.mentions.get
    pools = (sorted(got("date", ()), key=_START), sorted(got("place", ()), key=_START),
             sorted((m for t in ENTITY_TYPES for m in got(t, ())), key=_START),
             sorted(got("project", ()), key=_START))
    pool_starts = [[m.start for m in ms] for ms in pools]
    # Words a sentence can only hold when the text does (most texts hold none).
    doc_flags = (any(w in text for w in rules.place_origins), any(w in text for w in rules.wide_scopes),
                 "分别" in text, _marks_pattern("".join(rules.brackets)).search(text) is not None,
                 rules.place_routes_any.search(text) is not None, rules.scope_any.search(text) is not None)
    bl = bisect.bisect_left
    holiday = pools[0] and any(w in text for w in rules.holiday_words)
    for (lo, hi), group in sentence_groups(text, claims, rules.sentence_marks):
        clauses = split_spans(text, lo, hi, rules.clause_marks)
        if hi == len(text) or text[hi - 1] in _TITLE_END:
            clauses = _title_clauses(text, lo, hi, clauses)
        part = [ms[bl(st, lo):bl(st, hi)] if ms else ms for ms, st in zip(pools, pool_starts)]
        _bind_sentence(ctx, rules, (lo, hi), group, clauses,
                       *part, doc_flags, (pools[0], pool_starts[0]) if holiday else None)


_TITLE_END = frozenset("\n\r \u3000\t")
_TITLE_SPACE = compile_regex(r"(?<=[^\sA-Za-z])[ \u3000\t]+(?=[^\sA-Za-z0-9])|(?<=\p{Han})[ \u3000\t]+(?=[0-9])")
_TITLE_MAX = 64
_FINAL_MARKS = frozenset("。！？!?…")


def _title_clauses(text: str, lo: int, hi: int, clauses: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A headline line (no sentence-final mark, short) whose parts are set apart by spaces
    (澜芯股份登陆科创板首日大涨156% 沪市前10月IPO募资同比降逾六成): each part is a clause, so
    a date or place of a later part does not reach an amount of an earlier one."""
    e = hi
    while e > lo and text[e - 1] in _TITLE_END:
        e -= 1
    if e - lo > _TITLE_MAX or e == lo:
        return clauses
    last = text[e - 1]
    if last in _FINAL_MARKS or last in "”’\"" and text[e - 2:e - 1] in _FINAL_MARKS:
        return clauses
    cuts = [m.end() for m in _TITLE_SPACE.finditer(text, lo, e) if m.start() - lo >= 4 and e - m.end() >= 4]
    if not cuts:
        return clauses
    out = []
    for cs, ce in clauses:
        for k in cuts:
            if cs < k < ce:
                out.append((cs, k))
                cs = k
        out.append((cs, ce))
    return out


@dataclass
class _Sentence:
    """What binding needs about one sentence, computed once (binding stays linear in
    the number of amounts even for a megabyte without punctuation)."""

    span: tuple[int, int]
    clauses: list[tuple[int, int]]
    clause_starts: list[int]
    claims: list[Mention]
    by_clause: dict[int, list[Mention]]
    basis: list[tuple[int, str, bool, bool]]   # (start, basis, peer comparison, a named base), sorted
    basis_starts: list[int]
    regions: list[tuple[int, int]]
    semicolons: list[int] | None               # where ； and ; are (worked out when needed)
    dates: list[Mention] = None                # the sentence's mentions, sorted by start
    date_starts: list[int] = None
    places: list[Mention] = None
    place_starts: list[int] = None
    entities: list[Mention] = None
    entity_starts: list[int] = None
    opens: set[int] = None                     # where a date or a name ends
    has_origin: bool = False                   # a word of `place_origins` occurs
    has_wide: bool = False                     # a word of `wide_scopes` occurs
    has_fenbie: bool = False                   # 分别 occurs
    has_route: bool = False                    # a word of `place_routes` occurs in the text
    has_scope: bool = False                    # a word of `scope_words` occurs in the text
    named: list[Mention] = None                # its dates and names, sorted by start
    date_ends: set[int] = None                 # where a date ends
    cache: dict[Any, Any] = None               # per date / place facts, worked out once
    text: str = ""
    has_holiday: bool = False                  # a word of `holiday_words` occurs in the sentence
    doc_dates: tuple = ((), ())                # all dates of the text and their starts

    def basis_in(self, lo: int, hi: int) -> str | None:
        """The basis named last in [lo, hi) (by where its words start)."""
        i = bisect.bisect_left(self.basis_starts, hi) - 1
        if i >= 0 and self.basis[i][0] >= lo:
            return self.basis[i][1]
        return None

    def carried_basis(self, hi: int) -> str | None:
        """The basis a later clause takes over: the last one before `hi` that is not a
        comparison with a peer (高于全省平均水平约2个百分点 names no time base)."""
        i = bisect.bisect_left(self.basis_starts, hi) - 1
        stop = i - 20  # a few peer comparisons back at most: stays linear
        while i > stop and i >= 0 and self.basis[i][2]:
            i -= 1
        return self.basis[i][1] if i >= 0 and i > stop else None

    def comparison_before(self, ci: int) -> bool:
        """Does the clause just before clause `ci` compare with a base that is not a time and
        not a peer (作业效率较传统码头提高20%左右，人员减少六成: still 较传统码头)?"""
        if ci < 1:
            return False
        lo, hi = self.clauses[ci - 1]
        if text_end_mark(self, hi) in "；;":
            return False
        i = bisect.bisect_left(self.basis_starts, hi) - 1
        return (i >= 0 and self.basis[i][0] >= lo and self.basis[i][1] == "other" and not self.basis[i][2]
                and self.basis[i][3])


def text_end_mark(sent: "_Sentence", end: int) -> str:
    """The character ending a clause of the sentence (its mark), or "" at the text's end."""
    return sent.text[end - 1:end]


def _in_name(names: list[Mention], starts: list[int], pos: int) -> bool:
    """Is `pos` inside one of `names` (sorted by start, not overlapping much)?"""
    i = bisect.bisect_right(starts, pos) - 1
    return any(names[k].start <= pos < names[k].end for k in range(max(0, i - 2), i + 1))


def _sentence_basis(text: str, lo: int, hi: int, rules: ContextRules,
                    names: list[Mention] = ()) -> list[tuple[int, str, bool]]:
    found = []
    if not rules.basis_any.search(text, lo, hi):
        return found
    starts = [m.start for m in names]
    for pattern, basis in rules.basis:
        for m in pattern.finditer(text, lo, hi):
            if names and _in_name(names, starts, m.start()):
                continue  # 比亚迪 is a name, not 比
            if basis == "base":
                base = m.group("base") or ""
                basis_value = ("yoy" if any(w in base for w in rules.base_yoy)
                               else "mom" if any(w in base for w in rules.base_mom) else "other")
                if basis_value == "yoy" and any(w in base for w in rules.base_year_end) \
                        and rules.part_year_end.search(text, lo, hi, timeout=MATCH_TIMEOUT):
                    basis_value = "other"  # 截至10月末…较上年末增加: not the same point a year before
            else:
                basis_value = basis
            peer = basis_value == "other" and m.group(0).startswith(rules.peer_comparisons)
            found.append((m.start(), basis_value, peer, basis == "base"))
    found.sort(key=lambda t: t[0])
    return found


def _bind_sentence(ctx: Context, rules: ContextRules, sentence: tuple[int, int], claims: list[Mention],
                   clauses: list[tuple[int, int]],
                   dates: list[Mention], places: list[Mention], entities: list[Mention],
                   projects: list[Mention], doc_flags: tuple[bool, ...], doc_dates: tuple | None = None) -> None:
    text = ctx.text
    lo, hi = sentence
    clause_starts = [c[0] for c in clauses]
    zones = [m for m in projects if m.text.endswith(rules.zone_places)] if projects else None
    if zones:  # 乌鲁木齐国际陆港区, 合肥经济技术开发区: a zone is where its amounts are
        places = sorted(places + zones, key=_START)
    if places:
        # 新华社长春8月11日电: where and when the report was filed, not what its amounts are about.
        lines = _datelines(text, places, rules)
        if lines:
            places = [p for p in places if not any(a <= p.start < b for a, b in lines)]
            dates = [d for d in dates if not any(a <= d.start < b for a, b in lines)]
    names = sorted(entities + projects, key=_START) if projects else entities
    basis = _sentence_basis(text, lo, hi, rules, names)
    origin, wide, fenbie, brackets, route, scope = doc_flags
    sent = _Sentence(sentence, clauses, clause_starts, claims, {}, basis, [b[0] for b in basis],
                     bracket_regions(text, lo, hi, rules.brackets) if brackets else [], None)
    by_clause = sent.by_clause
    cis = []
    for c in claims:
        ci = max(0, bisect.bisect_right(clause_starts, c.start) - 1)
        cis.append(ci)
        g = by_clause.get(ci)
        if g is None:
            by_clause[ci] = [c]
        else:
            g.append(c)
    named = sorted(dates + names, key=_START) if dates else names
    named_starts = [m.start for m in named]
    named_start_set = set(named_starts)
    sent.dates, sent.date_starts = dates, [m.start for m in dates]
    sent.places, sent.place_starts = places, [m.start for m in places]
    sent.entities, sent.entity_starts = entities, [m.start for m in entities]
    sent.named = named
    sent.has_origin = origin and any(text.find(w, lo, hi) >= 0 for w in rules.place_origins)
    sent.has_wide = wide and any(text.find(w, lo, hi) >= 0 for w in rules.wide_scopes)
    sent.has_fenbie = fenbie and text.find("分别", lo, hi) >= 0
    sent.has_route, sent.has_scope = route, scope  # in the text; the sentence is looked at when needed
    sent.cache = {}
    sent.text = text
    if doc_dates is not None and any(text.find(w, lo, hi) >= 0 for w in rules.holiday_words):
        sent.has_holiday, sent.doc_dates = True, doc_dates
    # Is an amount inside a name (a name starting before it reaches its end)? Amounts and
    # names both come by start: one walk with the furthest end of the names passed.
    name_k, name_n, name_reach = 0, len(names), -1
    prev: Mention | None = None
    prev_ci = -1
    lists: dict[Any, Any] = {}
    n = len(claims)
    for i, c in enumerate(claims):
        ci = cis[i]
        clause = clauses[ci]
        seg_start = clause[0]
        if prev is not None and prev.end > seg_start:
            seg_start = prev.end
            after_end = lists.get(("after_end", prev.start), 0)
            if after_end > seg_start and text[after_end:after_end + 1] in ("、", "和", "及", "与"):
                seg_start = after_end  # 190幅…用地、规划建筑面积约1500万平方米
        continuation = prev is not None and _only_connectors_in(text, seg_start, c.start, rules)
        nxt_claim = claims[i + 1] if i + 1 < n else None
        nxt = nxt_claim.start if nxt_claim is not None else clause[1]
        near_lo, near_hi = max(lo, seg_start - 200), c.end + 200
        near = named[bisect.bisect_left(named_starts, near_lo):bisect.bisect_left(named_starts, near_hi)]
        a = c.attrs
        a["period"] = _find_period(text, c, sent, rules, clause)
        a["place"] = _find_place(text, rules, c, sent, clause)
        a["change"] = find_change(ctx, rules, c, clause, sent, seg_start,
                                  prev.attrs.get("change") if continuation and prev else None, continuation)
        ch = a["change"]
        if ch is not None and ch["basis"] == "other" and a["period"] and a["kind"] != "percentage_point":
            # (增速较5月份加快0.8个百分点 compares two rates: stays other)
            dated = _dated_basis(text, sent, rules, clause[0], c.start, a["period"])
            if dated:
                a["change"] = {"direction": ch["direction"], "basis": dated}
        a["metric"] = find_metric(ctx, rules, c, ci, sent, seg_start, prev, min(clause[1], nxt), near, lists,
                                  nxt_claim, (named_start_set, near_lo, near_hi))
        a["metric"] = _elided_head(a["metric"], prev, c, prev_ci, ci)
        if a["change"] is None and a["metric"] and a["kind"] in ("percent", "percentage_point"):
            direction = _rate_direction(a["metric"], rules)
            if direction and isinstance(a["value"], (int, float)) and a["value"] < 0:
                direction = "down" if direction == "up" else "up"  # 增速为-2.5%: a decline
            if direction:
                a["change"] = {"direction": direction, "basis": sent.basis_in(clause[0], c.start)}
        if (a["kind"] == "percentage_point" and a["metric"] in rules.rate_up + rules.rate_down
                and prev is not None and prev.attrs.get("metric")
                and not _rate_direction(prev.attrs["metric"], rules)
                and any(w in text[max(clause[0], c.start - 60):c.start] for w in rules.peer_comparisons)):
            # …增长4.2%，增速高于全国1.3个百分点: a gap to a peer is the metric's (but
            # 增速比前三季度提高0.4个百分点 is a change of the rate itself)
            a["metric"] = prev.attrs["metric"]
        if ("place_of", c.start) in lists:
            a["place"] = lists[("place_of", c.start)]
        while name_k < name_n and names[name_k].start < c.start:
            if names[name_k].end > name_reach:
                name_reach = names[name_k].end
            name_k += 1
        if name_reach >= c.end:
            continue  # 年产3GW单晶电池项目: a name's amount does not lead the next one
        prev, prev_ci = c, ci


_MONTH = compile_regex(r"(\d{4})-(\d{2})")
_PERIOD_YEAR = compile_regex(r"(\d{4})(.*)")


def _dated_basis(text: str, sent: "_Sentence", rules: ContextRules, lo: int, cs: int, period: str) -> str | None:
    """A comparison base that is a date (较9月减少2家, 比2023年一季度): the month before the amount's
    period month is mom (10月…较9月), the same period a year before is yoy; else None."""
    dates = sent.dates
    i = bisect.bisect_left(sent.date_starts, cs)
    for k in range(i - 1, max(-1, i - 6), -1):
        d = dates[k]
        if d.start < lo:
            break
        if d.end > cs or not _is_base_before(text, d, rules):
            continue
        base = d.attrs.get("value") or ""
        pm, bm = _MONTH.fullmatch(period), _MONTH.fullmatch(base)
        if pm and bm:
            y, m = int(pm.group(1)), int(pm.group(2))
            prev = (y, m - 1) if m > 1 else (y - 1, 12)
            if (int(bm.group(1)), int(bm.group(2))) == prev:
                return "mom"
        py, by = _PERIOD_YEAR.fullmatch(period), _PERIOD_YEAR.fullmatch(base)
        if py and by and py.group(2) == by.group(2) and int(by.group(1)) == int(py.group(1)) - 1 and "/" not in base:
            return "yoy"
        return None
    return None


def _datelines(text: str, places: list[Mention], rules: ContextRules) -> list[tuple[int, int]]:
    """Datelines (新华社长春8月11日电, 本报长沙6月10日讯) as spans from their place to 电/讯."""
    out = []
    for p in places:
        if rules.dateline_before.search(text, max(0, p.start - 4), p.start):
            m = rules.dateline_after.match(text, p.end)
            if m:
                out.append((p.start, m.end()))
    return out


def _elided_head(metric: str | None, prev: Mention | None, c: Mention, prev_ci: int, ci: int) -> str | None:
    """城镇居民恩格尔系数为28.5%，农村居民为31.2%: the second subject parallels the start of
    the metric before (same length, same last two characters) and elides its head."""
    if not metric or prev is None or prev_ci != ci - 1 or prev.attrs["kind"] != c.attrs["kind"]:
        return metric
    pm = prev.attrs.get("metric") or ""
    n = len(metric)
    if 3 <= n <= len(pm) - 2 and pm[n - 2:n] == metric[-2:] and pm[:n] != metric:
        return metric + pm[n:]
    return metric


def _only_connectors_in(text: str, start: int, end: int, rules: ContextRules) -> bool:
    """`_only_connectors(text[start:end])`, without copying a long segment that cannot be."""
    i = start
    while i < end and text[i].isspace():
        i += 1
    if i < end and text[i] not in rules.connector_firsts:
        return False
    return _only_connectors(text[start:end], rules)


def _only_connectors(segment: str, rules: ContextRules) -> bool:
    s = segment.strip()
    if s and s[0] not in rules.connector_firsts:
        return False
    while s:
        for w in rules.connectors:
            if s.startswith(w):
                s = s[len(w):].strip()
                break
        else:
            return False
    return True


# ---------------------------------------------------------------- period and place

def _find_period(text: str, claim: Mention, sent: "_Sentence", rules: ContextRules,
                 clause: tuple[int, int]) -> str | None:
    """The value of the nearest date before the claim in its sentence that dates it;
    else the first one after it in its clause (10个重点集群2024年行动计划). A base date owns
    a level right after its 的 (较2022年的10亿元: 2022), not a share or multiple (上年的5倍)."""
    dates = sent.dates
    if not dates:
        return _holiday_period(text, claim, sent, rules) if sent.has_holiday else None
    regions = sent.regions
    own = _region_of(regions, claim.start) if regions else None
    cache = sent.cache
    cs = claim.start
    i = bisect.bisect_left(sent.date_starts, cs)
    for k in range(i - 1, max(0, i - 30) - 1, -1):
        d = dates[k]
        if d.end > cs or not _date_usable(d, regions, own) and not _time_gloss(text, d, sent, rules):
            continue
        if (text.endswith(rules.since_open, max(0, d.start - 2), d.start)
                and text.find(rules.since_close, d.end, cs) >= 0):
            return None  # 自2022年10月开工以来，累计完成投资…: a time since which, no period
        key = ("base", k)
        based = cache.get(key)
        if based is None:
            based = cache[key] = _is_base_before(text, d, rules)
        if based and claim.attrs["kind"] not in _RATE_KINDS and text.startswith("的", d.end):
            key = ("own", k)
            owned = cache.get(key)
            if owned is None:
                owned = cache[key] = _owned_date(text, d, sent, rules)
            if owned == (cs, False):
                return d.attrs["value"]  # 较2022年的10亿元: the base's own amount, of that time
        if based or (0 < cs - d.end <= 3 and text[d.end] == "的"
                     and (claim.attrs["kind"] == "multiple"
                          or not text.endswith(rules.period_from, max(0, d.start - 1), d.start)
                          and not text.endswith(rules.period_to, max(0, d.start - 3), d.start))):
            continue  # 比2019年同期, 高于去年…, 上年的5倍, 增长到去年的1.5倍: what it is compared with
        key = ("own", k)
        owned = cache.get(key)
        if owned is None:
            owned = cache[key] = _owned_date(text, d, sent, rules)
        if owned[0] >= 0 and (owned[0] != cs or owned[1]):
            continue  # 由上年末的1.5万P跃升至4.6万P, 是去年全年交付量的2.5倍: another amount's date or a base
        resets = cache.get("resets")
        if resets is None:  # where the sentence's resets are, found once (linear in a long sentence)
            resets = cache["resets"] = [(m.start(), m.end()) for m in rules.period_resets.finditer(
                text, *sent.span, timeout=MATCH_TIMEOUT)]
        if resets:
            r = bisect.bisect_left(resets, (d.end, -1))
            if r < len(resets) and resets[r][1] <= cs:
                return None  # 此次…, 投产后…: a new time frame
        return d.attrs["value"]
    end = clause[1]
    for k in range(bisect.bisect_left(sent.date_starts, claim.end), len(dates)):
        d = dates[k]
        if d.start >= end:
            break
        if _date_usable(d, regions, own):
            return d.attrs["value"]
    return _holiday_period(text, claim, sent, rules) if sent.has_holiday else None


def _holiday_period(text: str, claim: Mention, sent: "_Sentence", rules: ContextRules) -> str | None:
    """A bare 假期 before the amount in its sentence (假期哈尔滨地区铁路累计发送旅客68.5万人次) is
    the holiday the article named last before it, not as a comparison base (今年国庆假期 …, not
    比中秋假期); none for 假期前/后 or inside a quotation."""
    lo = max(sent.span[0], claim.start - 200)  # a bounded look back (a long sentence stays linear)
    for w in rules.holiday_words:
        j = text.rfind(w, lo, claim.start)
        if j >= 0:
            break
    else:
        return None
    k = bisect.bisect_right(sent.date_starts, j) - 1
    if k >= 0 and sent.dates[k].end > j or text.startswith(rules.holiday_not_after, j + len(w)):
        return None  # part of a date (今年国庆假期), or 假期前半个月
    if text.count("“", lo, j) > text.count("”", lo, j):
        return None  # “假期里我们有近800名建设者坚守一线: what a speaker says
    dates, starts = sent.doc_dates
    i = bisect.bisect_left(starts, j)
    for k in range(i - 1, max(-1, i - 40), -1):
        d = dates[k]
        value = d.attrs.get("value")
        if (value and d.attrs.get("dtype") not in ("DURATION", "SET") and d.text.endswith(rules.holiday_words)
                and not _is_base_before(text, d, rules)):
            return value
    return None


_NOT_OWNED = (-1, False)


def _owned_date(text: str, d: Mention, sent: "_Sentence", rules: ContextRules) -> tuple[int, bool]:
    """The start of the amount a date belongs to alone (else -1), and whether it is that amount's
    base: one right after 的 (上年末的1.5万P, 2022年同期的2.3倍), or a share or multiple of a
    base after a share verb (是去年全年交付量的2.5倍: a base, not a period even of 2.5倍)."""
    j = text.find("的", d.end, d.end + 13)
    if j < 0:
        return _NOT_OWNED
    starts = sent.cache.get("claim_starts")
    if starts is None:
        starts = sent.cache["claim_starts"] = {c.start for c in sent.claims}
    k = j + 1
    while k < j + 3 and text[k:k + 1] in rules.level_qualifiers:
        k += 1
    if k not in starts:
        return _NOT_OWNED
    if j == d.end:
        return k, False
    if _CLAUSE_PUNCT.search(text, d.end, j):
        return _NOT_OWNED
    return (k, True) if text.endswith(rules.base_verbs, max(0, d.start - 3), d.start) else _NOT_OWNED


_SINCE = "以来"


def _time_gloss(text: str, d: Mention, sent: "_Sentence", rules: ContextRules) -> bool:
    """Is the date all of a bracket right after a time phrase, which it spells out
    (节前最后一周（9月24日至30日），…; 今年国庆假期（10月1日至7日）)? Then it dates what follows."""
    a = d.attrs
    if a.get("dtype") in ("DURATION", "SET") or not a.get("value") or d.start < 1 or d.end >= len(text):
        return False
    if text[d.start - 1] not in rules.brackets:
        return False
    close = rules.brackets[text[d.start - 1]]
    if text[d.end] != close and not text.startswith(_SINCE + close, d.end):
        return False              # (入汛以来（6月1日以来）: the date and 以来 fill the bracket)
    k = d.start - 1
    return k in _date_ends(sent) or text.endswith(rules.time_gloss_after, max(0, k - 4), k)


def _date_usable(d: Mention, regions: list[tuple[int, int]], own: tuple[int, int] | None) -> bool:
    """A date (not a duration or a set) outside brackets, or in the amount's own."""
    a = d.attrs
    if a.get("dtype") in ("DURATION", "SET") or not a.get("value"):
        return False
    if not regions:
        return True
    region = _region_of(regions, d.start)
    return region is None or region == own


def _is_base_before(text: str, d: Mention, rules: ContextRules) -> bool:
    """Is the date introduced as a comparison base (比2019年同期, 高于去年, 与上年)?"""
    head = text[max(0, d.start - 3):d.start]
    for pattern, basis in rules.basis:
        if basis == "base":
            m = pattern.search(head + "X")
            if m and m.start() >= 0 and m.group("base") == "X":
                return True
    return head.endswith(rules.base_joiners)


def _is_origin(text: str, places: list[Mention], clause: tuple[int, int], rules: ContextRules) -> bool:
    """Is the last place (with the list it ends) what an origin word (来自) introduces?
    Only places and list marks may stand between (来自欧盟、RCEP等经济体在川: 川 is where)."""
    return _introduced(text, places, max(clause[0], places[-1].start - 24), rules.place_origins)


def _introduced(text: str, places: list[Mention], lo: int, words: tuple[str, ...]) -> bool:
    """Is the last of `places` (with the list it ends) introduced by one of `words` after `lo`?"""
    p = places[-1]
    for w in words:
        i = text.rfind(w, lo, p.start)
        if i < 0:
            continue
        seg = text[i + len(w):p.start]
        for q in places:
            if q.start >= i + len(w):
                seg = seg.replace(q.text, "")
        if all(ch in "、和及与" for ch in seg):
            return True
    return False


def _place_level(p: Mention, rules: ContextRules) -> int | None:
    """The administrative level of a place by the end of its name (省 1, 市 2, 县 3, 镇 4)."""
    name = p.attrs.get("name") or p.text
    for end, level in rules.place_levels:
        if name.endswith(end):
            return level
    return None


def _scope_after(text: str, rules: ContextRules, p: Mention, cs: int, sent: "_Sentence", c0: int) -> bool:
    """Does a scope word of another level than the place open a phrase between the place and
    the amount (…阳曲县等地…，全市已建成…; 新疆棉花采收…，我县126万亩棉花…)? A scope word after a
    comparison or share (高于全省, 占全市…) or inside a phrase is not the subject."""
    level = _place_level(p, rules)
    lo = sent.span[0]
    for m in rules.scope_any.finditer(text, p.end, cs):
        w = m.group()
        if rules.scope_levels[w] == level:
            # 沈阳…；截至5月底，全市…: the place is the scope itself; but a scope word opening
            # the amount's own clause right after the place's (仪陇县把晚熟柑橘作为主导产业，全县
            # 种植面积达到三十二万亩) is that clause's subject: the whole county, no place (not when
            # the place's clause states an amount itself: 苏州市实有经营主体280万户，全市企业总数…)
            i = m.start()
            if not (p.start < c0 <= i and text[c0:i].strip() == ""
                    and not _any_start_in(sent.date_starts, p.end, i)
                    and not _any_start_in(_claim_starts(sent), p.end, c0)):
                continue
            return True
        if level is None and not w.startswith(rules.own_scope):
            continue  # a place of unknown level: only 我县/本市 (the reporter's own) is another scope
        i = m.start()
        if (i == lo or text[i - 1] in _SCOPE_BEFORE or i in _date_ends(sent)
                or text.endswith(rules.scope_openers, lo, i)):
            return True
    return False


def _any_start_in(starts: list[int], lo: int, hi: int) -> bool:
    """Does a sorted list of starts hold one in [lo, hi)?"""
    k = bisect.bisect_left(starts, lo)
    return k < len(starts) and starts[k] < hi


def _claim_starts(sent: "_Sentence") -> list[int]:
    starts = sent.cache.get("claim_start_list")
    if starts is None:
        starts = sent.cache["claim_start_list"] = [o.start for o in sent.claims]
    return starts


_SCOPE_BEFORE = frozenset("，,；;：:。！？!? \u3000\t\n（(“")


def _embedded(text: str, p: Mention, opens: set[int], rules: ContextRules) -> bool:
    """Is the place in the middle of a phrase: Han text right before (not a date or name
    ending there, not a word that opens a subject) and right after it? A place before an
    official's title (重庆市市长…) names the office, not the scope."""
    if p.end < len(text) and text.startswith(rules.place_titles, p.end):
        return True
    if p.start == 0 or p.end >= len(text) or p.start in opens:
        return False
    before, after = text[p.start - 1], text[p.end]
    if not (_CJK.match(before) and _CJK.match(after)):
        return False
    return not any(text.endswith(w, 0, p.start) for w in rules.place_openers)


def _find_place(text: str, rules: ContextRules, claim: Mention, sent: "_Sentence",
                clause: tuple[int, int]) -> str | None:
    """The text of the nearest place before the claim in its sentence; none past a wider
    scope that the amount belongs to (高于全国同期1.7%…, but 比全国指标高出1个百分点 is
    still the region's), or when an organization is the subject of the claim's own clause
    and the place is in an earlier one (自治区卫生健康委1个)."""
    places = sent.places
    if not places:
        return None
    regions = sent.regions
    cs = claim.start
    i = bisect.bisect_left(sent.place_starts, cs)
    window = places[max(0, i - 30):i]
    own = _region_of(regions, cs) if regions else None
    if sent.has_origin:
        ok = [p for p in window if p.end <= cs and (not regions or _region_of(regions, p.start) in (None, own))]
        if ok and _is_origin(text, ok, clause, rules):
            return None  # 来自广东、四川、上海的游客占比超过三成: origins, not the scope
    # A place inside a phrase of an earlier clause (是中国阀门行业…, 推进西平经济技术开发区
    # 扩区调位, 中南大学与长沙经开区合作共建) modifies a noun there; it is not the scope.
    cache = sent.cache
    c0 = clause[0]
    p = None
    paired = cache.get("paired")
    for q in reversed(window):
        if q.end > cs or regions and _region_of(regions, q.start) not in (None, own):
            continue
        if q.text in rules.scope_levels or text.startswith(rules.place_in_names, q.end):
            continue  # 全州 found as a place name: a scope; 香港联交所: a name's, never a claim's place
        if paired and id(q) in paired and not paired[id(q)] == clause[0]:
            return None  # 武威市、张掖市分别新建…，计划总投资超过600亿元: both, not the last
        if q.start < c0:
            key = ("embedded", id(q))
            emb = cache.get(key)
            if emb is None:
                if sent.opens is None:
                    sent.opens = {m.end for m in sent.named}
                emb = cache[key] = _embedded(text, q, sent.opens, rules)
            if emb:
                continue
        p = q
        break
    if p is None and not window and not rules.scope_any.search(text, clause[0], cs):
        # (来自全国28个省（区、市）以及肯尼亚…: the amount has its own scope, no place after it)
        # 6860名海内外博士齐聚沈阳, 发布10个重点集群行动计划和沈阳工业产业地图: no place before,
        # the first one after the amount in its clause
        for q in places[i:i + 3]:
            if q.start - claim.end > 20:
                break
            if (q.start >= claim.end and q.end <= clause[1] and q.text not in rules.scope_levels
                    and not text.startswith(rules.place_in_names, q.end)
                    and q.start not in _date_ends(sent)  # 申报2024年度辽宁省…场景: a title's place
                    and (not regions or _region_of(regions, q.start) in (None, own))):
                p = q
                break
    if p is None:
        return None
    # 雄忻高铁河北段长171.6公里, 线路经保定市、忻州市，全长约342公里: a section or the points of a
    # route; the amounts are the line's, not a place's. 在泰国、墨西哥等地新建2-3个: examples. 重庆
    # 两江新区一家企业负责人说，…: the speaker's place, not the scope of what is said.
    if text.startswith(rules.place_segments, p.end) or text.startswith(rules.place_examples, p.end) or (
            _sentence_has(sent, "speech", rules.speech_after, text) and rules.speech_after.search(text, p.end, cs)) or (
            sent.has_route and _sentence_has(sent, "route", rules.place_routes_any, text)
            and not text.startswith(rules.place_ports, p.end) and not _any_start_in(_claim_starts(sent), p.end, p.end + 1)
            and _introduced(
            text, [q for q in window if q.end <= p.start] + [p], max(sent.span[0], p.start - 24), rules.place_routes)):
        return None
    if (sent.has_scope and _sentence_has(sent, "scope", rules.scope_any, text)
            and _scope_after(text, rules, p, cs, sent, c0)):
        return None  # 古交市、阳曲县等地…，全市已建成…: the whole city's, not the county's
    if sent.has_wide:
        between = text[p.end:cs]
        for w in rules.wide_scopes:
            i = between.rfind(w)
            if i >= 0 and p.end + i >= c0:  # in the claim's clause (not 建设全球研发中心城市，…)
                rest = between[i + len(w):]
                lead = between[:i]
                verbs = rules.updown_words
                compared = lead.endswith(rules.compare_words)
                # 高于全国同期1.7%的两年平均增速: the amount is the scope's own (…的 follows)
                if not any(v in rest for v in verbs) and (not compared or text.startswith("的", claim.end)):
                    return None
    if p.start < c0:
        entities = sent.entities
        j = bisect.bisect_left(sent.entity_starts, c0)
        if any(e.end <= cs and e.type in ("organization", "company") for e in entities[j:j + 30] if e.start < cs):
            return None
    return _list_head(text, rules, window, p).text


def _list_head(text: str, rules: ContextRules, window: list[Mention], p: Mention) -> Mention:
    """The first place of the list of countries or regions `p` ends (巴西、印度和波兰的工厂…;
    赴长三角、粤港澳大湾区开展…): places named equally, the claim's place is the first. A chain
    without a mark (印尼西爪哇省) is no list; a list of domestic units (建邺区、鼓楼区的…: two places
    with a level) keeps the nearest (the heldout5 gold)."""
    k = len(window) - 1
    while k >= 0 and window[k] is not p:
        k -= 1
    while k > 0:
        q = window[k - 1]
        gap = text[q.end:p.start]
        if not gap or q.end > p.start or gap.strip("、和及与") != "" or len(gap) > 2:
            break
        if _place_level(q, rules) is not None and _place_level(p, rules) is not None:
            break
        p, k = q, k - 1
    return p


# ---------------------------------------------------------------- change

def _tokens_in(ctx: Context, start: int, end: int) -> list[tuple[int, int]]:
    """Tokens inside [start, end); a token cut by `start` gives its part after it (个区 → 区)."""
    tokens, starts = ctx.tokens, ctx.token_starts()
    i = bisect.bisect_left(starts, start)
    out = []
    if i > 0 and tokens[i - 1][1] > start:
        out.append((start, min(tokens[i - 1][1], end)))
    # Segmenter tokens follow one another: those starting before `end` end by it, the
    # last excepted when it crosses `end`.
    j = bisect.bisect_left(starts, end, i)
    if j > i and tokens[j - 1][1] > end:
        j -= 1
    if j > i:
        out += tokens[i:j]
    return out


_RATE_KINDS = frozenset(("percent", "percentage_point", "multiple"))


def _han_count(text: str, start: int, end: int) -> int:
    """How many Han characters text[start:end] holds (a short span)."""
    return sum(1 for ch in text[start:end] if _is_han(ch))


_AFTER_CHANGE_MEMO: dict[str, tuple[bool, bool]] = {}


def _after_change_firsts(rules: ContextRules, ch: str) -> tuple[bool, bool]:
    """Can a change word after the amount (的增长, 的降幅) start with `ch`? (memoized)"""
    v = _AFTER_CHANGE_MEMO.get(ch)
    if v is None:
        v = _AFTER_CHANGE_MEMO[ch] = (_may_start(rules.after_up, ch, 0, 1), _may_start(rules.after_down, ch, 0, 1))
    return v


def _rate_direction(metric: str, rules: ContextRules) -> str | None:
    if any(w in metric for w in rules.rate_down):
        return "down"
    if any(w in metric for w in rules.rate_up):
        return "up"
    return None




def _level_before(text: str, te: int, cs: int, rules: ContextRules) -> bool:
    """Does the stretch after a direction word end with 到/至/为 (and a qualifier) right before the
    amount (降低首套房首付比例至15%, 将补贴标准提高到每人500元 → the new level, not a change)?"""
    k = cs
    while k > te and text[k - 1] in rules.level_qualifiers:
        k -= 1
    return k - 1 > te and text[k - 1] in rules.level_after and text[k - 2] not in "不未没"


def find_change(ctx: Context, rules: ContextRules, c: Mention, clause: tuple[int, int],
                sent: "_Sentence", seg_start: int, inherited: dict | None, continuation: bool) -> dict | None:
    text = ctx.text
    direction = None
    updown = rules.updown
    # The tokens of [lo, c.start), last first (as `_tokens_in` gives them, without a list).
    lo, hi = max(seg_start, c.start - 40), c.start
    tokens, starts = ctx.tokens, ctx.token_starts()
    i = bisect.bisect_left(starts, lo)
    j = bisect.bisect_left(starts, hi, i)
    if j > i and tokens[j - 1][1] > hi:
        j -= 1
        if tokens[j][0] >= lo and text[tokens[j][0]:hi] in updown:
            # 股价跌|近5%: jieba glued the direction word to the qualifier inside the amount
            direction = "up" if text[tokens[j][0]:hi] in rules.up else "down"
        elif tokens[j][0] >= lo and text[tokens[j][0]:hi] in rules.comparative \
                and sent.basis_in(clause[0], tokens[j][0]) is not None:
            # 较常年同期偏|多四成: a comparative glued to the amount after a base in the clause
            direction = rules.comparative[text[tokens[j][0]:hi]]
    k = j - 1 if j > i else i - 1
    comparative = rules.comparative
    while direction is None:
        if k >= i:
            ts, te = tokens[k]
        elif k == i - 1 and i > 0 and tokens[i - 1][1] > lo:
            ts, te = lo, min(tokens[i - 1][1], hi)
        else:
            break
        k -= 1
        tok = text[ts:te]
        if tok not in updown:
            if tok in comparative and sent.basis_in(clause[0], ts) is not None:
                direction = comparative[tok]  # 比全国高1.0个百分点
                break
            # 价格下降 is one jieba token: a two-character direction word ending it counts
            if len(tok) <= 2:
                continue
            tail = tok[-2:]
            if tail not in updown:
                if len(tok) <= 3:
                    continue
                tail = tok[-3:]
                if tail not in updown:
                    continue
            tok = tail
            ts = te - len(tail)
        if text.endswith(rules.negators, max(0, ts - 2), ts):
            break  # 完成投资不低于600亿元, 不超过30%: a bound, not a change
        if tok in rules.gain_amounts and c.attrs["kind"] not in _RATE_KINDS:
            break  # 户均增收2.3万元, 年增收6000元: the money gained is an amount, not a change
        if rules.level_nouns and text.startswith(rules.level_nouns, ts):
            break  # 增长面达64.9% (the share of industries that grew): a level
        if text[te:te + 1] in rules.level_after or te < c.start and _level_before(text, te, c.start, rules):
            break  # 提高到1500万元, 降低首套房首付比例至15%: a level
        if tok in rules.bound_words and not text[te:c.start].strip(rules.level_qualifiers):
            break  # 合格率高于95%, 不良率低于1%: a bound on a level, not a change
        if c.attrs["kind"] not in _RATE_KINDS and _han_count(text, te, c.start) >= 2:
            break  # 每年可减少二氧化碳排放约520万吨: how much of the object, a level
        direction = "up" if tok in rules.up else "down"
        break
    if direction is None and continuation and inherited:
        return dict(inherited)
    basis = missing = object()  # worked out only when a direction is found
    before = None
    if direction is None and c.attrs["kind"] == "multiple":
        before = text[max(clause[0], c.start - 40):c.start]
        if before.rstrip().endswith("的"):
            direction = "up"  # 达到上年的5倍多
            basis = sent.basis_in(clause[0], c.start)
            if basis is None:
                basis = ("yoy" if any(w in before for w in rules.base_yoy)
                         else "mom" if any(w in before for w in rules.base_mom) else None)
    if direction is None and c.end < len(text):
        up_ok, down_ok = _after_change_firsts(rules, text[c.end])
        if up_ok and rules.after_up.match(text, c.end):
            direction = "up"  # 继续实现38.6%的增长
        elif down_ok and rules.after_down.match(text, c.end):
            direction = "down"
    if direction is None:
        return None
    if basis is missing:
        basis = sent.basis_in(clause[0], c.start)
    if basis is None:
        if before is None:
            before = text[max(clause[0], c.start - 40):c.start]
        if not any(w in before for w in rules.no_basis_carry):
            # yoy and mom carry over the clauses of a sentence, ； included (…同比增长21.3%；
            # 实际使用外资13.8亿美元，增长18.6%), but not to a pull (拉动全市投资增长16.4%)
            earlier = sent.carried_basis(clause[0])
            if earlier in ("yoy", "mom"):
                basis = earlier
            elif continuation is False and sent.comparison_before(
                    max(0, bisect.bisect_right(sent.clause_starts, clause[0]) - 1)):
                basis = "other"
    return {"direction": direction, "basis": basis}


# ---------------------------------------------------------------- metric

_STARTS_MEMO: dict[tuple[int, str], bool] = {}
_PLAIN = compile_regex(r"\(\?<|\(\?=|\(\?!|\\[bBAZG]|\^|\$")


def _may_start(pattern: "regex.Pattern[str]", text: str, start: int, end: int) -> bool:
    """False when no match of `pattern` can begin with text[start] (memoized per character
    with a partial match); always True for patterns with anchors or lookarounds, or an
    empty range (then the real match decides)."""
    if start >= end:
        return True
    key = (id(pattern), text[start])
    v = _STARTS_MEMO.get(key)
    if v is None:
        v = (_PLAIN.search(pattern.pattern) is not None or pattern.match("") is not None
             or pattern.match(text[start], partial=True) is not None)
        _STARTS_MEMO[key] = v
    return v


def _strip_quotes(s: str, rules: ContextRules) -> str:
    return s.translate(rules.quote_table)


def _clean_phrase(ctx: Context, rules: ContextRules, start: int, end: int,
                  mentions: list[Mention], sent: "_Sentence") -> str:
    """The metric phrase in text[start:end]: cut at a comparison (规模以上工业增加值比2019年
    同期增长 → 规模以上工业增加值), then drop leading dates, places, names and adverbials and
    trailing verbs, qualifiers and dates; keep the object after 将/把 and the head after a
    long 的 phrase."""
    text = ctx.text
    if rules.basis_any.search(text, start, end):
        names = [m for m in mentions if m.type != "date"]
        for pattern, _ in rules.basis:
            for m in pattern.finditer(text, start, end):
                if not any(n.start <= m.start() < n.end for n in names):
                    end = min(end, m.start())
                    break  # 比亚迪 in a name is no comparison
    m = (rules.share_of.search(text, start, end)
         if not rules.share_of_tail or text.endswith(rules.share_of_tail, start, end) else None)
    if m and m.start() > start:
        end = m.start()  # 进口额已达去年全年的六成 → 进口额: what follows the verb is the base
    # A bracket left open or closed alone cuts the phrase (规模以上工业企业（年主营业务收入2000万元
    # → 年主营业务收入; …）实现利润总额326亿元 → 实现利润总额); a bracket pair inside stays.
    for o, c in (("（", "）"), ("(", ")")):
        k = text.rfind(o, start, end)
        if k >= 0 and text.find(c, k, end) < 0:
            start = k + 1
        k = text.rfind(c, start, end)
        if k >= 0 and text.find(o, start, k) < 0:
            start = k + 1
    # Only mentions inside [start, end) can open or close the phrase (start only grows, end
    # only shrinks below).
    inside = [m for m in mentions if start <= m.start and m.end <= end]
    changed = True
    punct = " \u3000\t、，,：:；;—-…/／"
    located = sent.cache.get("location")
    if located is None:  # a head word (景区, 开发区…) in the sentence at all?
        located = sent.cache["location"] = rules.location_heads_any.search(text, *sent.span) is not None
    while changed and start < end:
        changed = False
        while start < end and text[start] in punct:
            start, changed = start + 1, True
        while start < end and text[end - 1] in punct:
            end, changed = end - 1, True
        if start < end and text[start] in "（(":
            close = text.find("）" if text[start] == "（" else ")", start, end)
            if close > 0:
                start, changed = close + 1, True
        if start < end and text[end - 1] in "）)":
            open_ = text.rfind("（" if text[end - 1] == "）" else "(", start, end)
            if open_ >= start:
                end, changed = open_, True
        em = rules.enumerator.match(text, start, end) if _may_start(rules.enumerator, text, start, end) else None
        if em and em.end() < end:
            start, changed = em.end(), True
        lm = rules.location_head.match(text, start, end) if located else None
        if lm and end - lm.end() >= 2 and ctx.is_token_start(lm.end()):
            start, changed = lm.end(), True  # 景迈山景区接待游客 → 接待游客: where, not what
        dm = (rules.demonstrative.match(text, start, end) if _may_start(rules.demonstrative, text, start, end)
              else None)
        if dm and end - dm.end() >= 2 and ctx.is_token_start(dm.end()):
            start, changed = dm.end(), True
        for m in inside:
            if m.start == start and m.end <= end:
                start, changed = m.end, True
                if (m.type == "place" and end - start >= 3 and text[start] in rules.place_suffix_chars
                        and ctx.is_token_start(start + 1)):
                    start += 1  # 澜沧|县景迈山…, 舟山|港完成…: the rest of the place's name
                elif m.type == "place" and start < end and text.startswith(rules.zone_places, start):
                    for w in rules.zone_places:  # 南山|港区完成812万标准箱: the place's zone
                        if text.startswith(w, start) and end - start - len(w) >= 2:
                            start += len(w)
                            break
            elif m.end == end and m.start >= start:
                end, changed = m.start, True
        # Words come off only at token boundaries (均价 keeps its 均, 总投资 its 总).
        for w in (rules.leading_by_first.get(text[start], ())
                  if start < end and not text.startswith(rules.leading_keep, start) else ()):
            if (text.startswith(w, start) and end - start >= len(w)
                    and (start + len(w) == end or ctx.is_token_start(start + len(w)))):
                start, changed = start + len(w), True
                break
        for w in rules.trailing_by_last.get(text[end - 1], ()) if start < end else ():
            if (end - start >= len(w) and text.startswith(w, end - len(w))
                    and (ctx.is_token_start(end - len(w))
                         or len(w) >= 2 and (w in rules.up or w in rules.down))
                    and not (text.endswith(rules.per_head, start, end - len(w))
                             and (w in rules.up or w in rules.down))):  # 户均增收 stays whole
                end, changed = end - len(w), True
                break
    inner_date = None
    for m in inside:  # 两江新区企业今年前5个月出口额 → 出口额: a date inside opens the metric
        if m.type == "date" and start < m.start and m.end <= end - 2:
            inner_date = m
    if inner_date is not None:
        after = _clean_phrase(ctx, rules, inner_date.end, end, mentions, sent)
        if len(after) >= 2:
            return after
    for m in inside:  # 公司在科技城投资 → 投资
        if (m.type == "place" and start < m.start and m.end < end
                and text[start:m.start].endswith(rules.place_prepositions)):
            start = m.end
    s = text[start:end].strip()
    if s in rules.not_metrics:
        return ""
    if start < end and text[start] in rules.manner_firsts and "的" not in s:
        for w in rules.manner_openers:  # 按可比口径同比增长81.7%: how it is counted, not what
            if text.startswith(w, start) and (start + len(w) >= end or ctx.is_token_start(start + len(w))):
                return ""
    vstart = start
    if _sentence_has(sent, "cut_after", rules.cut_after_any, text) and rules.cut_after_any.search(text, start, end):
        for ts, te in _tokens_in(ctx, start, end):
            if text[ts:te] in rules.cut_after and end - te >= 2:
                s, vstart = text[te:end], te
    if _sentence_has(sent, "metric_verbs", rules.metric_verbs_any, text) and rules.metric_verbs_any.search(text, vstart, end):
        # 汽车产业实现产值, A股上市公司合计实现营业收入: a subject and its verb before the
        # measured noun come off (完成投资, 累计完成投资 have no subject and stay).
        for ts, te in reversed(_tokens_in(ctx, vstart, end)):
            if text[ts:te] in rules.metric_verbs:
                if end - te >= 2 and text[te] != "的" and (
                        _has_subject(text, vstart, ts, rules) or end - te >= 4 and ts == vstart):
                    s = text[te:end]  # (完成工业总产值 → 工业总产值; 完成投资 stays)
                break
    cut = s.rfind("的")
    if 0 <= cut and (len(s) - cut - 1 >= 5 or len(s) - cut - 1 >= 2 and _where_modifier(
            text, rules, end - len(s), end - len(s) + cut, inside)):
        s = s[cut + 1:]
    if inside and text.endswith(s, start, end):
        # 协调商铺所在的某商业管理有限公司先行垫付消费者退款: a party inside the phrase is who,
        # what it does after it is what is measured
        lo = end - len(s)
        for m in inside:
            if (m.type in _SUBJECT_TYPES and lo <= m.start and m.end <= end - 2 and _CJK.match(text[m.end])
                    and text[m.end] != "等" and text.find("的", m.end, end) < 0
                    and (m.start == 0 or text[m.start - 1] not in rules.not_subject_before)):
                s = text[m.end:end]  # (not 对东盟进出口, 在青岛证监局辅导的…, 引进某公司等…企业)
    cut = s.rfind("等")
    if 0 < cut and s.rfind("、", 0, cut) >= 0 and len(s) - cut - 1 >= 2 and s[cut + 1] not in "级于同":
        tail = next((w for w in rules.place_list_tails if s.startswith(w, cut)), "等")
        if len(s) - cut - len(tail) >= 2:
            cut += len(tail) - 1  # 向沙特阿拉伯、埃及等国出口商用车 → 出口商用车
        s = s[cut + 1:]  # 新开通至墨西哥、巴西等拉美航线 → 拉美航线: the examples are not what is counted
    for pattern, mark in ((rules.after_event, "后"), (rules.ordinal_batch, "第")):
        m = None
        for m in pattern.finditer(s) if mark in s else ():
            pass
        if m is not None and len(s) - m.end() >= 2:
            # 项目全部建成后年均发电量 → 年均发电量: from then on, not what; …行动第二批典型
            # 案例 → 典型案例: which batch, not what
            s = s[m.end():]
    if _sentence_has(sent, "means", rules.means_any, text) and rules.means_any.search(text, start, end):
        s = _after_means(ctx, rules, start, end, s)
    s = _SPACES.sub("", _strip_quotes(s, rules))
    if len(s) > 24:
        s = s[-24:]
    return s


def _where_modifier(text: str, rules: ContextRules, lo: int, de: int, inside: list[Mention]) -> bool:
    """Does text[lo:de] (before a 的) say where from or where (自蒙古国进口的煤炭, 在本地生产的
    蔬菜): a place inside it, or an origin word opening it?"""
    if text.startswith(rules.origin_openers, lo, de):
        return True
    return any(m.type == "place" and lo <= m.start and m.end <= de for m in inside)


def _date_ends(sent: "_Sentence") -> set[int]:
    """Where the sentence's dates end (built on first need)."""
    if sent.date_ends is None:
        sent.date_ends = {d.end for d in sent.dates}
    return sent.date_ends


def _sentence_has(sent: "_Sentence", key: str, words: "regex.Pattern[str]", text: str) -> bool:
    """Does the sentence hold any of `words` (a plain alternation of words; cached)? A phrase
    inside a sentence without them holds none."""
    v = sent.cache.get(key)
    if v is None:
        v = sent.cache[key] = words.search(text, *sent.span) is not None
    return v


def _after_means(ctx: Context, rules: ContextRules, start: int, end: int, s: str) -> str:
    """上市公司通过首发、再融资等方式累计募资 → 累计募资; 也通过定向增发募资 → 募资: after a
    means phrase (通过…方式) the verb is what is measured."""
    text = ctx.text
    tokens = _tokens_in(ctx, start, end)
    for k in range(len(tokens) - 1, -1, -1):
        if text[tokens[k][0]:tokens[k][1]] in rules.means_openers:
            if text.find("的", tokens[k][1], end) >= 0:
                return s  # 通过公共网络实现的商品零售: the means qualifies the noun
            rest = tokens[k + 1:]
            for m in range(len(rest) - 1, -1, -1):
                if text[rest[m][0]:rest[m][1]] in rules.means_ends:
                    tail = text[rest[m][1]:end]
                    return tail if len(tail) >= 2 else s
            if text[tokens[k][0]:tokens[k][1]] in rules.means_end_only:
                continue  # 以企业为主体: no means without its end word (以现金方式增资 is one)
            if len(rest) >= 2 and rest[-1][1] - rest[-1][0] >= 2:
                return text[rest[-1][0]:end]
            return s
    return s


def _has_subject(text: str, start: int, end: int, rules: ContextRules) -> bool:
    """Is there more than adverbs (累计, 合计, 已…) in text[start:end]?"""
    changed = True
    while changed and end > start:
        changed = False
        for w in rules.metric_adverbs:
            if text.endswith(w, start, end):
                end, changed = end - len(w), True
                break
    return end - start >= 2


def _after_phrase(ctx: Context, rules: ContextRules, c: Mention, limit: int,
                  window: "_Window", ends: dict[Any, Any] | None = None) -> str:
    """The noun counted after a classifier: 24个重点场景 → 重点场景."""
    text = ctx.text
    pos = c.end
    for w in rules.after_skip:
        if text.startswith(w, pos):
            pos += len(w)
    out: list[str] = []
    n, last_end = 0, pos
    starts, near_lo, near_hi = window
    m_etc = _ETC.match(text, pos, min(limit, pos + 25)) if text.find("等", pos + 1, pos + 25) >= 0 else None
    if m_etc and 0 < m_etc.group(0).find("、") <= 6:
        # 2万余台闸阀、截止阀…等中高端核级阀门 (not 12辆电动自行车存在拆除限速装置、加装电池等
        # 违法改装情况: the counted noun's clause goes on)
        pos = m_etc.end()
    # The tokens of [pos, end) (as `_tokens_in` gives them); a phrase is short: stay linear.
    end = min(limit, pos + 80)
    tokens = ctx.tokens
    ntok = len(tokens)
    i = bisect.bisect_left(ctx.token_starts(), pos)
    pending = (pos, min(tokens[i - 1][1], end)) if i > 0 and tokens[i - 1][1] > pos else None
    soft_stop, stop, quotes = rules.after_soft_stop, rules.after_stop, rules.quote_chars
    while True:
        if pending is not None:
            ts, te = pending
            pending = None
        elif i < ntok and tokens[i][1] <= end:
            ts, te = tokens[i]
            i += 1
        else:
            break
        tok = text[ts:te]
        if out and ts in starts and near_lo <= ts < near_hi:
            break
        soft = tok in soft_stop
        if soft and out:
            break
        if not soft and tok in stop or tok and tok[0] in _DIGIT_CHARS and any(ch.isdigit() for ch in tok):
            break
        if tok == "等" and out:
            out, n = [], 0  # 闸阀、截止阀…等中高端核级阀门: the category after 等
            continue
        if tok == "、":
            nxt = text[te:te + 1]
            if not out:
                break
            if not nxt or nxt in _DIGIT_CHARS:
                break
            if not _CLAUSE_PUNCT.search(text, te, min(limit, te + 200)):
                break  # 190幅…用地、规划建筑面积约1500万平方米: the next item has its own amount
            out.append(tok)
            continue
        if not tok or tok[0] in quotes and not tok.translate(rules.quote_table):  # quotes only
            continue
        if not _wordish(tok[0]):
            break
        out.append(tok)
        last_end = te
        n += 1
        if n >= rules.after_max:
            break
    while len(out) > 1 and out[-1] in rules.after_bad_single:
        out.pop()  # 218个项目总投资 → 项目
    if out and out[0] in rules.after_verbs:
        return ""  # 带动茶农约30万户增收: the counted noun is before the amount
    if out and ends is not None:
        ends[("after_end", c.start)] = last_end  # where the next amount's phrase may begin
    phrase = _strip_quotes("".join(out), rules).strip("、和及与")
    if len(phrase) == 1 and phrase in rules.after_bad_single:
        return ""
    return phrase


def find_metric(ctx: Context, rules: ContextRules, c: Mention, ci: int, sent: "_Sentence",
                seg_start: int, prev: Mention | None, limit: int, named: list[Mention],
                lists: dict[Any, Any], nxt: Mention | None, window: "_Window") -> str | None:
    text = ctx.text
    clause = sent.clauses[ci]
    # 分别: pair the n-th item with the n-th amount.
    if sent.has_fenbie:
        paired = _paired_metric(ctx, rules, c, ci, sent, named, lists)
        if paired:
            return paired
    kind = c.attrs["kind"]
    if kind in ("count", "area", "length", "mass", "volume"):
        after = _after_phrase(ctx, rules, c, limit, window, lists)
        if after and (kind == "count" or len(after) >= 2):
            if (nxt is not None and kind == "count"
                    and lists.get(("after_end", c.start)) == nxt.start
                    and text[nxt.start - 1] not in "和、及与或"):
                # 58个投资总额1000万美元以上新设外资项目: the counted noun follows the
                # amount that qualifies it
                beyond = _after_phrase(ctx, rules, nxt, sent.clauses[ci][1], window)
                if beyond:
                    return beyond
            return after
    tok = (ctx.token_at(c.start - 1) if c.start > 0 and text[c.start - 1] in rules.instrument_chars
           else None)
    if tok is not None and text[tok[0]:tok[1]] in rules.instrument_before and tok[0] >= clause[0]:
        # 某投资机构以15亿港元收购一家本地物流企业股权: the amount pays for what follows
        rest = text[c.end:clause[1]].strip(" ，,。；;：:！？\n") if clause[1] - c.end <= 20 else ""
        if 2 <= len(rest) <= 16 and not rest.startswith(rules.rank_verbs):  # 江宁区以412套位居各区之首
            return rest
    end = c.start
    unit = c.attrs.get("unit") or ""
    if "/" in unit and c.start > seg_start and "每" in text[max(seg_start, c.start - 10):c.start]:
        end = _before_per(text, seg_start, c.start, unit, rules)
    before = _clean_phrase(ctx, rules, max(seg_start, end - 60), end, named, sent)
    if before.endswith(rules.capacity_prefixes) and text.startswith("的", c.end):
        starts, near_lo, near_hi = window
        if c.end + 1 in starts and near_lo <= c.end + 1 < near_hi:
            # 年产30万辆的一汽奥迪新能源汽车项目: a name follows; the output rate is the metric
            return next(w for w in rules.capacity_prefixes if before.endswith(w))
        # 形成年产30万辆的生产能力: the noun after 的 names what the output measures
        y = _after_phrase(ctx, rules, Mention("claim", c.start, c.end + 1, "", ""), limit, window)
        if y and y not in rules.change_nouns:
            return y
    if kind in rules.sized_kinds and not before.endswith(rules.capacity_prefixes):
        m = rules.sized_plant.match(text, c.end, limit)
        if m:  # 与某县签约某某200兆瓦风电项目: the capacity sizes the plant after it
            return m.group()
    if before.endswith(rules.giving_verbs):
        # 对成功上市企业最高给予800万元奖励: what is given follows the amount (拟提供不超过
        # 5亿元的项目贷款: after its 的)
        y = _after_phrase(ctx, rules, Mention("claim", c.start, c.end + 1, "", "")
                          if text.startswith("的", c.end) else c, limit, window)
        if len(y) >= 2 and y not in rules.change_nouns:
            return y
    if before and not _is_only_name(before, named, text):
        if before.endswith(rules.capacity_prefixes):
            # 该基地年产20GWh储能电池: what is made; 建设年产20GWh动力电池项目, 某某科技有限公司
            # 年产3GW单晶电池项目: the output rate of a named plant
            y = _after_phrase(ctx, rules, c, limit, window)
            if y.startswith(rules.size_class_mark):
                y = y[len(rules.size_class_mark):]  # 年产8—10兆瓦级风机: 风机
            if (len(y) >= 2 and y not in rules.change_nouns and not y.endswith(rules.capacity_named_tails)
                    and not any(p.start <= c.start and c.end <= p.end for p in ctx.mentions.get("project", ()))):
                return y
            return next(w for w in rules.capacity_prefixes if before.endswith(w))
        return _drop_subject(before, rules)
    # X%的Y: 高于全国同期1.7%的两年平均增速, 10亿元以上的项目
    if text.startswith("的", c.end):
        y = _after_phrase(ctx, rules, Mention("claim", c.start, c.end + 1, "", ""), limit, window)
        if y and y not in rules.change_nouns:
            return y
    inherit = prev.attrs.get("metric") if prev is not None else None
    if inherit and text[prev.end:c.start].strip() in ("/", "／"):
        return inherit  # 储能电站45万千瓦/180万千瓦时: one thing in two units
    if (inherit and prev.attrs["kind"] != c.attrs["kind"] and c.attrs.get("change") is None
            and c.attrs["kind"] not in _RATE_KINDS):
        # 完成集装箱吞吐量1588.6万标准箱，同比增长12.1%，…；其中6月份完成287.3万标准箱: the
        # last amount of the sentence in the same unit names what this one measures
        same = _same_unit_metric(sent, c)
        if same:
            return same
    heading = _heading(ctx, rules, ci, sent, named)
    if inherit and heading and c.attrs.get("change") is None and prev.attrs["kind"] != c.attrs["kind"]:
        return heading  # 吴忠市计划投资232亿元，完成63.5%: the heading names the rate
    if inherit:
        return inherit
    if heading:
        return heading
    after = _after_phrase(ctx, rules, c, limit, window)
    return after or None


def _drop_subject(phrase: str, rules: ContextRules) -> str:
    """市属企业研发投入强度 → 研发投入强度: a qualified subject ending in a head such as 企业 before
    a measure of some length (not 民营企业进出口, 上市公司总数: short or a count; not 企业研发投入: a
    bare head)."""
    for head in rules.subject_heads:
        i = phrase.find(head)
        if i <= 0:
            continue  # 企业研发投入: no subject of its own before the head
        rest = phrase[i + len(head):]
        if (len(rest) >= rules.subject_min_rest and rest.endswith(rules.subject_measures) and "的" not in rest
                and not any(h in rest for h in rules.subject_heads)):
            return rest
    return phrase


def _before_per(text: str, lo: int, cs: int, unit: str, rules: ContextRules) -> int:
    """Where the metric phrase of a per-unit amount ends: before 每<unit> and a qualifier right
    before the amount (均价约每平方米5.8万元 → 均价), else at the amount."""
    per = "每" + unit.split("/", 1)[1]
    i = text.rfind(per, max(lo, cs - 12), cs)
    if i < 0 or any(ch not in rules.level_qualifiers for ch in text[i + len(per):cs]):
        return cs
    while i > lo and text[i - 1] in rules.level_qualifiers:
        i -= 1
    return i if i > lo else cs


def _same_unit_metric(sent: "_Sentence", c: Mention) -> str | None:
    """The metric of the last amount before `c` in its sentence with its unit (a few back)."""
    claims = sent.claims
    i = bisect.bisect_left(_claim_starts(sent), c.start)
    unit = c.attrs.get("unit")
    for o in claims[max(0, i - 8):i][::-1]:
        if o.attrs.get("unit") == unit and o.attrs.get("metric"):
            return o.attrs["metric"]
    return None


def _heading(ctx: Context, rules: ContextRules, ci: int, sent: "_Sentence",
             named: list[Mention]) -> str | None:
    """A clause without amounts before the claim's clause that names what follows
    (地级市1—7月投资增速前二名：中卫市增长36.4%); at most a few clauses back."""
    text = ctx.text
    for k in range(ci - 1, max(-1, ci - 12), -1):
        if k in sent.by_clause:
            continue
        cl = sent.clauses[k]
        if cl[1] - cl[0] > 60:
            return None
        body = text[cl[0]:cl[1]].rstrip("，,：:；;")
        if rules.heading_skip.match(body):
            continue
        h = _clean_phrase(ctx, rules, cl[0], cl[0] + len(body), named, sent)
        for m in named:  # 县（区）1—7月投资增速 → 县投资增速
            if cl[0] <= m.start and m.end <= cl[1] and m.type in ("date", "place") and m.text in h:
                h = h.replace(m.text, "", 1)
        h = _SHORT_BRACKETS.sub("", h)
        h = rules.heading_tail.sub("", h)
        if h in rules.not_headings:
            return None
        return h or None
    return None


def _is_only_name(phrase: str, named: list[Mention], text: str) -> bool:
    return any(m.text == phrase for m in named)


def _paired_metric(ctx: Context, rules: ContextRules, c: Mention, ci: int, sent: "_Sentence",
                   named: list[Mention], lists: dict[Any, Any]) -> str | None:
    """分别 lists: the n-th item before 分别 with the n-th amount after it in the clause."""
    text = ctx.text
    clause = sent.clauses[ci]
    amounts_all = sent.by_clause.get(ci, [])
    if ("fenbie", ci) not in lists:
        first = amounts_all[0].start if amounts_all else clause[0]
        k = text.rfind("分别", max(clause[0], first - 40), first)
        lists[("fenbie", ci)] = k
    k = lists[("fenbie", ci)]
    if k < 0 or len(amounts_all) > 20:
        return None
    amounts = [o for o in amounts_all if o.start > k]
    if not amounts or amounts[0] is not amounts_all[0]:
        return None
    try:
        index = amounts.index(c)
    except ValueError:
        return None
    key = ("items", ci)
    if key not in lists:
        lists[key] = None
        run = _place_run(text, named, max(clause[0], k - 80), k, len(amounts), rules)
        if len(run) == len(amounts) >= 2:
            # 滨江区、钱塘区规上工业增加值分别增长12.8%和10.5%: the n-th place is the n-th
            # amount's, the phrase after the places their shared metric
            lists[("places", ci)] = [p.text for p in run]
            paired = sent.cache.setdefault("paired", {})
            for p in run:
                paired[id(p)] = clause[0]
            head = _clean_phrase(ctx, rules, run[-1].end, k, named, sent)
            if head:
                lists[key] = [head] * len(amounts)
        else:
            lists[key] = _list_items(ctx, rules, max(clause[0], k - 80), k, len(amounts), named, lists)
        lists["last"] = lists[key]
    places = lists.get(("places", ci))
    if places:
        lists[("place_of", c.start)] = places[index]
    items = lists[key]
    if items is None and ("shared", ci) not in lists:
        # 城乡居民人均可支配收入分别达到39850元、17620元: one noun before 分别 in its clause, shared
        # by the amounts (not the metrics of unrelated earlier amounts)
        head = _clean_phrase(ctx, rules, clause[0], k, named, sent) if k - clause[0] <= 40 else ""
        lists[("shared", ci)] = True
        if len(head) >= 2 and "、" not in head:
            items = lists[key] = [head] * len(amounts)
    if items is None:
        # 城镇居民人均可支配收入4.5万元，农村居民…2.8万元，分别增长4.5%和6.1%: the amounts
        # pair with the levels stated before, in order (not past a ；, where a new item starts).
        if sent.semicolons is None:
            sent.semicolons = [m.start() for m in _marks_pattern("；;").finditer(text, *sent.span)]
        k2 = bisect.bisect_left(sent.semicolons, clause[0]) - 1
        part = sent.semicolons[k2] if k2 >= 0 else sent.span[0]
        levels = [o for o in sent.claims if part <= o.start and o.end <= clause[0] and o.attrs.get("metric")
                  and o.attrs.get("change") is None]
        if len(levels) >= len(amounts) >= 2:
            items = lists[key] = [o.attrs["metric"] for o in levels[-len(amounts):]]
    if items and len(items) == len(amounts):
        share = text[k + 2:amounts[0].start]
        if share.startswith(rules.share_verbs) and share.endswith("的") and len(share) <= 16:
            return items[index] + share[:-1]  # 化肥、种子分别占需求量的85%和90%: each one's share
        return items[index]
    return None


def _place_run(text: str, named: list[Mention], start: int, end: int, n: int = 0,
               rules: ContextRules | None = None) -> list[Mention]:
    """The places that end the text before 分别, joined only by 、/和/及/与 (新加坡、日本对厦投资)."""
    places = [m for m in named if m.type == "place" and start <= m.start and m.end <= end]
    run: list[Mention] = []
    for m in reversed(places):
        if run and text[m.end:run[0].start] not in ("、", "和", "及", "与", "以及", ",", "，"):
            break
        if run and m.end > run[0].start:
            continue
        run.insert(0, m)
    if run and any(ch in "，,、" for ch in text[run[-1].end:end]):
        return []  # the places are not the subject of the list
    if n and len(run) != n and len(places) > n:
        # 新加坡、英国、德国等国家对琼投资分别增长…: a run of n places before a place inside
        # the shared phrase (对琼投资)
        for i in range(len(places) - n, -1, -1):
            cand = places[i:i + n]
            if all(text[a.end:b.start] in ("、", "和", "及", "与", "以及") for a, b in zip(cand, cand[1:])) and \
                    text.startswith(tuple(rules.place_list_tails), cand[-1].end) and \
                    not any(ch in "，,、；;" for ch in text[cand[-1].end:end]):
                return cand
    return run


def _list_items(ctx: Context, rules: ContextRules, start: int, end: int, n: int,
                named: list[Mention], lists: dict[Any, Any]) -> list[str] | None:
    """The n items of the list before 分别 (工业机器人、新能源汽车、服务器、3D打印设备产量),
    each with the head noun they share (…产量)."""
    text = ctx.text
    # Start after the last date, place or name before the list (1-2月广东纺织业…).
    for m in named:
        if start <= m.start and m.end <= end and "、" not in text[m.start:m.end]:
            if "、" in text[m.end:end] and "、" not in text[start:m.start]:
                start = m.end
    for w in ("同比", "环比"):
        if text.endswith(w, start, end):
            end -= len(w)
    # Items as (start, end) offsets, split at 、 (and at 和/及/与 in the last when short of n).
    spans, s0 = [], start
    for i in range(start, end):
        if text[i] == "、":
            spans.append((s0, i))
            s0 = i + 1
    spans.append((s0, end))
    spans = [sp for sp in spans if sp[1] > sp[0]]
    if len(spans) < n and spans:
        ls, le = spans.pop()
        for m in regex.finditer(r"[^和及与]+", text[ls:le]):
            spans.append((ls + m.start(), ls + m.end()))
    if len(spans) != n:
        # No list here: reuse the previous list with this clause's head (两年平均增速分别为…).
        previous = lists.get("last_bases")
        if previous and len(previous) == n:
            head = text[start:end].strip(" ，,、")
            for w in rules.trailing:
                if head.endswith(w):
                    head = head[:-len(w)]
            head = head.replace("分别", "")
            olds = lists.get("last") or previous
            return [b + head if len(head) >= 2 else o for b, o in zip(previous, olds)]
        return None
    items = [_strip_quotes(text[a:b], rules).strip() for a, b in spans]
    first = items[0]
    if "的" in first:
        first = first[first.rfind("的") + 1:]
    for w in rules.leading:
        if first.startswith(w) and len(first) > len(w):
            first = first[len(w):]
            break
    items[0] = first
    last = items[-1]
    head = ""
    if "等" in last:
        last, _, tail = last.partition("等")
        head = next((h for h in rules.heads if tail.endswith(h)), tail)
    else:
        counts = [len(_tokens_in(ctx, a, b)) for a, b in spans]
        ends = {x[-1] for x in items[:-1] if x}
        if len(ends) == 1 and (c := ends.pop()) in last[:-1]:
            cut = last.index(c) + 1  # 金银珠宝类、…、通讯器材类商品零售: the head after 类
            last, head = last[:cut], last[cut:]
        elif all(k == 1 for k in counts[:-1]) and counts[-1] > 1:
            ts, te = _tokens_in(ctx, *spans[-1])[0]  # 汽车、电气、电子和电力累计增速: one word each
            last, head = text[ts:te], text[te:spans[-1][1]]
        else:
            for h in rules.heads:
                if last.endswith(h) and len(last) > len(h):
                    head = h
                    break
    items[-1] = last
    lists["last_bases"] = [x[:-len(head)] if head and x.endswith(head) else x for x in items]
    if head:
        items = [x if x.endswith(head) else x + head for x in items]
    return items
