"""Find place mentions: administrative divisions, regions, countries, zones.

Data (all in `zhextract/rules/`, sources in places.SOURCE.md):
  places_divisions.tsv  every province, prefecture and county of China with its
                        short forms (沈阳市/沈阳, 浑南区/浑南, 延边朝鲜族自治州/延边/延边州)
  places_regions.tsv    regions (东北, 长三角), countries, national-level zones, foreign cities
  places_stop.txt       short forms that are also common words (和平, 光明, 新华)
  places.yaml           zone suffixes (苏州 + 高新区) and the generic scope words

How a match is accepted (one pass of an automaton over the raw text):
  1. it starts and ends on jieba token boundaries, so 宁夏 never fires inside
     安宁夏天 and 中山 not inside 中山大学 (a token-final 人 is allowed: 沈阳人);
  2. a short form that is a common word (places_stop.txt) counts only right after
     its own parent city or province (广州天河, 北京朝阳);
  3. a short form naming several divisions (朝阳: a city in Liaoning, districts
     in Beijing and Changchun) is resolved by the other places the article names
     unambiguously (a province or city that is its parent); failing that the
     highest level wins (长沙 the city over 长沙县); a county-level short form
     shared by several counties and not resolved is skipped;
  4. of overlapping matches the longest wins (沈阳市 over 沈阳, 苏州高新区 over 苏州).

Beyond the gazetteer (rules/places.yaml):
  - zones: a city + zone suffix (苏州高新区), a city + a two- or three-character
    name + zone suffix (海口江东新区);
  - below county level: a town, street or village right after its county or city
    (余杭区仓前街道), a village after its town (鲁朗镇扎西岗村), the seat after 县城
    (县城洋口镇), a village or town named alone before words that say what it is
    (扎西岗村党支部书记, 洋口镇党委书记, 牡丹社区等7个社区), a town and its village
    named together after a verb of place (在大塘埠镇长安村), and such a name again
    wherever the article repeats it (a long one also without its suffix: 巴彦宝力格);
    Inner Mongolia's 苏木 and 嘎查 like 乡 and 村, with names of up to five characters;
  - a foreign country's province or state right after it (印尼西爪哇省);
  - no mention: a short form that is a scope word (全州, places_stop.txt), a place
    opening the name of a bank, broker, medium or cluster (东莞证券, 林芝台记者,
    中卫数据中心集群), a short form alone in quotation marks (“玄武”电池).

`name` is the fullest form of the same place found in the article (沈阳 →
沈阳市 when the article writes 沈阳市 somewhere; 成都 stays 成都 otherwise),
following ANNOTATION.md ("the full administrative name where the article makes
it clear"). A place inside a company, organization or project name is dropped
later by the resolve step (zhextract/resolve.py).
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

import regex

from ..regex_cache import compile_regex
from ..ruleset import MATCH_TIMEOUT, load_lines, load_tsv, load_yaml
from .base import Context, Mention
from .gazetteer import Matcher, build_automaton, find_all, find_all_in, find_words, share

LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}


@dataclass(frozen=True, slots=True)
class Entry:
    """One reading of a surface form."""

    code: str           # division code, or "region:<name>" for hand-written places
    name: str           # full name (division) or group name (region/country/zone)
    level: str          # province | prefecture | county | region | country | zone
    parent: str         # parent division code ("" for none)
    province: str       # province code ("" for none)
    form: str           # full | alias | short_zhou | region | country | zone | zone_rule | lexicon


@dataclass(frozen=True, slots=True)
class Gazetteer:
    matcher: Matcher                 # surface -> tuple[Entry, ...]
    stop: frozenset[str]
    zone_suffixes: tuple[str, ...]
    sub_re: "regex.Pattern[str]"
    sub_stop_words: frozenset[str]
    short_re: "regex.Pattern[str]"
    province_short: dict
    event_re: "regex.Pattern[str]"
    event_tail_re: "regex.Pattern[str]"
    name_head_re: "regex.Pattern[str]"
    seat_word: str
    sub_upper: tuple[str, ...]
    sub_lower: tuple[str, ...]
    sub_stop_chars: frozenset[str]
    village_re: "regex.Pattern[str]"
    village_generic: tuple[str, ...]
    village_left: tuple[str, ...]
    glue: dict
    town_alone: dict
    road_words: frozenset[str]
    islands: dict
    named_zone_suffixes: tuple[str, ...] = ()
    named_zone_stop: tuple[str, ...] = ()
    # short_before word + province character: where short_re can match (its lookbehind)
    short_ac: Matcher | None = None
    # first characters of the sub_re suffixes (镇, 街…): sub_re needs one 2-4 characters on
    sub_first: frozenset[str] | None = None
    # first characters of the name heads (证券, 银行, 台…): name_head_re needs one
    name_head_first: frozenset[str] | None = None
    sub_long: tuple[str, ...] = ()          # suffixes that are no common word (苏木, 嘎查)
    zone_pair_prefixes: frozenset[str] = frozenset()   # 中哈 + 霍尔果斯国际边境合作中心


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Built once per process, on first use."""
    readings: dict[str, list[Entry]] = {}
    for row in load_tsv("places_divisions.tsv"):
        surface = row["surface"]
        if len(surface) < 2:
            continue
        readings.setdefault(surface, []).append(Entry(
            row["code"], row["name"], row["level"], row["parent"], row["province"], row["form"]))
    # An autonomous county is mostly written by its short form and 县/旗 (宁洱县 for
    # 宁洱哈尼族彝族自治县, 鄂温克旗): that surface is its own, where no other division has it.
    for surface, entries in list(readings.items()):
        for e in entries:
            if e.form == "alias" and e.level == "county" and e.name.endswith(("自治县", "自治旗")):
                longer = surface + e.name[-1]
                if longer not in readings:
                    readings[longer] = [Entry(e.code, e.name, e.level, e.parent, e.province, "alias")]
    for row in load_tsv("places_regions.tsv"):
        kind = row["kind"]
        readings.setdefault(row["surface"], []).append(
            Entry(f"{kind}:{row['name']}", row["name"], kind, "", "", kind))
    # landforms (贺兰山, 洞庭湖): matched only so that they win over a division name
    # inside or overlapping them; never emitted; a division or region surface wins
    for surface in load_lines("places_landforms.txt"):
        if surface not in readings:
            readings[surface] = [Entry(f"landform:{surface}", surface, "landform", "", "", "landform")]
    spec = load_yaml("places.yaml") or {}
    words = {s: tuple(e) for s, e in readings.items()}
    bad = regex.escape(spec.get("sub_stop_chars") or "")
    # 英州镇, 沙州村: a stop character that may stand inside a name, not at its start
    # (黔东南州镇远县 is 州 + 镇远县, no town 州镇)
    inner_ok = spec.get("sub_inner_chars") or ""
    bad_inner = regex.escape("".join(ch for ch in spec.get("sub_stop_chars") or "" if ch not in inner_ok))
    long_suffixes = spec.get("sub_long_suffixes") or ["苏木"]
    sub_re = compile_regex(rf"(?![{bad}])\p{{Han}}(?:(?![{bad_inner}])\p{{Han}}){{0,2}}?(?:\L<suffix>)"
                           rf"|(?:(?![{bad}])\p{{Han}}){{2,5}}?(?:\L<long>)"
                           rf"|(?:(?![{bad}])\p{{Han}}){{4}}(?:\L<long_town>)",
                           suffix=spec["sub_suffixes"], long=long_suffixes,
                           long_town=spec.get("sub_long_towns") or ["镇"])
    short = spec["province_short"]
    short_re = compile_regex(r"(?<=\L<before>)[" + "".join(short) + r"](?=\L<after>)",
                             before=spec["short_before"],
                             after=sorted(spec["short_after"], key=len, reverse=True))
    cues = spec["village_cues"]
    village_re = compile_regex("|".join(
        rf"(?P<s{i}>{regex.escape(suffix)})(?=\L<c{i}>|等[0-9０-９一二三四五六七八九十]{{1,3}}个)"
        for i, suffix in enumerate(cues)), **{f"c{i}": cues[suffix] for i, suffix in enumerate(cues)})
    nh = spec["name_heads"]
    name_head_re = compile_regex(r"(?:\L<heads>)(?!\L<not_after>)|(?:\L<short>)(?=\L<short_before>)",
                                 heads=nh["heads"], not_after=nh["not_after"],
                                 short=nh["short"], short_before=nh["short_before"])
    heads = sorted(spec["event_heads"], key=len, reverse=True)
    inner = r"[^\s，。；：、！？,;:!?“”\"《》]"      # dashes and brackets may stand inside: 中国—东盟
    event_re = compile_regex(r"第[0-9０-９一二三四五六七八九十百]{1,4}[届次]" + inner + r"{2,24}?(?:\L<heads>)",
                             heads=heads)
    event_tail_re = compile_regex(r"国际" + inner + r"{0,14}?(?:\L<heads>)", heads=heads)
    return Gazetteer(build_automaton(words), frozenset(load_lines("places_stop.txt")),
                     tuple(sorted(spec.get("zone_suffixes") or (), key=len, reverse=True)),
                     sub_re, frozenset(spec.get("sub_stop_words") or ()),
                     short_re, dict(short), event_re, event_tail_re,
                     name_head_re, spec["seat_word"], tuple(spec["sub_upper"]), tuple(spec["sub_lower"]),
                     frozenset(spec.get("sub_stop_chars") or ""), village_re,
                     tuple(spec["village_generic"]), tuple(spec["village_left"]),
                     dict(spec["landform_glue"]), dict(spec["town_alone"]), frozenset(spec["road_words"]), dict(spec["islands"]),
                     tuple(sorted(spec["named_zone"]["suffixes"], key=len, reverse=True)),
                     tuple(spec["named_zone"]["stop"]),
                     build_automaton({b + c: None for b in spec["short_before"] for c in short})
                     if all(spec["short_before"]) else None,
                     frozenset(w[0] for w in spec["sub_suffixes"]) if all(spec["sub_suffixes"]) else None,
                     frozenset(w[0] for w in nh["heads"] + nh["short"]) if all(nh["heads"] + nh["short"]) else None,
                     sub_long=tuple(long_suffixes),
                     zone_pair_prefixes=frozenset(spec.get("zone_pair_prefixes") or ()))


share(lambda: gazetteer().matcher)      # matched in the shared pass over each document
share(lambda: gazetteer().short_ac or build_automaton([]))


@functools.lru_cache(maxsize=8)
def _lexicon_matcher(items: tuple[tuple[str, str], ...]) -> Matcher:
    return build_automaton({s: (Entry(f"lexicon:{c}", c, "lexicon", "", "", "lexicon"),)
                            for s, c in items})


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    entries: tuple[Entry, ...]
    chosen: Entry | None = None
    port: bool = False            # a county short form glued to 港 (盐田港): see _choose


def _named(start: int, end: int, name: str, level: str = "subdivision", form: str = "subdivision") -> _Cand:
    """A candidate with one reading, already chosen: a place a rule found, not a gazetteer entry."""
    entry = Entry("", name, level, "", "", form)
    return _Cand(start, end, (entry,), entry)


def _opens_place(ctx: Context, gaz: Gazetteer, s: int, ends: set[int]) -> bool:
    """May a town or village name start at `s`: at the text's start, after a non-Han
    character or a place, or after a word of place (rules/places.yaml `village_left`)?"""
    text = ctx.text
    return s == 0 or not _is_han(text[s - 1]) or s in ends or any(
        text.endswith(w, 0, s) and (s == len(w) or ctx.is_token_start(s - len(w))) for w in gaz.village_left)


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _on_boundaries(ctx: Context, start: int, end: int, strong: bool = False,
                   chained: frozenset[int] = frozenset()) -> bool:
    """Token-boundary policy (see the module docstring). jieba's dictionary holds
    some place compounds (辽宁沈阳, 上海市浦东新区, 内蒙古草原) and splits some names
    oddly (大湾/区内): a `strong` surface (a full name, a province or city, a region,
    a country) may also start where another place ends (`chained`) and end inside a
    token that goes on with a word of two or more characters or that began inside
    the match; a token-final 人 is allowed for all (沈阳人)."""
    text = ctx.text
    if not (start == 0 or ctx.is_token_start(start) or not _is_han(text[start - 1])
            or (strong and start in chained)):
        return False
    if end >= len(text) or ctx.is_token_end(end) or not _is_han(text[end]):
        return True
    tok = ctx.token_at(end)
    if tok is None:
        return True
    if text[end] in "人至" and tok[1] == end + 1:
        return True               # 沈阳人, 雄安至太原 (the segmenter glues 至 to the name)
    if not strong or text[tok[0]:tok[1]] in _NOT_AFTER:
        return False
    return tok[0] > start or tok[1] - end >= 2


# Tokens that straddle the end of a name and make another word: 沈阳市民 is 沈阳 + 市民.
_NOT_AFTER = frozenset(["市民", "市场", "市区", "市县", "省市", "县城", "县域", "州市", "区域",
                        "城区", "市级", "省级", "区级", "县级", "市长", "省长", "区长", "县长"])


def _strong(surface: str, entries: tuple[Entry, ...], gaz: "Gazetteer") -> bool:
    if surface in gaz.stop:
        return False
    return len(surface) >= 3 or all(e.level != "county" for e in entries)


def _ancestors(e: Entry) -> set[str]:
    return {c for c in (e.parent, e.province) if c}


def find_places(ctx: Context) -> list[Mention]:
    gaz = gazetteer()
    text = ctx.text
    raw = find_all_in(ctx, gaz.matcher)
    if ctx.lexicon:
        items = tuple(sorted(ctx.lexicon.of_type("place").items()))
        if items:
            raw += find_all(_lexicon_matcher(items), text)
    starts = ctx.token_start_set()
    n = len(text)
    chained = frozenset(e for s, e, v in raw if (s in starts or s == 0) and v[0].level != "landform")
    # on token boundaries at both ends: accepted whatever the surface (the common
    # case, decided without `_strong`); otherwise the full policy
    cands = [_Cand(s, e, v) for s, e, v in raw
             if ((s == 0 or s in starts) and (e >= n or e in starts))
             or _on_boundaries(ctx, s, e, _strong(text[s:e], v, gaz), chained)]
    # 盐田港, 盐田港区: a county's short form glued to 港 (the segmenter's word 盐田港)
    # is a candidate too; it counts only where the article names its city (_choose)
    taken = {(c.start, c.end) for c in cands}
    cands += [_Cand(s, e, v, port=True) for s, e, v in raw
              if e < n and text[e] == "港" and (s, e) not in taken and (s == 0 or s in starts)
              and any(x.level in ("county", "prefecture") for x in v)]
    cands += _zone_candidates(ctx, gaz, raw, chained, cands)
    cands += _named_zones(ctx, gaz, cands)
    cands += _province_short(ctx, gaz)

    # Context: divisions the article names without doubt (one reading, not a stop word).
    known: set[str] = set()
    for c in cands:
        if len(c.entries) == 1 and text[c.start:c.end] not in gaz.stop and c.entries[0].level != "landform" \
                and not c.port:
            e = c.entries[0]
            known.add(e.code)
            known |= _ancestors(e)

    # the candidates ending where a stop-word surface starts (its parent must be there)
    wanted = {c.start for c in cands if text[c.start:c.end] in gaz.stop}
    ending_at: dict[int, list[_Cand]] = {}
    for c in cands:
        if c.end in wanted:
            ending_at.setdefault(c.end, []).append(c)
    kept = [c for c in cands if _choose(c, text, gaz, known, ending_at.get(c.start, []))
            and not _landform_tail(ctx, gaz, c) and not _names_road(ctx, gaz, c)]
    landforms = [c for c in kept if c.chosen is not None and c.chosen.level == "landform"]
    kept = [c for c in kept if c.chosen is None or c.chosen.level != "landform"]
    kept += _landform_regions(text, gaz, landforms)
    subs = _subdivisions(ctx, gaz, kept) + _chains_alone(ctx, gaz, kept)
    subs += (_villages(ctx, gaz, kept, {text[c.start:c.end] for c in subs}) + _towns_alone(ctx, gaz, kept)
             + _long_suffix_alone(ctx, gaz, kept) + _foreign_divisions(ctx, gaz, kept))
    kept = _longest_first(kept + subs + _sub_repeats(ctx, subs, kept) + landforms
                          + _cities_after_country(ctx, kept) + _short_runs(ctx, kept))
    kept = [c for c in kept if c.chosen is None or c.chosen.level != "landform"]
    kept = _outside_events(ctx, gaz, kept)
    kept = [c for c in kept if not _quoted_alias(text, c)]
    # 长沙市委书记: 长沙市委 is an organization (the party committee); the place in it
    # is no mention, but its surface still names the place (长沙 → 长沙市).
    in_body, rest = [], []
    for c in kept:
        (in_body if _heads_party_body(ctx, c) or _heads_name(ctx, gaz, c) else rest).append(c)
    kept = rest

    # name: the fullest form of the same place in the article.
    longest: dict[str, str] = {}
    for c in kept + in_body:
        surface = text[c.start:c.end]
        key = _key(c)
        if len(surface) > len(longest.get(key, "")):
            longest[key] = surface
    out = []
    for c in kept:
        surface = text[c.start:c.end]
        e = c.chosen
        assert e is not None
        if e.form in ("lexicon", "province_short", "sub_short"):
            name = e.name
        elif e.form in ("zone_rule", "subdivision", "short_run"):
            name = surface
        else:
            name = longest.get(_key(c), surface)
        end = c.end
        if _CITY_AREA.match(text, end - 1) and len(surface) >= 3:
            # 郑州市区, 明天大连市区 (the segmenter: 郑州市/区): the city and 市区 (its urban
            # area), as 沈阳市民 is 沈阳 + 市民 (_NOT_AFTER); not 沈阳市区域, 市区县两级
            end -= 1
            surface = surface[:-1]
        out.append(Mention("place", c.start, end, surface, f"place.{e.form}", {"name": name}))
    return out


_CITY_AREA = compile_regex(r"市区(?![域县级划])")


def _key(c: _Cand) -> str:
    e = c.chosen
    assert e is not None
    if e.form in ("zone_rule", "subdivision", "sub_short"):
        return f"subdivision:{e.name}" if e.form == "sub_short" else f"{e.form}:{e.name}"
    if e.code.startswith(("region:", "country:", "zone:")):
        return e.code
    return e.code or f"surface:{e.name}"


def _choose(c: _Cand, text: str, gaz: Gazetteer, known: set[str], prev: list[_Cand]) -> bool:
    """Pick the reading of a candidate, or reject it (False)."""
    surface = text[c.start:c.end]
    entries = c.entries
    if len(entries) == 1 and entries[0].form in ("lexicon", "zone_rule", "province_short", "landform"):
        c.chosen = entries[0]
        return True
    if text.startswith("港", c.end):
        # 盐田港区, 南山港区, 经盐田港: a district's short form before 港 names the
        # district where the article names its city (a common word 南山 too)
        # (a city's name too: 经钦州港发往… where the article names its province)
        port = [e for e in entries if e.level in ("county", "prefecture") and e.parent in known]
        if len({e.code for e in port}) == 1:
            c.chosen = port[0]
            return True
    if c.port:
        return False              # 盐田港 with no 深圳 in the article: the port's name only
    if surface in gaz.stop:
        # Only right after its parent: 广州天河, 北京朝阳.
        for e in entries:
            if any(pe.code == e.parent for p in prev for pe in p.entries):
                c.chosen = e
                return True
        return False
    if len(entries) == 1:
        c.chosen = entries[0]
        return True
    # Several readings: those whose parent or province the article names.
    in_context = [e for e in entries if _ancestors(e) & known or e.code in known]
    pool = in_context or list(entries)
    best = min(LEVEL_RANK.get(e.level, -1) for e in pool)
    pool = [e for e in pool if LEVEL_RANK.get(e.level, -1) == best]
    if len({e.code for e in pool}) == 1:
        c.chosen = pool[0]
        return True
    if best < LEVEL_RANK["county"] or len({e.name for e in pool}) == 1:
        # Same level, same name (鼓楼 → 鼓楼区 ×4) or a city-level tie: a place either way.
        c.chosen = Entry("", pool[0].name if len({e.name for e in pool}) == 1 else surface,
                         pool[0].level, "", "", pool[0].form)
        return True
    return False


def _landform_tail(ctx: Context, gaz: Gazetteer, c: _Cand) -> bool:
    """山东 in 贺兰山东麓, 山西 in 小龙山西坡, 湖南 in 某湖南岸: a division name that opens
    with a landform character and ends with a direction is the tail of a landform's
    name when a Han character glues to it on the left and a landform part follows
    (rules/places.yaml `landform_glue`)."""
    text = ctx.text
    g = gaz.glue
    s, e = c.start, c.end
    if e - s != 2 or s == 0 or text[s] not in g["heads"] or text[s + 1] not in g["directions"]:
        return False
    left = text[s - 1]
    if not _is_han(left) or left in g["not_left"]:
        return False
    return text.startswith(tuple(g["parts"]), e) and not text.startswith(tuple(g["not_parts"]), e)


def _landform_regions(text: str, gaz: Gazetteer, landforms: list[_Cand]) -> list[_Cand]:
    """贺兰山东麓, 天山北坡: a landform, a direction and 麓/坡 name a region (a place;
    rules/places.yaml `landform_glue.region_tails`)."""
    g = gaz.glue
    out = []
    for c in landforms:
        e = c.end
        if text[e:e + 1] and text[e] in g["directions"] and text[e + 1:e + 2] and text[e + 1] in g["region_tails"]:
            out.append(_named(c.start, e + 2, text[c.start:e + 2], "region", "zone_rule"))
    return out


def _names_road(ctx: Context, gaz: Gazetteer, c: _Cand) -> bool:
    """山东 in 青岛山东路, 北京 in 北京东路: a place name followed by the segmenter's
    word 路/大道/东路… names a road (rules/places.yaml `road_words`)."""
    tok = ctx.token_at(c.end) if c.end < len(ctx.text) else None
    return tok is not None and tok[0] == c.end and ctx.text[tok[0]:tok[1]] in gaz.road_words


def _towns_alone(ctx: Context, gaz: Gazetteer, kept: list[_Cand]) -> list[_Cand]:
    """在日兴镇，…: a town or township named alone after a verb of place and before
    punctuation, in an article that names a county-level place (rules/places.yaml
    `town_alone`); the name and the suffix are words of their own."""
    if not any(c.chosen is not None and c.chosen.level == "county" for c in kept):
        return []
    text = ctx.text
    t = gaz.town_alone
    out = []
    for suffix in t["suffixes"]:
        p = text.find(suffix)
        while p >= 0:
            # 湖源乡：雷金花 (a list line of a 名单 or a transcript): the name opens its line
            head = p + 1 < len(text) and text[p + 1] in (t.get("head_after") or "")
            if p + 1 < len(text) and (text[p + 1] in t["after"] or head):
                tok = ctx.token_at(p)
                for k in (2, 3, 4):
                    s = p - k
                    name = text[s:p]
                    # 日兴/镇, 石/永镇, the word 石永镇; not 江南/古镇 (a generic word);
                    # 嘎/达布/其镇 (a Mongolian name of four characters)
                    if tok is not None and tok[0] != p and (
                            not s <= tok[0] < p or text[tok[0]:tok[1]] in t["generic"]):
                        continue
                    if s < 1 or not ctx.is_token_start(s) or not all(
                            _is_han(ch) and ch not in gaz.sub_stop_chars for ch in name):
                        continue
                    if name.startswith(gaz.village_generic) or name + suffix in gaz.sub_stop_words \
                            or (name + suffix).endswith(tuple(t["generic"])):
                        continue
                    if (head and text[s - 1] == "\n") or any(
                            text.endswith(w, 0, s) and (s == len(w) or not _is_han(text[s - len(w) - 1])
                                                        or ctx.is_token_start(s - len(w)))
                            for w in t["left"]):
                        out.append(_named(s, p + 1, text[s:p + 1]))
                        break
            p = text.find(suffix, p + 1)
    return out


@functools.lru_cache(maxsize=1)
def _foreign_division_re() -> "regex.Pattern[str]":
    spec = load_yaml("places.yaml")
    bad = regex.escape(spec.get("sub_stop_chars") or "")
    return compile_regex(rf"(?:(?![{bad}])\p{{Han}}){{2,5}}?(?:\L<suffix>)",
                         suffix=spec.get("foreign_division_suffixes") or ["省", "州"])


def _foreign_divisions(ctx: Context, gaz: Gazetteer, kept: list[_Cand]) -> list[_Cand]:
    """印尼西爪哇省, 美国加利福尼亚州: a foreign country's province or state right after
    the country (rules/places.yaml `foreign_division_suffixes`), ending a word."""
    text = ctx.text
    out = []
    for c in kept:
        e = c.chosen
        if e is None or e.level != "country" or e.name.startswith("中") or c.end >= len(text) \
                or not _is_han(text[c.end]):
            continue
        m = _foreign_division_re().match(text, c.end)      # bounded: at most 5 characters and a suffix
        if m is None or (m.end() < len(text) and _is_han(text[m.end()]) and not ctx.is_token_end(m.end())):
            continue
        out.append(_named(m.start(), m.end(), m.group()))
    return out


@functools.lru_cache(maxsize=1)
def _short_run_rules() -> tuple[frozenset[str], Matcher]:
    spec = load_yaml("places.yaml") or {}
    return frozenset(spec.get("short_run_chars") or ""), build_automaton(spec.get("short_run_after") or ["两省"])


share(lambda: _short_run_rules()[1])


def _short_runs(ctx: Context, kept: list[_Cand]) -> list[_Cand]:
    """湘鄂渝黔四省市交界, 川渝两地: provinces by their one-character short forms, two to
    six distinct ones in a row that start a word, right before a word that counts or
    joins them (rules/places.yaml `short_run_after`); 地区 stays in the name (云贵地区)."""
    chars, after = _short_run_rules()
    text = ctx.text
    out = []
    last = -1
    taken = None
    for a, e, _v in find_all_in(ctx, after):
        if a == last:
            continue
        last = a
        s = a
        while s > 0 and a - s < 6 and text[s - 1] in chars:
            s -= 1
        run = text[s:a]
        if len(run) < 2 or len(set(run)) < len(run):
            continue
        if not (s == 0 or not _is_han(text[s - 1]) or ctx.is_token_start(s)):
            continue
        if taken is None:
            taken = bytearray(len(text) + 1)
            for c in kept:
                taken[c.start:c.end] = b"\x01" * (c.end - c.start)
        if any(taken[s:a]):
            continue              # 辽宁地区, 粤港澳大湾区: a place the gazetteer knows
        end = e if text[a:e] == "地区" else a       # 云贵地区 as 西南地区; 川渝两地 → 川渝
        out.append(_named(s, end, text[s:end], "region", "short_run"))
    return out


@functools.lru_cache(maxsize=1)
def _country_cities() -> dict[str, tuple[str, ...]]:
    spec = load_yaml("places.yaml") or {}
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in (spec.get("country_cities") or {}).items()}


def _cities_after_country(ctx: Context, kept: list[_Cand]) -> list[_Cand]:
    """德国汉堡, 老挝万象: a foreign city whose name is also a common word, right after
    its own country's name and ending a word (rules/places.yaml `country_cities`)."""
    text = ctx.text
    out = []
    cities = _country_cities()
    for c in kept:
        e = c.chosen
        if e is None or e.level != "country" or e.name not in cities:
            continue
        city = next((w for w in cities[e.name] if text.startswith(w, c.end)), None)
        if city is None:
            continue
        end = c.end + len(city)
        if end < len(text) and _is_han(text[end]) and not ctx.is_token_end(end):
            continue              # 德国汉堡包: no city
        out.append(_named(c.end, end, city))
    return out


def _long_suffix_alone(ctx: Context, gaz: Gazetteer, kept: list[_Cand]) -> list[_Cand]:
    """2022年，巴彦宝力格嘎查牵头…: a township or village with a suffix that is no common
    word (苏木, 嘎查: rules/places.yaml `sub_long_suffixes`) is a place on its own where
    its name (two to five characters) starts a word after punctuation, a place or a verb
    of place, and is no generic phrase (牧区嘎查, 各苏木)."""
    text = ctx.text
    ends = {c.end for c in kept}
    dated = None
    out = []
    for suffix in gaz.sub_long:
        p = text.find(suffix)
        while p >= 0:
            if dated is None:         # (only in a text that holds such a suffix)
                dated = {i for m in ctx.mentions.get("date", ()) for i in range(m.start, m.end)}
            e = p + len(suffix)
            if e >= len(text) or not _is_han(text[e]) or ctx.is_token_end(e) or text.startswith(gaz.sub_long, e):
                for s in range(max(0, p - 5), p - 1):
                    name = text[s:p]
                    if not (ctx.is_token_start(s) or s in ends) or any(
                            ch in gaz.sub_stop_chars or not _is_han(ch) for ch in name):
                        continue
                    if name.startswith(gaz.village_generic) or _generic_sub(text[s:e], gaz) \
                            or any(i in dated for i in range(s, p)):
                        continue          # (今年嘎查集体经济收入: a date is no name)
                    if _opens_place(ctx, gaz, s, ends):
                        out.append(_named(s, e, text[s:e]))
                        break
            p = text.find(suffix, p + 1)
    return out


def _chains_alone(ctx: Context, gaz: Gazetteer, kept: list[_Cand]) -> list[_Cand]:
    """在大塘埠镇长安村的…, 在阿拉坦合力苏木巴彦宝力格嘎查的…: a town, township or street
    and one of its villages or communities right after it name each other; the chain
    is a place without its county before it where it starts a word after punctuation,
    a place, or a verb of place (rules/places.yaml `village_left`)."""
    text = ctx.text
    ends = {c.end for c in kept}
    out: list[_Cand] = []
    longest = 5  # a name before a long suffix (…苏木) has up to five characters, as sub_re reads it
    for suffix in gaz.sub_upper:
        p = text.find(suffix)
        while p >= 0:
            q = p + len(suffix)
            low = gaz.sub_re.match(text, q) if q < len(text) and _is_han(text[q]) else None
            if low is not None and low.group().endswith(gaz.sub_lower):
                for k in range(2, longest + 1):
                    s = p - k
                    if s < 0 or not _is_han(text[s]):
                        break
                    if not (ctx.is_token_start(s) or s in ends):
                        continue
                    if not _opens_place(ctx, gaz, s, ends):
                        continue
                    chain = _sub_chain(ctx, gaz, s)
                    if len(chain) == 2 and chain[0].end == q:
                        out += chain
                        break
            p = text.find(suffix, p + 1)
    return out


def _zone_candidates(ctx: Context, gaz: Gazetteer, raw: list, chained: frozenset[int],
                     cands: list[_Cand]) -> list[_Cand]:
    """A city or county followed by a zone suffix is one place: 苏州高新区, 沈阳经开区,
    厦门自贸片区; a city right before it belongs to it (武汉 + 东湖高新区)."""
    text = ctx.text
    city_before: dict[int, _Cand] = {}
    province_before: dict[int, _Cand] = {}
    for c in cands:
        flags = _levels(c.entries)
        if flags & _PREFECTURE:
            city_before.setdefault(c.end, c)
        # a municipality (重庆, 上海) is a city here; a province before a zone stays apart
        if flags & _MUNICIPALITY:
            province_before[c.end] = c
    known = None                  # the spans of the raw matches, built when first needed
    out = []
    zone_by_first = _by_first_char(gaz.zone_suffixes)
    for start, end, entries in raw:
        flags = _levels(entries)
        if flags & _ALL_ZONE:
            # 重庆 + 两江新区, 四川 + 天府新区: a zone named after its host is one place
            host = city_before.get(start) or province_before.get(start)
            # (南京市江北新区 with the full city name reads as city + zone: two places)
            if host is not None and text[host.start:host.end] not in gaz.stop \
                    and text[host.end - 1] not in "省市":
                out.append(_Cand(host.start, end, (Entry("", text[host.start:end], "zone", "", "", "zone_rule"),)))
            continue
        if not flags & _DIVISION:
            continue
        if text[start:end] in gaz.stop:
            continue
        for suffix in zone_by_first.get(text[end:end + 1], zone_by_first[""]):
            zend = end + len(suffix)
            if text.startswith(suffix, end) and _on_boundaries(ctx, start, zend, True, chained):
                zstart = start
                city = city_before.get(start)
                if city is not None and known is None:
                    known = {(s, e) for s, e, _ in raw}
                if city is not None and (start, zend) not in known and not any(
                        e.parent in {ce.code for ce in city.entries} for e in entries):
                    zstart = city.start   # 东湖 is no district of 武汉: 武汉东湖高新区 is one name
                if zstart >= 2 and text[zstart - 2:zstart] in gaz.zone_pair_prefixes \
                        and (zstart == 2 or not _is_han(text[zstart - 3]) or ctx.is_token_start(zstart - 2)):
                    zstart -= 2           # 中哈霍尔果斯国际边境合作中心
                out.append(_Cand(zstart, zend, (Entry("", text[zstart:zend], "zone", "", "", "zone_rule"),)))
                break
    return out


def _named_zones(ctx: Context, gaz: Gazetteer, cands: list[_Cand]) -> list[_Cand]:
    """A city, a name of two or three characters and a zone suffix are one place:
    海口江东新区, 合肥新站高新区 (the name starts a word and is no verb or
    determiner: 成都加快新区建设 is none; rules/places.yaml `named_zone`)."""
    text = ctx.text
    n = len(text)
    out = []
    for c in cands:
        if not _levels(c.entries) & (_PREFECTURE | _MUNICIPALITY):
            continue
        e0 = c.end
        if not (text.startswith(gaz.named_zone_suffixes, e0 + 2) or text.startswith(gaz.named_zone_suffixes, e0 + 3)):
            continue              # no zone suffix 2-3 characters on: no named zone
        if text[c.start:e0] in gaz.stop or e0 >= n or not ctx.is_token_start(e0) or text[e0 - 1] in "省市":
            continue              # (南京市江北新区 with the full city name: city + zone, two places)
        for k in (2, 3):
            mid = text[e0:e0 + k]
            if len(mid) < k or not all(_is_han(ch) and ch not in gaz.sub_stop_chars for ch in mid):
                break
            if mid.startswith(gaz.named_zone_stop):
                break
            suffix = next((x for x in gaz.named_zone_suffixes if text.startswith(x, e0 + k)), None)
            if suffix is None or not ctx.is_token_start(e0 + k) and not ctx.is_token_start(e0 + k + 1):
                continue
            end = e0 + k + len(suffix)
            if end < n and _is_han(text[end]) and not ctx.is_token_end(end):
                continue
            out.append(_Cand(c.start, end, (Entry("", text[c.start:end], "zone", "", "", "zone_rule"),)))
            break
    return out


_PREFECTURE, _MUNICIPALITY, _ALL_ZONE, _DIVISION = 1, 2, 4, 8
_LEVELS: dict[int, tuple] = {}


def _levels(entries: tuple[Entry, ...]) -> int:
    """Level flags of a reading tuple (the automaton's values: the same tuple
    objects recur), computed once per tuple: _PREFECTURE (a reading is a
    prefecture), _MUNICIPALITY (a province named …市), _ALL_ZONE (non-empty and
    all zones), _DIVISION (a province, prefecture or county reading)."""
    hit = _LEVELS.get(id(entries))
    if hit is not None and hit[0] is entries:
        return hit[1]
    flags = ((_PREFECTURE if any(e.level == "prefecture" for e in entries) else 0)
             | (_MUNICIPALITY if any(e.level == "province" and e.name.endswith("市") for e in entries) else 0)
             | (_ALL_ZONE if entries and all(e.level == "zone" for e in entries) else 0)
             | (_DIVISION if any(e.level in ("prefecture", "county", "province") for e in entries) else 0))
    if len(_LEVELS) > 50_000:
        _LEVELS.clear()
    _LEVELS[id(entries)] = (entries, flags)
    return flags


@functools.lru_cache(maxsize=4)
def _by_first_char(words: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The words grouped by their first character, in their order (an empty word
    starts anywhere: it goes in every group), so that only words that can start
    at a position are tried there."""
    firsts = {w[0] for w in words if w}
    groups: dict[str, tuple[str, ...]] = {c: tuple(w for w in words if not w or w[0] == c) for c in firsts}
    groups[""] = tuple(w for w in words if not w)      # any other character
    return groups


def _heads_party_body(ctx: Context, c: _Cand) -> bool:
    """长沙市 in 长沙市委书记, 广东省 in 广东省委常委 (the segmenter reads 市委 as one word)."""
    text = ctx.text
    if text[c.end:c.end + 1] in ("省", "市", "县", "区", "州") and \
            text.startswith(("委书记", "委副书记", "委常委"), c.end + 1):
        return True               # 哈尔滨 + 市委书记
    if c.end - c.start < 3 or text[c.end - 1] not in "省市县区州" or not text.startswith("委", c.end):
        return False
    if text.startswith(("委书记", "委副书记", "委常委"), c.end):
        return True               # 延边州委书记 (the segmenter may keep 延边州 whole)
    last = ctx.token_at(c.end - 1)
    return last is not None and last[0] == c.end - 1


_QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』", '"': '"'}


def _quoted_alias(text: str, c: _Cand) -> bool:
    """“玄武”第五代电池, “长安”号: a division's short form alone in quotation marks
    names a product, brand or ship, not the place."""
    e = c.chosen
    if e is None or e.form != "alias" or c.start == 0 or c.end >= len(text):
        return False
    close = _QUOTES.get(text[c.start - 1])
    return close is not None and text[c.end] == close


def _heads_name(ctx: Context, gaz: Gazetteer, c: _Cand) -> bool:
    """东莞 in 东莞证券分析师, 林芝 in 林芝台记者, 中卫 in 中卫数据中心集群: a place right
    before a name head (rules/places.yaml) opens the name of a bank, broker, medium or
    cluster; it is no mention of its own (but 广东银行业, 上海证券市场 are the place's)."""
    first = gaz.name_head_first
    if first is not None and ctx.text[c.end:c.end + 1] not in first:
        return False              # no name head starts there
    m = gaz.name_head_re.match(ctx.text, c.end, timeout=MATCH_TIMEOUT)
    return m is not None and (c.end - c.start >= 2)


def _province_short(ctx: Context, gaz: Gazetteer) -> list[_Cand]:
    """在粤投资, 来鲁发展, 已在川投资: a one-character province right after 在/来/赴…
    (a word of its own) and before 投资, 发展, 企业… (rules/places.yaml)."""
    text = ctx.text
    out = []
    for m in _short_matches(ctx, gaz):
        p = m.start()
        if not (p - 1 == 0 or ctx.is_token_start(p - 1) or not _is_han(text[p - 2])):
            continue              # 存在 + 鲁…: the 在 ends another word
        name = gaz.province_short[m.group()]
        out.append(_Cand(p, p + 1, (Entry(f"short:{name}", name, "province", "", "", "province_short"),)))
    return out


def _short_matches(ctx: Context, gaz: Gazetteer):
    """`gaz.short_re.finditer(text)`: its one-character matches are tried only right
    after a `short_before` word followed by a province character (shared pass)."""
    if gaz.short_ac is None:
        yield from gaz.short_re.finditer(ctx.text, timeout=MATCH_TIMEOUT)
        return
    for p in sorted({e - 1 for _s, e, _v in find_all_in(ctx, gaz.short_ac)}):
        m = gaz.short_re.match(ctx.text, p)    # one character and two word lists: no timeout
        if m is not None:
            yield m


def _outside_events(ctx: Context, gaz: Gazetteer, kept: list[_Cand]) -> list[_Cand]:
    """Places inside a named event (第二十三届中国国际投资贸易洽谈会, 中国国际进口博览会)
    are part of its name, not mentions of their own."""
    text = ctx.text
    spans = [m.span() for m in gaz.event_re.finditer(text, timeout=MATCH_TIMEOUT)]
    inside = set()
    for c in kept:
        if text.startswith("国际", c.end) and gaz.event_tail_re.match(text, c.end, timeout=MATCH_TIMEOUT):
            inside.add(id(c))
    if spans:
        starts = [s for s, _ in spans]
        for c in kept:
            i = bisect.bisect_right(starts, c.start) - 1
            if i >= 0 and spans[i][0] <= c.start and c.end <= spans[i][1]:
                inside.add(id(c))
    return [c for c in kept if id(c) not in inside]


def _subdivisions(ctx: Context, gaz: Gazetteer, kept: list[_Cand]) -> list[_Cand]:
    """Towns, streets, villages right after their county or city (余杭区仓前街道),
    a village or community right after its town or street (巴宜区鲁朗镇扎西岗村),
    the seat town after 县城 (在县城洋口镇, 如东县城掘港街道)."""
    text = ctx.text
    starts: dict[int, int] = {}
    for c in kept:
        starts[c.start] = max(starts.get(c.start, 0), c.end)
    out = []
    for c in kept:
        e = c.chosen
        if e is None or e.level not in ("prefecture", "county"):
            continue
        if c.end in starts:
            # 那坡县那坡镇: a town named like its county is longer than the county's short form
            m = gaz.sub_re.match(text, c.end)
            if m is None or m.end() <= starts[c.end]:
                continue
        if text.startswith(gaz.seat_word[-1], c.end) and text.endswith(gaz.seat_word[:-1], c.start, c.end) \
                and _seat_chain(ctx, gaz, c.end + 1):
            continue              # 如东县城…: the seat below (宁乡县城关镇: 城关镇 after 宁乡县)
        chain = _sub_chain(ctx, gaz, c.end)
        if not chain and e.level == "county":
            chain = _island(ctx, gaz, c.end)
        out += chain
    pos = text.find(gaz.seat_word)
    while pos >= 0:
        chain = _seat_chain(ctx, gaz, pos + len(gaz.seat_word))
        if chain and pos + len(gaz.seat_word) not in starts:
            out += chain
        pos = text.find(gaz.seat_word, pos + 1)
    return out


def _seat_chain(ctx: Context, gaz: Gazetteer, pos: int) -> list[_Cand]:
    """The seat after 县城 (在县城洋口镇): a town or street named by two characters or
    more (县城关镇 is 县 + 城关镇, not 县城 + 关镇)."""
    chain = _sub_chain(ctx, gaz, pos, seat=True)
    if chain and chain[0].end - chain[0].start - next(
            len(x) for x in gaz.sub_upper if ctx.text.endswith(x, 0, chain[0].end)) < 2:
        return []
    return chain


def _island(ctx: Context, gaz: Gazetteer, pos: int) -> list[_Cand]:
    """建邺区江心洲, 崇明区长兴岛: a river island or island of two or three characters
    + 洲/岛 right after its county-level district, a word of its own
    (rules/places.yaml `islands`; 绿洲, 半岛 are no names)."""
    text = ctx.text
    isl = gaz.islands
    if not ctx.is_token_start(pos):
        return []
    for k in (2, 3):
        e = pos + k + 1
        if e > len(text) or text[e - 1] not in isl["suffixes"]:
            continue
        name = text[pos:e]
        if not all(_is_han(ch) and ch not in gaz.sub_stop_chars for ch in name[:-1]):
            return []
        if name.endswith(tuple(isl["generic"])):
            return []
        if e < len(text) and _is_han(text[e]) and not ctx.is_token_end(e):
            continue
        return [_named(pos, e, name)]
    return []


def _generic_sub(word: str, gaz: Gazetteer) -> bool:
    """A common noun shaped like a town or village name: a stop word (乡村, 城镇),
    a phrase ending in one (长沙市新增城镇就业: 新增城镇; 石城镇 with a one-character
    name is a town), or a suffix word named by another (武汉市街道社区干部)."""
    if word in gaz.sub_stop_words:
        return True
    if len(word) >= 4 and word[-2:] in gaz.town_alone["generic"]:
        return True               # 如东县旅游小镇, 县特色小镇: a kind of town, no name
    for k in (2, 3):
        if len(word) - k >= 2 and word[-k:] in gaz.sub_stop_words:
            return True
    suffix = next(x for x in gaz.sub_upper + gaz.sub_lower if word.endswith(x))
    return word[:-len(suffix)].endswith(gaz.sub_upper + gaz.sub_lower)


def _sub_chain(ctx: Context, gaz: Gazetteer, pos: int, seat: bool = False) -> list[_Cand]:
    """One or two names below county level from `pos`: a town, street or village,
    then a village or community of the town (鲁朗镇扎西岗村). The last one must end
    a word (its end is a token end or no Han character follows); after 县城 the first
    must be a town or street."""
    text = ctx.text
    spans: list[tuple[int, int]] = []
    for _ in range(2):
        first = gaz.sub_first
        if first is not None and text[pos + 1:pos + 2] not in first \
                and text[pos + 2:pos + 3] not in first and text[pos + 3:pos + 4] not in first \
                and not (text[pos + 4:pos + 5] in first or text[pos + 5:pos + 6] in first):
            break                 # no suffix can start 1-5 characters on: sub_re cannot match
        m = gaz.sub_re.match(text, pos)      # bounded (at most 3 characters and a suffix)
        if m is None or _generic_sub(m.group(), gaz):
            break
        word = m.group()
        if spans and not word.endswith(gaz.sub_lower):
            break
        if seat and not spans and not word.endswith(gaz.sub_upper):
            break
        spans.append(m.span())
        if not word.endswith(gaz.sub_upper):
            break
        pos = m.end()
    while spans and spans[-1][1] < len(text) and not ctx.is_token_end(spans[-1][1]) \
            and _is_han(text[spans[-1][1]]) and not _named_after_itself(text, gaz, *spans[-1]):
        spans.pop()
    out = []
    for s, e in spans:
        out.append(_named(s, e, text[s:e]))
    return out


def _named_after_itself(text: str, gaz: Gazetteer, s: int, e: int) -> bool:
    """加榜乡加榜梯田, 西江镇西江千户苗寨: a town or village followed by a sight named
    after it (the name without its suffix, two characters or more, opens what follows)
    ends there, whatever the segmenter joined across the suffix."""
    word = text[s:e]
    suffix = next((x for x in gaz.sub_upper + gaz.sub_lower if word.endswith(x)), "")
    stem = word[:len(word) - len(suffix)]
    return bool(suffix) and len(stem) >= 2 and text.startswith(stem, e)


def _sub_repeats(ctx: Context, subs: list[_Cand], kept: list[_Cand]) -> list[_Cand]:
    """A town or village found once (如东县洋口镇) is a place wherever the article
    writes it again as a word of its own (洋口镇的风电产业…)."""
    text = ctx.text
    ends = {c.end for c in kept} | {c.end for c in subs}
    out = []
    if not subs:
        return out
    found = {(c.start, c.end) for c in subs}
    words = {text[c.start:c.end]: text[c.start:c.end] for c in subs}
    # 巴彦宝力格嘎查 … 不只是巴彦宝力格。: a long name (four characters or more) without
    # its suffix, closed by punctuation, is the same place
    short = {}
    for w in words:
        suffix = next((x for x in _SUB_SUFFIXES if w.endswith(x)), "")
        if suffix and len(w) - len(suffix) >= 4 and w[:-len(suffix)] not in words:
            short[w[:-len(suffix)]] = w
    # one pass for all the surfaces (an automaton: many distinct names stay linear)
    for p, e, _full in find_words({**words, **short}, text):
        if (p, e) in found:
            continue
        surface = text[p:e]
        full = short.get(surface)
        if full is not None and (e < len(text) and (_is_han(text[e]) or text[e].isalnum())):
            continue
        if (p == 0 or not _is_han(text[p - 1]) or ctx.is_token_start(p) or p in ends) and \
                (e >= len(text) or not _is_han(text[e]) or ctx.is_token_end(e)):
            if full is not None:
                out.append(_named(p, e, full, form="sub_short"))
            else:
                out.append(_named(p, e, surface))
    return out


_SUB_SUFFIXES = ("街道", "社区", "苏木", "嘎查", "镇", "乡", "村")


def _villages(ctx: Context, gaz: Gazetteer, kept: list[_Cand], named: set[str] = frozenset()) -> list[_Cand]:
    """A village or community named on its own where the words after it say what it
    is (扎西岗村党支部书记, 余村村民, 牡丹社区等7个社区): a name of two to four
    characters that starts a word after a punctuation mark, a place, or a verb of
    place (在, 来到, 走进…), and is no generic phrase (贫困村, 广大社区)."""
    text = ctx.text
    ends = {c.end for c in kept}
    out = []
    for m in gaz.village_re.finditer(text, timeout=MATCH_TIMEOUT):
        p = m.start()             # where the suffix 村/社区/镇… starts
        suffix = m.group()
        e = p + len(suffix)
        # 联合贡江镇人民政府 after 于都县贡江镇: a town the article named before is that town
        again = next((s for s in range(max(0, p - 4), p - 1) if text[s:e] in named), None) if named else None
        if again is not None:
            out.append(_named(again, e, text[again:e]))
            continue
        for s in range(max(0, p - 4), p - 1):
            name = text[s:p]
            if not ctx.is_token_start(s) and s not in ends:
                continue
            if any(ch in gaz.sub_stop_chars or not _is_han(ch) for ch in name):
                continue
            if name.startswith(gaz.village_generic) or name + suffix in gaz.sub_stop_words:
                continue
            if not _opens_place(ctx, gaz, s, ends):
                continue
            e = p + len(suffix)
            out.append(_named(s, e, text[s:e]))
            break
    return out


def _longest_first(cands: list[_Cand]) -> list[_Cand]:
    """Of overlapping candidates the longest wins (the earlier on a tie)."""
    kept: list[_Cand] = []
    taken = bytearray(max((c.end for c in cands), default=0) + 1)
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if 1 in taken[c.start:c.end]:
            continue
        kept.append(c)
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
    kept.sort(key=lambda c: c.start)
    return kept
