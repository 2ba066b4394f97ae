"""Find claim mentions: amounts with a unit or classifier, normalized, then bound to
their context (metric, change, period, place) by `claim_context`.

Amounts are matched with the compiled patterns of `rules/claims.yaml` on the raw
text (units from `rules/units.tsv` as the named list ``\\L<units>``, the longest
surface wins). A match is then checked against what is not an amount: numbers in
dates and names found by earlier steps, ranks (前10名, 第三位), time words (3年,
1号线), the article 一 (一批, 一个缩影), short quoted slogans (“四个全面”).

Also not amounts: a money size class before a noun (亿元以上项目152个, but
投资总额1000万美元以上新设项目 states the investment), a currency word after a
number (1美元7.1元). A currency word before the number sets the unit (港币3亿元,
人民币5亿元, US$5 million); 零下, 负 and a minus sign make a value negative (a minus
negates only the low end of a range: -5~10℃). A number right after 每 is a denominator
(每10万人); a price after 每<unit of measure> is per that unit (每公斤6.2元 → 元/公斤).

Money with its unit implied is money in 元 after a money word (营收128.6亿, 月薪一万二,
营收和利润分别为12亿、3亿) or spoken with 个 (一个亿, 两个多亿); 八毛五 and 五毛钱 are 元 too.
Two bounds written one after the other are one range (300万元以上500万元以下).

Values: magnitudes are folded in (3万5千人 → 35000, 一百至二百万元 → 1e6..2e6);
neighbouring digits are an approximate range (两三个 → 2..3, approx, never 23);
vague amounts take the round number with `over` (数十家 → 10, 十几个 → 10).

Span policy: the number, its magnitude, its unit, and the qualifiers attached to it
(约, 近 before; 余, 多, 左右, 以上 after). A verb qualifier before it (超过, 突破,
不到) sets `qualifier` but stays outside the span. Spans start where a rule matched;
a Chinese numeral must start a jieba token (统一个 is not 一个), an Arabic number
needs no token boundary (jieba splits digits on its own).
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import regex

from ..regex_cache import compile_regex
from ..errors import RuleError
from ..numbers import MAGNITUDES, exact_value, fold_width, normalize_decimal, parse_cn_range, parse_number
from ..ruleset import MATCH_TIMEOUT, load_tsv, load_yaml, rules_path
from .base import Context, Mention
from .claim_context import bind_context

RULES_FILE = "claims.yaml"
UNITS_FILE = "units.tsv"
ENTITY_TYPES = ("company", "organization", "project", "person", "place")
CN_CHARS = set("零〇一二两三四五六七八九十百千万亿点壹贰叁肆伍陆柒捌玖拾佰仟")
MAX_NUMBER_CHARS = 24  # 1,234,567,890,123.45 fits; longer runs are codes or noise


@dataclass(frozen=True)
class Unit:
    surface: str
    unit: str
    kind: str
    scale: float
    role: str


@dataclass(frozen=True)
class ClaimRules:
    patterns: tuple[tuple[str, "regex.Pattern[str]"], ...]
    units: dict[str, Unit]
    before: tuple[tuple[str, str, bool], ...]      # (word, qualifier, attached) longest first
    before_last_chars: frozenset[str]
    after: dict[str, str]
    blockers: dict[str, frozenset[str]]
    rank_prefixes: tuple[str, ...]
    rank_units: frozenset[str]
    phase_unit: str
    phase_prefixes: tuple[str, ...]
    phase_series: tuple[str, ...]
    bare_chars: frozenset[str]
    bare_after: tuple[str, ...]
    bound_low: tuple[str, ...]
    bound_high: tuple[str, ...]
    one_allowed: frozenset[str]
    duration_after: tuple[str, ...]
    not_claims: tuple[str, ...]
    ordinal_nouns: dict[str, tuple[str, ...]]
    duration_ranges: dict[str, str]
    duration_range_max: float
    duration_range_not_after: tuple[str, ...]
    kept_in_names: frozenset[str]
    category_posts: frozenset[str]
    category_nouns: tuple[str, ...]
    category_heads: frozenset[str]
    latin_magnitudes: dict[str, int]
    acronym_kinds: frozenset[str]
    currency_prefixes: dict[str, str]
    negative_prefixes: tuple[str, ...]
    negative_after: dict[str, frozenset[str]]
    per_unit_kinds: frozenset[str]
    per_time_words: frozenset[str]
    speed_times: frozenset[str]
    speed_words: dict[str, str]
    speed_gaps: tuple[str, ...]
    half_after: tuple[str, ...]
    per_unit_gaps: frozenset[str]
    glued_ok_units: frozenset[str]
    colloquial: dict[str, str]
    arabic_only_units: frozenset[str]
    magnitude_only_units: dict[str, float]
    classifier_magnitude_units: frozenset[str]
    classifier_magnitude: Any
    energy_degree: dict[str, Any]
    spoken_height: dict[str, Any]
    unit_not_after: dict[str, tuple[str, ...]]
    scope_qualifiers: dict[str, str]
    scope_gap: int
    scope_first_chars: frozenset[str]
    implied_unit: str                             # money with its unit implied (营收128.6亿)
    implied_heads: tuple[str, ...]
    implied_gaps: tuple[str, ...]                 # longest first, "" last
    not_claims_any: "regex.Pattern[str]"          # any of not_claims (a quick pre-check)
    requires: dict[str, "regex.Pattern[str]"]     # rule id -> what a text needs for any match
    one_allowed_kinds: frozenset[str] = frozenset()  # 一公里, 一吨: a measure, not the article 一
    degree_scales: tuple[tuple[str, str], ...] = ()  # 摄氏25度: 度 read as the unit of that scale


@functools.lru_cache(maxsize=None)
def claim_rules() -> ClaimRules:
    """Load and compile the claim rules once per process (checked: a bad rule names its id)."""
    spec = load_yaml(RULES_FILE) or {}
    path = rules_path(RULES_FILE)
    units: dict[str, Unit] = {}
    for row in load_tsv(UNITS_FILE):
        surface = row["surface"]
        if surface in units:
            raise RuleError(f"{rules_path(UNITS_FILE)}: duplicate unit {surface}")
        units[surface] = Unit(surface, row["unit"], row["kind"], float(row["scale"] or 1), row["role"])
    for first, second in spec.get("classifier_pairs") or ():
        for surface in (f"{first}（{second}）", f"{first}({second})", f"{first}/{second}"):
            if surface in units:
                raise RuleError(f"{path}: classifier pair {surface} is also in {UNITS_FILE}")
            units[surface] = Unit(surface, f"{first}/{second}", "count", 1.0, "classifier")
    fragments = dict(spec.get("fragments") or {})

    def expand(text: str, rule_id: str, depth: int = 0) -> str:
        if depth > 10:
            raise RuleError(f"{path}: rule {rule_id}: fragments nest too deep")

        def sub(m: "regex.Match[str]") -> str:
            if m.group(1) not in fragments:
                raise RuleError(f"{path}: rule {rule_id}: unknown fragment {{{m.group(1)}}}")
            return expand(fragments[m.group(1)], rule_id, depth + 1)

        return regex.sub(r"\{([A-Za-z_][A-Za-z_0-9]*)\}", sub, text)

    patterns, seen, requires = [], set(), {}
    for item in spec.get("rules") or []:
        rule_id = item.get("id")
        if not rule_id or rule_id in seen:
            raise RuleError(f"{path}: rule id missing or duplicated: {rule_id}")
        seen.add(rule_id)
        try:
            source = expand(item["pattern"], rule_id)
            pattern = compile_regex(source, units=sorted(units), ignore_unused=True)
        except (regex.error, KeyError, ValueError) as e:
            raise RuleError(f"{path}: rule {rule_id}: {e}") from e
        if pattern.fullmatch(""):
            raise RuleError(f"{path}: rule {rule_id}: pattern matches the empty string")
        if item.get("requires"):
            try:
                requires[rule_id] = compile_regex(item["requires"])
            except regex.error as e:
                raise RuleError(f"{path}: rule {rule_id}: requires: {e}") from e
        patterns.append((rule_id, pattern))
    before = sorted(((q["word"], q["qualifier"], bool(q.get("span"))) for q in spec["qualifiers_before"]),
                    key=lambda t: -len(t[0]))
    return ClaimRules(
        patterns=tuple(patterns), units=units, before=tuple(before),
        before_last_chars=frozenset(w[-1] for w, _, _ in before),
        after=dict(spec["qualifiers_after"]), blockers={k: frozenset(v or ()) for k, v in spec["attached_blockers"].items()},
        rank_prefixes=tuple(spec["rank_prefixes"]), rank_units=frozenset(spec["rank_units"]),
        phase_unit=spec["phase_unit"], phase_prefixes=tuple(spec["phase_prefixes"]),
        phase_series=tuple(spec.get("phase_series") or ()),
        bare_chars=frozenset(spec["bare_magnitude_chars"]),
        bare_after=tuple(spec.get("bare_magnitude_after") or ()),
        bound_low=tuple((spec.get("bound_range") or {}).get("low") or ()),
        bound_high=tuple((spec.get("bound_range") or {}).get("high") or ()),
        one_allowed=frozenset(spec["one_allowed_units"]), duration_after=tuple(spec["duration_after"]),
        not_claims=tuple(spec["not_claims"]),
        ordinal_nouns={k: tuple(v or ()) for k, v in (spec.get("ordinal_nouns") or {}).items()},
        duration_ranges=dict(spec.get("duration_range_units") or {}),
        duration_range_max=float(spec.get("duration_range_max") or 0),
        duration_range_not_after=tuple(spec.get("duration_range_not_after") or ()),
        kept_in_names=frozenset(spec["kinds_kept_in_names"]),
        category_posts=frozenset(spec["category"]["posts"]), category_nouns=tuple(spec["category"]["nouns"]),
        category_heads=frozenset(spec["category"]["heads"]),
        latin_magnitudes=dict(spec["latin_magnitudes"]), acronym_kinds=frozenset(spec["acronym_kinds"]),
        currency_prefixes=dict(spec["currency_prefixes"]),
        negative_prefixes=tuple(spec["negative_prefixes"]),
        negative_after={k: frozenset(v or ()) for k, v in (spec.get("negative_after") or {}).items()},
        per_unit_kinds=frozenset(spec.get("per_unit_kinds") or ()),
        per_time_words=frozenset(spec.get("per_time_words") or ()),
        speed_times=frozenset(spec.get("speed_times") or ()),
        speed_words=dict((spec.get("speed_words") or {}).get("words") or {}),
        speed_gaps=tuple(sorted(set((spec.get("speed_words") or {}).get("gaps") or ()) | {""}, key=lambda w: -len(w))),
        half_after=tuple(spec.get("half_after") or ()),
        per_unit_gaps=frozenset(spec.get("per_unit_gaps") or ()),
        glued_ok_units=frozenset(spec.get("glued_ok_units") or ()),
        colloquial=dict(spec.get("colloquial_money") or {}),
        arabic_only_units=frozenset(spec.get("arabic_only_units") or ()),
        classifier_magnitude_units=frozenset((spec.get("classifier_magnitude") or {}).get("units") or ()),
        classifier_magnitude=compile_regex((spec.get("classifier_magnitude") or {}).get("after") or "(?!)"),
        magnitude_only_units={k: float((v or {}).get("min") or 0)
                              for k, v in (spec.get("magnitude_only_units") or {}).items()},
        energy_degree=dict(spec.get("energy_degree") or {}),
        spoken_height=dict(spec.get("spoken_height") or {}),
        unit_not_after={k: tuple(v or ()) for k, v in (spec.get("unit_not_after") or {}).items()},
        scope_qualifiers=dict((spec.get("scope_qualifiers") or {}).get("words") or {}),
        scope_gap=int((spec.get("scope_qualifiers") or {}).get("gap") or 0),
        scope_first_chars=frozenset(w[0] for w in (spec.get("scope_qualifiers") or {}).get("words") or {}),
        requires=requires,
        implied_unit=(spec.get("implied_money") or {}).get("unit") or "元",
        implied_heads=tuple((spec.get("implied_money") or {}).get("heads") or ()),
        implied_gaps=tuple(sorted(set((spec.get("implied_money") or {}).get("gaps") or ()) | {""},
                                  key=lambda w: -len(w))),
        not_claims_any=compile_regex("|".join(regex.escape(p) for p in spec["not_claims"]) or "(?!)"),
        one_allowed_kinds=frozenset(spec.get("one_allowed_kinds") or ()),
        degree_scales=tuple((spec.get("degree_scales") or {}).items()),
    )


def find_claims(ctx: Context) -> list[Mention]:
    rules = claim_rules()
    found: list[Mention] = []
    for rule_id, pattern in rules.patterns:
        need = rules.requires.get(rule_id)
        if need is not None and not need.search(ctx.text, timeout=MATCH_TIMEOUT):
            continue  # a text without what every match holds: no scan
        for m in pattern.finditer(ctx.text, timeout=MATCH_TIMEOUT):
            mention = _to_mention(ctx, rules, rule_id, m)
            if mention is not None:
                found.append(mention)
            elif _group(m, "u1") and _group(m, "n2"):
                # 提高1.2个百分点至68.5%: two amounts in two units, not a range
                for part in (pattern.fullmatch(ctx.text, m.start(), m.end("u1"), timeout=MATCH_TIMEOUT),
                             pattern.fullmatch(ctx.text, m.start("n2"), m.end(), timeout=MATCH_TIMEOUT)):
                    mention = _to_mention(ctx, rules, rule_id, part) if part else None
                    if mention is not None:
                        found.append(mention)
    claims = _join_bounds(_drop_overlaps(found), rules)
    claims = _filter_inside(ctx, claims, rules)
    bind_context(ctx, claims)
    return claims


def _drop_overlaps(found: list[Mention]) -> list[Mention]:
    """Of overlapping amounts keep the longest (数十家 over 十家), the earlier on a tie.
    One sweep in start order: each rule's matches do not overlap one another."""
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for m in found:
        if kept and m.start < kept[-1].end:
            if m.end - m.start > kept[-1].end - kept[-1].start:
                kept[-1] = m
            continue
        kept.append(m)
    return kept


def _join_bounds(claims: list[Mention], rules: ClaimRules) -> list[Mention]:
    """300万元以上500万元以下: a lower and an upper bound right after it, in one unit, are one
    range (value, value_max) with no qualifier."""
    out: list[Mention] = []
    for c in claims:
        p = out[-1] if out else None
        if (p is not None and p.end == c.start and p.text.endswith(rules.bound_low)
                and c.text.endswith(rules.bound_high) and "value_max" not in p.attrs
                and "value_max" not in c.attrs and p.attrs["unit"] == c.attrs["unit"]
                and p.attrs["value"] < c.attrs["value"]):
            attrs = {"value": p.attrs["value"], "value_max": c.attrs["value"]}
            attrs.update((k, v) for k, v in p.attrs.items() if k != "value")
            attrs["qualifier"] = None
            out[-1] = Mention("claim", p.start, c.end, p.text + c.text, p.rule, attrs)
            continue
        out.append(c)
    return out


class _Cover:
    """Does any of a set of spans overlap / contain a given span? (bisect + prefix max)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.max_end: list[int] = []
        best = -1
        for _, e in spans:
            best = max(best, e)
            self.max_end.append(best)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)
        return i > 0 and self.max_end[i - 1] > start

    def contains_from_before(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, start)  # spans starting before `start`
        return i > 0 and self.max_end[i - 1] >= end


def _filter_inside(ctx: Context, claims: list[Mention], rules: ClaimRules) -> list[Mention]:
    """A number inside a date (6月19日) or inside a name that starts before it
    (地铁1号线, 三个一百工程) is part of that, not an amount; a measured amount in a
    project name stays one (年产3GW单晶电池项目)."""
    dates = _Cover([(d.start, d.end) for d in ctx.mentions.get("date", ())])
    names = _Cover([(e.start, e.end) for t in ENTITY_TYPES if t != "project" for e in ctx.mentions.get(t, ())])
    projects = _Cover([(e.start, e.end) for e in ctx.mentions.get("project", ())])
    out = []
    for c in claims:
        if dates.overlaps(c.start, c.end) or names.contains_from_before(c.start, c.end):
            continue
        if c.attrs["kind"] not in rules.kept_in_names and projects.contains_from_before(c.start, c.end):
            continue
        out.append(c)
    return out


@functools.lru_cache(maxsize=None)
def _group_names(pattern: "regex.Pattern[str]") -> tuple[str, ...]:
    """The name of each group of `pattern` by number (like `groupdict`, much faster than it)."""
    names = [f" {i}" for i in range(1, pattern.groups + 1)]
    for name, i in pattern.groupindex.items():
        names[i - 1] = name
    return tuple(names)


def _group(m: "regex.Match[str]", name: str) -> str | None:
    try:
        return m.group(name)
    except IndexError:
        return None


def _value_of(number: str, magnitude: str | None) -> tuple[Any, Any] | None:
    """(low, high) of a number with its magnitude; high is None unless 两三 and the like."""
    factor = MAGNITUDES[magnitude] if magnitude else 1
    if number.isdigit() and number.isascii() and len(number) <= 15:
        return int(number) * factor, None  # the common case: what exact_value gives, sooner
    if number and number[0] in CN_CHARS:
        pair = parse_cn_range(number)
        if pair:
            return exact_value(str(pair[0]), factor), exact_value(str(pair[1]), factor)
        v = parse_number(number)
        if v is None:
            return None
        return exact_value(str(v), factor), None
    v = exact_value(number, factor)
    return (v, None) if v is not None else None


# The unit a currency sign gives when no unit follows (¥ and the rest: 元).
_SIGN_UNITS = {"$": "USD", "＄": "USD", "US$": "USD", "€": "EUR", "£": "英镑", "HK$": "港元"}

# Rules whose unit is not simply the matched `unit` group.
_OWN_UNIT_RULES = frozenset({"claim.fraction", "claim.tenths", "claim.half_double", "claim.currency_sign",
                             "claim.implied", "claim.mao", "claim.discount"})


def _to_mention(ctx: Context, rules: ClaimRules, rule_id: str, m: "regex.Match[str]") -> Mention | None:
    if rule_id not in _OWN_UNIT_RULES:
        # Most matches fail here (2024年, 3月): no unit, or a time word that is no range of
        # durations. Checked before anything else is read from the match.
        info = rules.units.get(_group(m, "unit") or "")
        if info is None and _group(m, "imp") is not None:
            if not _after_money_word(ctx.text, m.start(), rules):
                return None  # 人口1.4亿: no money word before a magnitude without a unit
            info = rules.units[rules.implied_unit]  # 营收128.6亿: 元
        elif info is None or (info.kind == "none"
                              and not (info.surface in rules.duration_ranges and _group(m, "n2"))):
            return None
    text = ctx.text
    start, end = m.start(), m.end()
    g = dict(zip(_group_names(m.re), m.groups()))  # a name the pattern lacks reads as None
    n1 = g["n1"]
    if len(n1) > MAX_NUMBER_CHARS or len(g.get("n2") or "") > MAX_NUMBER_CHARS:
        return None  # a code or a run of digits, not an amount (and no huge ints)
    if len(n1) > 1 and n1[0] in "0０" and n1[1] not in ".．":
        return None  # 000元 (the tail of 5 000元), 007: a code or a piece of a number, not an amount
    unit_surface = g.get("unit")
    post = g.get("post")
    inner = [q for q in (g.get("q1"), g.get("q1b"), g.get("q2"), g.get("q2b")) if q]
    if unit_surface and "多" in unit_surface:
        inner.append("多")  # 5个多百分点
    value_max = None
    inner_q = None  # a qualifier inside the match (翻了近两番)
    per_at = -1  # where 每 of a per-unit price is (均价约每平方米5.8万元)
    unit_info: Unit | None = rules.units.get(unit_surface) if unit_surface else None
    if g.get("imp") is not None or rule_id == "claim.implied":
        unit_info = rules.units[rules.implied_unit]  # 营收128.6亿, 一个亿: money, its unit implied

    if rule_id == "claim.fraction":
        den, num = parse_number(g["den"]), parse_number(n1)
        if not den or num is None or (num > den and den not in (100, 1000)):  # 百分之一百二十
            return None
        value = _ratio(num, den)
        unit, kind = "%", "percent"
        if g.get("n2"):
            hi = parse_number(g["n2"])
            if hi is None or hi <= num:
                return None
            value_max = _ratio(hi, den)
    elif rule_id == "claim.discount":  # 八折 80, 七五折 75, 8.5折 85: the share of the price paid
        value = parse_number(n1) * 10 + (parse_number(g["n1b"]) if g.get("n1b") else 0)
        unit, kind = "%", "percent"
    elif rule_id == "claim.tenths":
        pair = parse_cn_range(n1) if len(n1) == 2 else None
        if len(n1) == 2 and not pair:
            return None
        if pair:
            value, value_max = pair[0] * 10, pair[1] * 10
            inner.append("约")  # 七八成: approx
        else:
            value = parse_number(n1) * 10
            extra = g.get("n1b")
            if extra:
                value += 5 if extra == "半" else parse_number(extra)  # 七成五 75, 八成半 85
        if g.get("n2"):
            hi = parse_number(g["n2"])
            if pair or hi is None or hi * 10 <= value:
                return None
            value_max = hi * 10
        unit, kind = "%", "percent"
        if n1 == "一" and text.startswith("不", end):  # 一成不变
            return None
    elif rule_id == "claim.half_double" and g.get("dbl"):
        value = 2 if n1 == "番" else 2 ** parse_number(n1)  # 翻一番 ×2, 翻两番 ×4
        unit, kind = "倍", "multiple"
        if g.get("dq"):  # 翻了近两番: under
            inner_q = next((q for w, q, _ in rules.before if w == g["dq"]), None)
    elif rule_id == "claim.mao":
        if not ctx.is_token_start(start):
            return None  # 九牛一毛
        value = _add_jiao(0, {"jiao": n1, "fen": g.get("fen")})  # 八毛五 → 0.85
        unit, kind = rules.implied_unit, "money"
    elif rule_id == "claim.half_double":
        if not post and not _qualifier_before(text, start, rules)[0] and not text.endswith(rules.half_after, 0, start):
            return None  # 减少了一半 is an amount, a bare 一半 mostly not
        value, unit, kind = 50, "%", "percent"
    else:
        if rule_id == "claim.currency_sign":
            cur = g["cur"]
            if cur in rules.currency_prefixes and unit_info is not None and unit_info.kind != "money":
                return None  # 美元3%: the currency is no part of the amount
            if unit_info is not None and unit_info.kind != "money":  # ¥2999起
                unit_info, post = None, None
                end = m.end("m1") if g["m1"] else m.end("n1")
            named = rules.currency_prefixes.get(cur)
            if named and named != "元" and (unit_info is None or unit_info.unit == "元"):
                unit_info = rules.units.get(named)  # 港币3亿元, 美元5000万
            elif named and unit_info is not None and unit_info.unit != "元":
                return None  # 人民币5亿美元: two currencies, no amount to trust
            unit_info = unit_info or rules.units.get(_SIGN_UNITS.get(cur, "元"))
        if unit_info is not None and unit_info.kind == "none" and g.get("n2") \
                and unit_info.surface in rules.duration_ranges:
            unit_info = Unit(unit_info.surface, rules.duration_ranges[unit_info.surface], "other", 1.0,
                             "measure")  # 3至5年: a range of durations
            if max(parse_number(n1) or 0, parse_number(g["n2"]) or 0) > rules.duration_range_max:
                return None  # 2013-2018年: years
            if text.endswith(rules.duration_range_not_after, 0, start):
                return None  # 未来两到三年: a time to come, not an amount
        if unit_info is None or unit_info.kind == "none":
            return None
        if unit_info.surface == rules.energy_degree.get("surface") and not g.get("den") \
                and _energy_degree(text, start, g, rules.energy_degree):
            unit_info = rules.units[rules.energy_degree["as"]]  # 80万度, 用电量3000度: kWh
        elif unit_info.surface == rules.energy_degree.get("surface") and not g.get("den"):
            scale = next((u for w, u in rules.degree_scales if text.endswith(w, 0, start)), None)
            if scale:
                unit_info = rules.units[scale]  # 摄氏25度 → ℃, 华氏100度 → ℉
        if rule_id == "claim.half_unit":  # 半斤, 半吨, 半公里: half of one measure
            if unit_info.kind not in rules.one_allowed_kinds:
                return None
            low = (0.5, None)
        else:
            low = _value_of(n1, g.get("m1"))
        if low is None:
            return None
        value, value_max = low
        if value_max is not None:
            inner.append("约")  # 两三个, 四五百辆: a rough count, approx
        m1b = g.get("m1b")
        if m1b:  # 4千多万港币, 3百多万元: 千 / 百 of 万
            if value_max is not None or g.get("n2") or g.get("x1"):
                return None
            value = exact_value(str(value), MAGNITUDES[m1b])
        x1 = g.get("x1")
        if x1:  # 3万5千人, 1亿5000万元: the rest of the number after 万 / 亿
            rest, top = _rest_value(x1), MAGNITUDES.get(g.get("m1") or n1[-1])
            if rest is None or top is None or value_max is not None or rest >= top:
                return None
            value = normalize_decimal(Decimal(str(value)) + rest)
        if rule_id == "claim.vague":
            inner.append("多")
        if g.get("n2"):
            u1 = g.get("u1")
            if u1 and rules.units.get(u1, unit_info).unit != unit_info.unit:
                return None
            m2 = g.get("m2")
            high = _value_of(g["n2"], m2)
            if high is None:
                return None
            shared = None if g.get("m1") else _shared_magnitude(n1, g["n2"], m2)
            if shared:  # 6-8亿元, 三至五万人, 一百至二百万元: the magnitude applies to both
                low = _value_of(n1, shared)
                if low is None:
                    return None
                value = low[0]
            value_max = high[1] or high[0]
            if value_max <= value:
                return None
        if unit_info.surface == rules.colloquial.get("surface") and _colloquial_money(text, m, g, rules):
            unit_info = rules.units[rules.colloquial["unit"]]  # 花了一百块, 3块5
            value = _add_jiao(value, g)
        elif g.get("jiao"):
            if unit_info.unit != rules.colloquial.get("unit"):
                return None
            value = _add_jiao(value, g)  # 3元5角, 壹仟贰佰叁拾肆元伍角陆分
        unit, kind = unit_info.unit, unit_info.kind
        if unit_info.scale != 1:
            value = exact_value(str(value), unit_info.scale)
            value_max = exact_value(str(value_max), unit_info.scale) if value_max is not None else None
        den = g.get("den")
        if den:
            # 元/平方米, 元/千瓦时, 元/公斤: the denominator as written; a magnitude in it
            # stays (吨标准煤/万元)
            prefix = "" if den in rules.units else den[0]
            den_info = rules.units.get(den[len(prefix):])
            unit = f"{unit}/{den}"
            kind = "speed" if kind == "length" and den_info and den_info.kind == "none" else (
                "money" if kind == "money" else "other")
        if not _plausible(ctx, rules, m, g, unit_info, n1, inner, post):
            return None
        lat = g.get("lat")
        if lat:
            value = exact_value(str(value), rules.latin_magnitudes[lat])
        if rule_id == "claim.acronym" and kind not in rules.acronym_kinds:
            return None
        ue = m.end("unit") if g.get("unit") else -1
        if (ue > 0 and ue < len(text) and text[ue].isascii() and text[ue].isalpha()
                and unit_surface[-1].isascii() and unit_surface[-1].isalpha()):
            return None  # 5Pa is no 5P, 3kVA no 3kV
        if not den and kind not in ("percent", "percentage_point", "multiple"):
            per, at = _per_unit(text, start, rules, kind == "money", kind == "length")
            if per:  # 收购价格每公斤6.2元 → 元/公斤; 每小时60公里 → 公里/小时
                speed = kind == "length" and per in rules.speed_times
                unit = f"{unit}/{per}"
                kind = "money" if kind == "money" else "speed" if speed else "other"
                per_at = at
            elif kind == "length" and rules.speed_words:
                if _speed_word(text, start, rules):
                    kind = "speed"  # 设计时速350公里: a speed, its unit as written

    if (unit_info is not None and unit_info.surface == rules.spoken_height.get("unit") and end == m.end("unit")
            and n1 in rules.spoken_height["heads"] and value_max is None):
        rest = _spoken_height_rest(text, end, rules.spoken_height["ends"])
        if rest:  # 1米8 → 1.8, 1米75 → 1.75
            value = normalize_decimal(Decimal(str(value)) + Decimal(parse_number(rest)) / 10 ** len(rest))
            end += len(rest)
    if (unit_info is not None and (unit_info.kind in rules.one_allowed_kinds or unit_info.kind == "multiple")
            and g.get("unit")
            and end == m.end("unit") and value_max is None and isinstance(value, int) and not g.get("den")
            and text.startswith("半", end)
            and (end + 1 == len(text) or text[end + 1] in rules.spoken_height.get("ends", ""))):
        value = normalize_decimal(Decimal(value) + Decimal("0.5"))  # 三斤半 3.5, 两公里半 2.5, 两倍半 2.5
        end += 1
    # 多 after a unit only when it stands alone (5倍多！, not 10个多元化).
    if post == "多" and not (ctx.is_token_start(end - 1) and ctx.is_token_end(end)):
        end -= 1
        post = None
    if unit_info and unit_info.role == "classifier":
        rest = text[end:end + 4]
        rest = rest[1:] if rest.startswith("多") else rest
        if rest.startswith(rules.duration_after):
            return None  # 两个多月

    # -3.2% (a minus sign, not a range dash: 16%-37% is one match already)
    if (rule_id == "claim.amount" and start > 0 and text[start - 1] in "-－−"
            and (start < 2 or not ((text[start - 2].isascii() and text[start - 2].isalnum())
                                   or text[start - 2] in "%％０１２３４５６７８９"))
            and isinstance(value, (int, float))):
        start -= 1
        value = -value  # a range keeps its high end: -5~10℃ is -5 to 10
    for w in rules.negative_prefixes:  # 零下5℃, 负五个百分点 (not 减负)
        if (text.endswith(w, 0, start) and isinstance(value, (int, float)) and value > 0
                and (w not in rules.negative_after or start == len(w)
                     or text[start - len(w) - 1] in rules.negative_after[w])):
            start -= len(w)
            value = -value
            if value_max is not None:
                value, value_max = -value_max, value
            break
    qualifier = rules.after.get(post) if post else None
    if not qualifier and inner:
        qualifier = "approx" if "来" in inner or "约" in inner else "over"  # 十来个, 两三个 ≈; 100余个 > 
    pre_q, pre_word, attached = _qualifier_before(text, start, rules, ctx)
    if attached:
        start -= len(pre_word)
    qualifier = qualifier or inner_q or pre_q or _scope_qualifier(text, start, rules)
    if not qualifier and per_at > 0:
        qualifier = _qualifier_before(text, per_at, rules, ctx)[0]  # 均价约每平方米5.8万元: approx

    attrs: dict[str, Any] = {"value": value}
    if value_max is not None:
        attrs["value_max"] = value_max
    attrs.update(unit=unit, kind=kind, qualifier=qualifier, metric=None, change=None,
                 period=None, place=None)
    return Mention("claim", start, end, text[start:end], rule_id, attrs)


_BIG_MAGNITUDES = ("亿", "万亿")


def _after_money_word(text: str, start: int, rules: ClaimRules, depth: int = 0) -> bool:
    """Does a money word (营收, 净利润, 投资) end right before `start`, or one of the gap words
    after it (营收达, 投资了)? In a list (营收和利润分别为12亿、3亿) the item before decides."""
    head = text[max(0, start - 12):start]
    for gap in rules.implied_gaps:
        if head.endswith(gap) and head[:len(head) - len(gap)].endswith(rules.implied_heads):
            return True
    if depth < 3 and start > 2 and text[start - 1] in "、和" and text[start - 2] in "万亿":
        j = start - 2
        while j > 0 and start - j < MAX_NUMBER_CHARS and text[j - 1] in _NUMBER_CHARS:
            j -= 1
        return _after_money_word(text, j, rules, depth + 1)
    return False


_NUMBER_CHARS = frozenset("0123456789０１２３４５６７８９.．,，零〇一二两三四五六七八九十百千万亿点")


def _speed_word(text: str, start: int, rules: ClaimRules) -> str | None:
    """The time of a speed word right before a length (设计时速350公里, 时速达120公里: 小时)."""
    head = text[max(0, start - 8):start]
    for gap in rules.speed_gaps:
        if head.endswith(gap):
            rest = head[:len(head) - len(gap)]
            for word, per in rules.speed_words.items():
                if rest.endswith(word):
                    return per
    return None


def _energy_degree(text: str, start: int, g: dict, spec: dict[str, Any]) -> bool:
    """Is this 度 a kilowatt-hour (80万度, 用电量3000度), not degrees (气温35度)?"""
    if g.get("m1") or g.get("m2"):
        return True
    window = text[max(0, start - spec["window"]):start]
    return (any(c in window for c in spec["cues"])
            and not any(b in window for b in spec["blockers"]))


def _spoken_height_rest(text: str, at: int, ends: str) -> str | None:
    """The digits of a spoken height after 米 (1米8的, 1米75。), or None."""
    k = at
    while k < len(text) and k - at < 2 and text[k] in _HEIGHT_DIGITS:
        k += 1
    if k == at or (k < len(text) and text[k] not in ends) or (k - at == 2 and not text[at].isascii()):
        return None
    return text[at:k]


_HEIGHT_DIGITS = frozenset("0123456789一二三四五六七八九")


def _add_jiao(value, g: dict):
    """A money value with its 角 (tenths) and 分 (hundredths) added."""
    jiao, fen = g.get("jiao"), g.get("fen")
    if not jiao:
        return value
    extra = Decimal(parse_number(jiao)) / 10 + (Decimal(parse_number(fen)) / 100 if fen else 0)
    return normalize_decimal(Decimal(str(value)) + extra)


def _colloquial_money(text: str, m: "regex.Match[str]", g: dict, rules: ClaimRules) -> bool:
    """Is this 块 money (3块5, 花了一百块。) rather than pieces (58亿块, 3块土地)?"""
    if g.get("jiao"):
        return True
    if (g.get("m1") or "") in _BIG_MAGNITUDES or "亿" in (g.get("n1") or ""):
        return False
    after = text[m.end("unit"):m.end("unit") + 1]
    return not after or after in _CLAUSE_ENDS or after in "了的左上多余"


def _shared_magnitude(n1: str, n2: str, m2: str | None) -> str | None:
    """The magnitude of the high end that also scales the low end of a range: 6-8亿 (亿),
    三至五万 (万), 一百至二百万 (万); not 8000至1万 or 一千至一万 (the low end is already whole)."""
    if m2:
        coef = n2
        mag = m2
    elif n2[0] in CN_CHARS:
        mag = next((t for t in ("万亿", "亿", "万") if n2.endswith(t)), None)
        if mag is None:
            return None
        coef = n2[:-len(mag)]
    else:
        return None
    if any(c in "万亿" for c in n1):
        return None
    lo, hi = parse_number(n1), parse_number(coef) if coef else None
    if lo is None or hi is None or lo >= hi:
        return None
    return mag


def _rest_value(x: str) -> Decimal | None:
    """The rest of a number after 万 or 亿: 5千 → 5000, 5000 → 5000, 5000万 → 50000000."""
    s = fold_width(x)
    factor = 1
    if s.endswith("万"):
        s, factor = s[:-1], 10_000
    if s.endswith("千"):
        s, factor = s[:-1], factor * 1000
    elif s.endswith("百"):
        s, factor = s[:-1], factor * 100
    return Decimal(s) * factor if s.isdigit() else None


def _scope_qualifier(text: str, start: int, rules: ClaimRules) -> str | None:
    """至少 / 最多 a short verb away (每户最多补贴5000元, 至少建设3个): the qualifier of the amount.
    After 的, a qualifying verb earlier in the clause (不超过总股本的30%, 约占全省的四分之一)."""
    if start > 1 and text[start - 1] == "的":
        return _de_scope_qualifier(text, start, rules)
    head = text[max(0, start - rules.scope_gap - 2):start]
    if not rules.scope_first_chars.intersection(head):
        return None
    for word, qualifier in rules.scope_qualifiers.items():
        i = head.rfind(word)
        if i >= 0:
            gap = head[i + len(word):]
            if all("\u4e00" <= c <= "\u9fff" and c not in "的是" for c in gap):
                return qualifier
    return None


_CLAUSE_ENDS = frozenset("，。；：、！？,;:!?\n（）()“”")


def _de_scope_qualifier(text: str, start: int, rules: ClaimRules, limit: int = 20) -> str | None:
    """不超过本次发行前总股本的30%: a qualifier word of two or more characters earlier in
    the clause governs an amount right after 的."""
    lo = max(0, start - limit)
    for i in range(start - 2, lo - 1, -1):
        if text[i] in _CLAUSE_ENDS:
            lo = i + 1
            break
    head = text[lo:start - 1]
    best, best_key = None, (-1, 0)
    for word, qualifier, _ in rules.before:
        if len(word) >= 2:
            i = head.rfind(word)
            if i >= 0 and (i + len(word), len(word)) > best_key:  # the last; 不超过 over 超过
                best, best_key = qualifier, (i + len(word), len(word))
    return best


def _per_unit(text: str, start: int, rules: ClaimRules, money: bool,
              length: bool = False) -> tuple[str | None, int]:
    """The unit in 每<unit> before an amount, as written: a unit of measure right before it or
    a price word / short verb away (每公斤6.2元, 每吨约3000元, 每公斤涨了0.5元 → 公斤), for a money
    amount also a time (每晚价格在380元 → 晚), for a length a time it takes (每小时60公里 → 小时).
    None for counted things (每股28.5元, 每人50元).
    Also where that 每 is (-1 without a unit)."""
    i = text.rfind("每", max(0, start - 10), start)
    if i < 0:
        return None, -1
    rest = text[i + 1:start]
    for k in range(min(len(rest), 5), 0, -1):
        word, gap = rest[:k], rest[k:]
        info = rules.units.get(word)
        if not ((info is not None and info.kind in rules.per_unit_kinds)
                or (money and word in rules.per_time_words) or (length and word in rules.speed_times)):
            continue
        if gap and gap not in rules.per_unit_gaps and _price_noun_gap(gap, rules.per_unit_gaps):
            gap = ""  # 每吨收购价上涨200元: a price noun (…价, …价格), then a gap word
        if gap and gap not in rules.per_unit_gaps:
            for w, _, _ in rules.before:  # 每吨约3000元, 每吨价格约3000元
                if gap.endswith(w) and (gap == w or gap[:-len(w)] in rules.per_unit_gaps):
                    break
            else:
                continue
        return word, i
    return None, -1


def _price_noun_gap(gap: str, gaps: frozenset[str]) -> bool:
    """Is `gap` a short price noun (收购价, 出厂价格) with nothing or one gap word after it?"""
    for tail in ("价格", "价"):
        k = gap.find(tail)
        if 0 < k <= 3 and (gap[k + len(tail):] in gaps or not gap[k + len(tail):]):
            return True
    return False


def _ratio(num: float, den: float) -> int | float:
    """num/den as a percent: 十七点九/百 → 17.9, 三/千 → 0.3, 一/四 → 25."""
    v = Decimal(str(num)) * 100 / Decimal(str(den))
    return normalize_decimal(round(v, 6))


def _qualifier_before(text: str, start: int, rules: ClaimRules,
                      ctx: Context | None = None) -> tuple[str | None, str, bool]:
    """(qualifier, word, attached) for the word just before `start` (超过549万次, 近5000家);
    a one-character word must not end another (节约5万吨 is no 约), a two-character one
    must start a token."""
    if start == 0 or text[start - 1] not in rules.before_last_chars:
        return None, "", False
    head = text[max(0, start - 4):start]
    for word, qualifier, attached in rules.before:
        if head.endswith(word):
            before = text[start - len(word) - 1] if start - len(word) - 1 >= 0 else ""
            if len(word) == 1:
                if before in rules.blockers.get(word, ()):
                    return None, "", False  # 最近, 附近, 节约: not a qualifier
            elif len(word) == 2 and ctx is not None and not ctx.is_token_start(start - len(word)):
                return None, "", False  # (不超过, 不低于: no other word ends so; jieba may glue 资不)
            return qualifier, word, attached
    return None, "", False


def _plausible(ctx: Context, rules: ClaimRules, m: "regex.Match[str]", g: dict[str, str | None], unit: Unit, n1: str,
               inner: list[str], post: str | None) -> bool:
    """Is this number with this unit an amount (not a rank, a phase name, the article 一)?"""
    text, start, end = ctx.text, m.start(), m.end()
    before = text[max(0, start - 3):start]
    if unit.surface in rules.rank_units and before.endswith(rules.rank_prefixes):
        return False  # 前10名, 后三名
    if before.endswith("第"):
        return False
    not_after = rules.unit_not_after.get(unit.surface)
    if not_after and text.endswith(not_after, 0, start):
        return False  # 东经120度
    if before.endswith("每") and not g.get("sep"):
        return False  # 每10万人, 每千人口: a denominator, not an amount
    ordinal = rules.ordinal_nouns.get(unit.surface)
    if ordinal and text.startswith(ordinal, m.end("unit")):
        return False  # 二次会议
    if unit.surface in rules.classifier_magnitude_units and rules.classifier_magnitude.match(text, m.end("unit")):
        return False  # 两个亿, 两个多亿: a spoken 2亿 with the unit implied, not a count of 2
    if (unit.surface == rules.phase_unit and not before.endswith(rules.phase_prefixes)
            and not text.endswith(rules.phase_series, 0, start)):
        return False  # 一期项目, 二期总投资
    if ((start > 0 and text[start - 1] in "+＋" and start >= 2 and (text[start - 2] in _SUM_BEFORE_PLUS
                                                   or text[start - 2].isascii() and text[start - 2].isalnum()))
            or (end < len(text) and text[end] in "+＋")):
        return False  # “12+1” (涨幅为+3.5%: a sign)
    around = text[max(0, start - 4):end + 4]
    if rules.not_claims_any.search(around) and any(
            p in around and around.find(p) <= start - max(0, start - 4) < around.find(p) + len(p)
            for p in rules.not_claims):
        return False  # 四套班子
    least = rules.magnitude_only_units.get(unit.surface)
    if least is not None and not (g.get("m1") or g.get("m2") or "万" in n1 or "亿" in n1):
        v = None if n1[0] in CN_CHARS else parse_number(n1)
        if v is None or v < least:
            return False  # 三方, 双方: parties (10万方, 3000方 are 立方米)
    if n1[0] in CN_CHARS:
        if (unit.surface in rules.arabic_only_units and not text.endswith(rules.negative_prefixes, 0, start)
                and "点" not in n1):
            return False  # 三度登顶: three times (三点五度 is no count of times)
        has_qualifier = bool(inner or post or _qualifier_before(text, start, rules)[0])
        if all(ch in "零〇○" for ch in n1):
            return False  # 零部件, 零售
        whole = n1.partition("点")[0]
        if len(whole) >= 2 and all(ch in _CN_PLAIN_DIGITS for ch in whole) and parse_cn_range(whole) is None:
            return False  # 八毛五一斤: 五一 read digit by digit is no amount (一〇五 is)
        if (all(c in rules.bare_chars and c != "十" for c in n1) and not has_qualifier
                and not text.endswith(rules.bare_after, 0, start)):
            return False  # 千家万户, 万亩方
        if (n1 == "一" and not g.get("m1") and not has_qualifier and unit.surface not in rules.one_allowed
                and not (unit.kind in rules.one_allowed_kinds and not _one_per_price(text, start, end))
                and not g.get("jiao") and not (unit.surface == rules.spoken_height.get("unit") and _spoken_height_rest(
                    text, m.end("unit"), rules.spoken_height["ends"]))):  # 一米八 is a height
            return False  # 一批, 一条, 一个缩影
        if not ctx.is_token_start(start):
            tok = ctx.token_at(start)
            head = text[tok[0]:start] if tok else ""
            glued = tok is not None and g.get("sep") and tok[1] > m.end("n1")  # 用三至|五年: jieba glued a range
            if not glued and (not head or not any(head.endswith(w) for w, _, _ in rules.before)
                              and head not in ("数", "几", "上") and head not in rules.half_after):
                return False  # 统一个 (增加|一倍: jieba glued a change verb, still an amount)
        unit_end = m.end("unit") if g.get("unit") and not g.get("jiao") else end
        if (not ctx.is_token_end(unit_end) and not g.get("post") and not g.get("den")
                and unit.surface not in rules.glued_ok_units
                and not (unit.kind == "money" and text.startswith("整", unit_end))):  # 伍拾元|整
            return False  # 二次元, 三头六臂: the classifier is inside a longer word
    if _in_short_quote(text, start, end):
        return False
    if (unit.kind == "money" and post in rules.category_posts
            and any(text.startswith(w, end) for w in rules.category_nouns)):
        tok = ctx.token_at(start - 1) if start > 0 else None
        if tok is None or text[tok[0]:tok[1]] not in rules.category_heads:
            return False  # 亿元以上项目152个: a size class, not an amount (投资总额1000万美元以上新设项目 is one)
    return True


# Money characters near 一 + a measure that make it the unit of a price (一斤3块5, 五毛一斤,
# 一公斤卖20元): "per", not an amount of one.
_PRICE_CHARS = frozenset("元块毛角钱")
_PRICE_REACH = 6


def _one_per_price(text: str, start: int, end: int) -> bool:
    return any(ch in _PRICE_CHARS for ch in text[max(0, start - _PRICE_REACH):end + _PRICE_REACH])


# Before a + these make it a sum (“12+1”, 5G+), not a sign.
_SUM_BEFORE_PLUS = frozenset("0123456789０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ”\"’)）#_+＋")

# Chinese digits with no place word and no zero: two or more in a row are a range (三四) or no amount.
_CN_PLAIN_DIGITS = frozenset("一二两三四五六七八九壹贰叁肆伍陆柒捌玖")

_OPEN_QUOTES = {"“": "”", "「": "」", "『": "』", "\"": "\"", "‘": "’"}


_OPEN_QUOTE_CHARS = frozenset(_OPEN_QUOTES)


def _in_short_quote(text: str, start: int, end: int, limit: int = 10) -> bool:
    """True inside a short quoted slogan (“四个全面”, “两个确保”)."""
    left = text[max(0, start - limit):start]
    if _OPEN_QUOTE_CHARS.isdisjoint(left):
        return False
    for op, cl in _OPEN_QUOTES.items():
        i = left.rfind(op)
        if i < 0 or cl in left[i + 1:]:
            continue
        j = text.find(cl, end, end + limit)
        if j >= 0 and (j - (start - len(left) + i)) <= limit + 2:
            return True
    return False
