"""Find company mentions: full names, short and brand names, one canonical name.

Five sources of candidates, then one merge:
  1. full names anchored on a legal form or business suffix (有限公司, 集团, 总厂…,
     `rules/company-suffixes.txt`), the left edge from the tokens and the context
     (`namespan.left_edge`), place prefixes and bracketed places kept
     (莱克电气绿能科技（苏州）有限公司); generic phrases rejected (上市公司, 跨国公司,
     农民专业合作社, 专业合作社120家, 三大石油公司); an anonymized name keeps 某 and the place
     before it (赣州某燃气设备有限公司); a rural bank only after a place (常熟农商银行,
     `rules/company-place-suffixes.txt`; not 辖内农商银行);
  2. lexicon names: listed A-share companies (short and full names,
     `rules/companies-listed.tsv`), well-known unlisted ones
     (`rules/companies-wellknown.tsv`) and the user's `--lexicon` companies.
     Listed short names that are common words or places (机器人, 阳光, 张家界,
     `rules/companies-ambiguous.txt`) count only when the article confirms them
     (a company context, or the company's full name in the article); a group's
     bureau (中建三局, 中铁大桥局) or regional power company (国网江苏电力) is one name;
  3. aliases derived from the full names found in the same article: the place
     prefix, the legal form and trailing industry words dropped
     (沈阳新松机器人自动化股份有限公司 -> 新松机器人自动化 -> 新松机器人);
  4. names in company contexts: 以X、Y等为龙头/链主/代表, X、Y等(N家)企业, X、Y两家企业,
     X、Y等N个项目 (when one item looks like a company), N家企业X、Y, 企业——X,
     X启动上市辅导, X董事长, 旗下的X (these three for brand + industry word names:
     雷神科技, 小鹏汽车, 极氪汽车); a financial institution's short name before a
     role or verb (东莞证券分析师, 东莞银行行长/表示; `rules/company-financial.yaml`);
     the article's own 以下简称“X” (also with a stock code or an English name in the
     brackets: （以下简称“澜芯股份”，688729）); a name right before its stock code in
     brackets (柳工（000528.SZ）, 澜海科技（688999）) or after 证券简称：; a name so
     confirmed is then found everywhere in the article, also right after a date (8月27日华岳精密);
  5. Latin-letter names (`rules/company-latin.yaml`): capitalised words ending in a
     legal form (HK Harbour Logistics Holdings, Apple Inc.), or in an industry word when
     paired in brackets with a Chinese company name (SZ Fastlink Logistics（深圳速联
     国际物流有限公司）); a paired one takes the Chinese name's key.
A date and a time word are no part of a name (春节假期后公司: none), nor is a party
word ending in 方 (项目业主方江苏海缘新能源有限公司, `rules/company-party-words.txt`).
Each candidate carries an entity key (the registered full name where known);
`name` is the fullest form of that entity found in the article.
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

import regex

from ..regex_cache import compile_regex
from ..ruleset import MATCH_TIMEOUT, load_lines, load_tsv, load_yaml
from .base import Context, Mention
from .gazetteer import Matcher, build_automaton, find_all, find_all_in, find_words, finditer_at, share, user_matcher
from .namespan import (FUNCTION_CHARS, NAME_TOKEN, cut_after_connector, is_name_word, is_subsequence, left_edge,
                       right_edge, token_index, word_flags)

QUOTES = "“”\"'‘’《》「」『』"
# brackets normalized for comparing names (news uses both forms)
_BRACKETS = str.maketrans({"(": "（", ")": "）"})
# 集团化, 公司制: the suffix is part of another word
_SUFFIX_CONTINUES = frozenset("化制军式内外")
# what may follow a project-list item: 协鑫光伏二期 -> 协鑫光伏
_PHASE = compile_regex(r"(?:[一二三四五六七八九十\d]+期)+$")
# heads that make a list item a project, place or organization, not a company
_NOT_COMPANY_END = compile_regex(
    r"(?:项目|基地|园区|产业园|工业园|园|工程|中心|城|区|县|市|省|镇|乡|村|街道|线|站|港|场|馆|"
    r"大学|学院|学校|医院|研究院|研究所|实验室|局|厅|委|部|办|会|院|所|机构|平台|行动|计划)$")


@dataclass(frozen=True)
class Lexicons:
    suffixes: Matcher
    shipped: Matcher            # surface -> key (registered full name)
    shipped_keys: dict
    ambiguous: frozenset
    industry: tuple             # longest first
    generic: frozenset
    stops: frozenset
    places: Matcher
    place_set: frozenset
    list_heads: tuple           # longest first
    roles: tuple
    place_brand: frozenset      # 航空, 地铁: a place and this word name a company
    products: frozenset         # 小吃, 米粉: a place and this word name a product (沙县小吃)
    countries: tuple            # foreign countries (新加坡, 美国), longest first
    generic_abbr: frozenset     # generic words and 城投, 交投…: generic before a bare 公司
    determiners: frozenset      # 这是/部分/各/该 before a bare 公司: no name
    departments: "regex.Pattern[str]"   # 党群工作部 after a short name: a department
    financial: "regex.Pattern[str]"     # 证券/银行… before a role or verb (东莞证券分析师)
    financial_generic: frozenset        # 商业(银行), 私募(基金): kinds, not names; with the generic words
    latin_legal: frozenset              # Holdings, Ltd., Inc.: a Latin name ending in one is a company
    latin_business: frozenset           # Logistics, Technology: only when paired with a Chinese name


@functools.lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    shipped: dict[str, str] = {}
    for name in ("companies-listed.tsv", "companies-wellknown.tsv"):
        for row in load_tsv(name):
            shipped[row["surface"]] = row["name"].translate(_BRACKETS)
    # a hand-picked well-known name (万科) is a company wherever it stands
    wellknown = {row["surface"] for row in load_tsv("companies-wellknown.tsv")}
    places = load_lines("place-prefixes.txt")
    return Lexicons(
        suffixes=build_automaton(load_lines("company-suffixes.txt")),
        shipped=build_automaton(shipped),
        shipped_keys=shipped,
        ambiguous=frozenset(load_lines("companies-ambiguous.txt")) - wellknown,
        industry=tuple(sorted(load_lines("company-industry-words.txt"), key=len, reverse=True)),
        generic=frozenset(load_lines("company-generic.txt")),
        stops=(frozenset(load_lines("name-left-stops.txt")) | frozenset(load_lines("company-party-words.txt"))
               | frozenset(load_lines("company-left-stops.txt"))),
        places=build_automaton(places),
        place_set=frozenset(places),
        list_heads=tuple(sorted(load_lines("company-list-heads.txt"), key=len, reverse=True)),
        roles=tuple(sorted(load_lines("company-list-roles.txt"), key=len, reverse=True)),
        place_brand=frozenset(load_lines("company-place-brand-words.txt")),
        products=frozenset(load_lines("company-product-words.txt")),
        generic_abbr=frozenset(load_lines("company-generic.txt")) | frozenset(
            load_lines("company-sector-abbreviations.txt")),
        determiners=frozenset(load_lines("company-determiners.txt")),
        departments=compile_regex(r"\L<d>(?!\p{Han})",
                                  d=sorted(load_lines("company-departments.txt"), key=len, reverse=True)),
        financial=compile_regex(r"(?:\L<s>)(?=\L<c>)", s=_financial()["suffixes"], c=_financial()["cues"]),
        financial_generic=frozenset(_financial()["generic"]) | frozenset(load_lines("company-generic.txt")),
        latin_legal=frozenset(load_yaml("company-latin.yaml")["legal"]),
        latin_business=frozenset(load_yaml("company-latin.yaml")["business"]),
        countries=tuple(sorted((r["surface"] for r in load_tsv("places_regions.tsv")
                                if r.get("kind") == "country" and not r["surface"].startswith("中")),
                               key=len, reverse=True)),
    )


@functools.lru_cache(maxsize=1)
def _financial() -> dict:
    return load_yaml("company-financial.yaml")


# matched over whole documents in the shared pass (gazetteer.share)
share(lambda: lexicons().suffixes)
share(lambda: lexicons().shipped)


@dataclass
class Cand:
    start: int
    end: int
    rule: str
    key: str
    full: bool = False          # a registered-style full name (legal form)


def norm(name: str) -> str:
    return name.translate(_BRACKETS)


# ---------------------------------------------------------------- helpers

def _tokens_in(ctx: Context, start: int, end: int) -> list[str]:
    """The words of text[start:end], cut at token boundaries."""
    out = []
    tokens, text = ctx.tokens, ctx.text
    i = token_index(ctx, start)
    n = len(tokens)
    while i < n:
        s, e = tokens[i]
        if s >= end:
            break
        out.append(text[s if s > start else start:e if e < end else end])
        i += 1
    return out


def is_generic(ctx: Context, start: int, end: int, lex: Lexicons) -> bool:
    """True when text[start:end] is made only of generic words, counts or places
    (上市, 跨国, 头部, 两家; 沈阳)."""
    words = _tokens_in(ctx, start, end)
    if not words:
        return True
    generic = lex.generic
    for w in words:
        if w in generic or word_flags(w) & 2 or _NUMBER.fullmatch(w):     # 2: a count (COUNT)
            continue
        return False
    return True


def _strip_place(core: str, lex: Lexicons, times: int = 2) -> str:
    """Drop a leading place name (twice: 江苏苏州…) if a name part of 2+ chars that is
    not all generic words remains (重庆长安汽车 -> 长安汽车, not 汽车)."""
    for _ in range(times):
        best = next((k for k in range(min(8, len(core)), 1, -1) if core[:k] in lex.place_set), 0)
        if best and len(core) - best >= 2 and not _all_generic(core[best:], lex):
            core = core[best:]
        else:
            break
    return core


def derive_aliases(full: str, lex: Lexicons) -> list[str]:
    return list(_derive_aliases(full))


@functools.lru_cache(maxsize=4096)
def _derive_aliases(full: str) -> tuple[str, ...]:
    return tuple(_derive(full, lexicons()))


def _derive(full: str, lex: Lexicons) -> list[str]:
    # 福建沙县小吃集团有限公司 -> not 沙县小吃: a place and a product word name the product
    return [a for a in _derive_forms(full, lex) if a[len(_place_prefix(a, lex)):] not in lex.products]


def _derive_forms(full: str, lex: Lexicons) -> list[str]:
    """Short forms of a full name, longest first:
    沈阳新松机器人自动化股份有限公司 -> [新松机器人自动化, 新松机器人] (两-character
    brands like 新松 are too often ordinary words to match on their own).
    A form made only of industry and generic words is no name (西安市轨道交通集团 ->
    not 轨道交通; 湖北省交通投资集团 -> not 交通投资). When nothing but such words
    follows the place, the place stays only before a bare place name and one word
    that names a company in such a pair (`rules/company-place-brand-words.txt`:
    海南航空, 武汉地铁; not 浙江省能源, 河南投资)."""
    if _SOME_CHAR in full:
        return []                 # 赣州某燃气设备有限公司: an anonymized name has no short form
    b = _BUREAU_FULL.match(full)
    if b:
        return [b.group(1) + b.group(2) + (b.group(3) or "")[:1] + "局"]
    core = full
    cut = min((s for s, e, _v in find_all(lex.suffixes, core) if e == len(core)), default=len(core))
    core = core[:cut]
    core = _BRACKETED.sub("", core)
    out: list[str] = []
    place = _place_prefix(core, lex)
    if not _all_generic(core[len(place):], lex):
        bases = [_strip_place(core, lex)]
        # 新疆天山瑞驰新材料有限公司: a second place word (天山) may be the brand's own
        # first word; the forms that keep it are short names as well (天山瑞驰)
        once = _strip_place(core, lex, times=1)
        if once != bases[0]:
            bases.append(once)
        for i, base in enumerate(bases):
            # (a form with the second place must keep a name part after it: not 杭州余杭)
            keep = len(once) - len(bases[0]) if i else 0
            if len(base) >= 3 and base != full and base not in out:
                out.append(base)
            while True:
                for w in lex.industry:
                    if base.endswith(w) and len(base) - len(w) >= 2 + keep:
                        base = base[: -len(w)]
                        break
                else:
                    break
                if len(base) >= 3 and not _all_generic(base, lex) and base not in out \
                        and base[keep:] not in lex.place_set:
                    out.append(base)
        return out
    # nothing but industry words after the place: 海南航空控股 -> 海南航空
    if not place or place[-1] in _LEVEL_CHARS:
        return out
    rest = core[len(place):]
    while rest and rest not in lex.place_brand:
        for w in lex.industry:
            if rest.endswith(w) and len(rest) > len(w):
                rest = rest[: -len(w)]
                break
        else:
            break
    if rest in lex.place_brand:
        out.append(place + rest)
    return out


def _trade_after(full: str, alias: str, lex: Lexicons, trades: dict) -> None:
    """Note the X业 trade word that follows `alias` in `full` (保靖黄金 -> 茶业 in
    湖南保靖黄金茶业股份有限公司): the alias before the bare product (保靖黄金茶) is no firm."""
    i = full.find(alias)
    if i < 0:
        return
    rest = full[i + len(alias):]
    w = next((w for w in lex.industry if rest.startswith(w)), "")
    if len(w) == 2 and w[1] == "业":
        trades.setdefault(alias, w)


def _place_prefix(core: str, lex: Lexicons) -> str:
    """The leading place name of `core`, whatever follows."""
    best = next((k for k in range(min(8, len(core)), 1, -1) if core[:k] in lex.place_set), 0)
    return core[:best]


_LEVEL_CHARS = frozenset("省市县区州盟旗镇乡")


def _all_generic(word: str, lex: Lexicons) -> bool:
    """True when `word` splits into generic and industry words only (航空控股)."""
    words = _GENERIC_WORDS.get(id(lex))
    if words is None:
        words = _GENERIC_WORDS[id(lex)] = lex.generic | frozenset(lex.industry)
    return _all_words(word, words)


_GENERIC_WORDS: dict[int, frozenset] = {}


def _all_words(word: str, words: frozenset) -> bool:
    """True when `word` splits into `words` (of up to six characters) only."""
    ok = [True] + [False] * len(word)
    for i in range(1, len(word) + 1):
        ok[i] = any(ok[j] and word[j:i] in words for j in range(max(0, i - 6), i))
    return ok[-1]


def _org_branch(text: str, start: int, s: int) -> bool:
    """The part before a branch suffix begins with a known organization (中国人民银行)."""
    from .organizations import lexicons as org_lexicons

    return any(hs == 0 and he < s - start
               for hs, he, _k in find_all(org_lexicons().lexicon, text[start:s]))


def _known_organization(name: str) -> bool:
    """中国人民银行, 世界银行: a name the organizations lexicon knows."""
    from .organizations import lexicons as org_lexicons

    return name in org_lexicons().lexicon_keys


def _ends_a_name(left: str) -> bool:
    from .organizations import ends_a_name

    return ends_a_name(left)


def _boundary_ok(ctx: Context, start: int, end: int, date_ends: frozenset = frozenset()) -> bool:
    """A lexicon hit must not cut a word: its start begins a token (or follows a
    non-name character, a function word or a date: 8月27日华岳精密, cut 日华岳/精密)
    and its end ends one."""
    text = ctx.text
    left = (start == 0 or not is_name_word(text[start - 1]) or ctx.is_token_start(start)
            or start in date_ends
            # 从宁德时代 read as one word: a function character glued to the name
            or (text[start - 1] in FUNCTION_CHARS and ctx.is_token_start(start - 1)))
    right = end == len(text) or not is_name_word(text[end]) or ctx.is_token_end(end) \
        or _function_glued(ctx, start, end)
    return left and right


def _function_glued(ctx: Context, start: int, end: int) -> bool:
    """东风柳汽向沙特出口 cut 东风/柳汽向: a function character (向, 在, 与…) that the
    segmenter glued to the end of a name ends it, when the token holding it began
    inside the name."""
    if ctx.text[end] not in FUNCTION_CHARS or not ctx.is_token_end(end + 1):
        return False
    tok = ctx.token_at(end)
    return tok is not None and start < tok[0] < end and tok[1] == end + 1


# ---------------------------------------------------------------- 1. full names

def full_names(ctx: Context, lex: Lexicons) -> list[Cand]:
    text = ctx.text
    by_end: dict[int, int] = {}
    for s, e, _v in find_all_in(ctx, lex.suffixes):
        if e not in by_end or s < by_end[e]:
            by_end[e] = s
    out: list[Cand] = []
    dates = _dates_by_end(ctx)
    for e, s in sorted(by_end.items()):
        if e < len(text) and text[e] in _SUFFIX_CONTINUES:
            continue
        # a longer suffix ending further right wins (集团 in 集团有限公司)
        if any(by_end.get(e + k, 10**9) <= s for k in range(1, 8)):
            continue
        # (tests on the suffix alone first: they spare the left walk)
        if text[s - 1:s] in ("子", "母") and ctx.is_token_start(s - 1):
            continue              # 子公司, 母公司 (not 电子有限公司: 电子 is one word)
        if text.endswith("公司", s, e) and e - s <= 3 and (
                text[e - 3:e - 2] in lex.determiners or text[e - 4:e - 2] in lex.determiners):
            continue              # 这是公司, 板块内部分公司, 各公司: companies in general
        start, why = left_edge(ctx, s, lex.stops)
        if why == "stop" and text.endswith("企业", 0, start) and text[start:s] in _ENTERPRISE_SCOPES:
            # 上海复星企业管理有限公司: 企业管理 is the business the name registers
            s2, why2 = left_edge(ctx, start - 2, lex.stops)
            if start - 2 - s2 >= 2 and why2 not in ("count", "length") \
                    and not is_generic(ctx, s2, start - 2, lex):
                start, why = s2, why2
        if why == "stop":
            start = _brand_ending_de(ctx, start, s, lex)  # 广东美的制冷设备有限公司
            start = _anonymized(ctx, start, s, e, lex)    # 赣州某燃气设备有限公司
        if why == "count" and _after_date(ctx, start, s, dates) > start:
            why = "date"              # 8月27日华岳精密科技有限公司, cut 27/日华岳/精密
        if why == "length" or why == "count":
            continue
        start = cut_after_connector(text, start, s, _ends_a_name, ctx)
        start = _after_date(ctx, start, s, dates)
        t = _TIME_SPAN.match(text, start, s)
        if t:
            start = t.end()           # 未来三年公司, 近两年来公司: a duration is no part of a name
        start = _drop_country(text, start, s, lex)
        start = _after_party_word(ctx, start, s, lex)
        start = _after_kind_word(ctx, start, s, lex)
        big = _BIG_COUNT.search(text, start, s)
        if big and ctx.is_token_start(big.start()) and "有限" not in text[s:e] and "股份" not in text[s:e]:
            continue                  # 中海油三大石油公司, 五大发电集团: the big ones of a kind
        if s - start < 2 and not _LATIN_NAME.fullmatch(text[start:s] or "-"):
            continue
        if is_generic(ctx, start, s, lex):
            continue
        count = _COUNT_AFTER.match(text, e)
        if count and count.group()[:-1] not in ("一", "1", "１"):
            continue              # 发展农民专业合作社120家: a kind of business counted
            #                       (not 仅有…有限公司一家企业中标: one named firm, in apposition)
        if text[s:e] in _place_suffixes() and not _place_opens(ctx, start, s, lex):
            continue              # 辖内农商银行, 我省农村信用社: a kind of bank (常熟农商银行 is one)
        if text[s:e] in ("分行", "支行") and _org_branch(text, start, s):
            continue              # 中国人民银行安徽省分行 is an organization's branch
        if text[s:e] == "公司" and text.startswith("债", e):
            continue              # 科技创新公司债券, 发行公司债: a kind of bond, not a business
        if text[s:e] == "公司" and (_all_words(text[start:s], lex.generic_abbr)
                                   or _all_generic(text[start:s], lex)):
            continue              # 城投公司, 区属平台公司: a kind of company
        if out and out[-1].end == start and text[start:s] in lex.place_set:
            # 河南省烟草公司郑州市公司: a branch named by its place after its parent
            start = out.pop().start
        if text.endswith("集团", s, e):
            e = _region_bracket(text, e, lex)     # 大众汽车集团（中国）
        surface = text[start:e]
        out.append(Cand(start, e, "company.full_name", norm(surface), full=True))
    return out


def _brand_ending_de(ctx: Context, start: int, s: int, lex: Lexicons) -> int:
    """广东美的制冷设备有限公司: the left walk stops at a two-character word ending in 的
    (美的); when a place stands right before it and a trade of two characters or more
    follows, that word is the brand of a registered name (place + brand + trade), not a
    particle (not 有的, 别的, 是的, 真的, 目的, 似的)."""
    text = ctx.text
    tok = ctx.token_at(start - 1) if start > 0 else None
    if tok is None or tok[1] != start or tok[1] - tok[0] != 2 or text[start - 1] != "的" \
            or text[tok[0]] in "有别是真目似" or s - start < 2:
        return start
    new = ts = tok[0]
    while new > 0:                 # 佛山市/顺德区/美的: every place word before the brand
        place = ctx.token_at(new - 1)
        if place is None or place[1] != new or text[place[0]:new] not in lex.place_set:
            break
        new = place[0]
    return new if new < ts else start


# what 企业 + this registers as a business (复星企业管理有限公司, 华夏企业发展有限公司)
_ENTERPRISE_SCOPES = frozenset(("管理", "发展", "服务", "咨询", "管理咨询", "咨询管理", "孵化器", "孵化", "投资管理"))


@functools.lru_cache(maxsize=1)
def _place_suffixes() -> frozenset:
    return frozenset(load_lines("company-place-suffixes.txt"))


def _place_opens(ctx: Context, start: int, s: int, lex: Lexicons) -> bool:
    """A place mention or a place word of the lexicon opens text[start:s]."""
    if any(m.start == start and m.end <= s for m in ctx.mentions.get("place", ())):
        return True
    return any(ctx.text[start:start + k] in lex.place_set for k in range(min(6, s - start), 1, -1))


def _anonymized(ctx: Context, start: int, s: int, e: int, lex: Lexicons) -> int:
    """赣州某燃气设备有限公司, 瑞金市某餐饮管理有限公司, 当事人某某科技有限公司: a news
    report or a court or regulator's bulletin names a business without its trade name;
    with a legal form (有限公司, 股份有限公司) it is still one particular business
    (ANNOTATION.md: anything with a legal-form suffix). The walk stopped at 某; the
    name takes 某 (or 某某) and the place or places right before it (赣州, 于都县贡江镇),
    or 某 alone where nothing name-like glues to it on the left."""
    text = ctx.text
    j = start
    while j > 0 and start - j < 2 and text[j - 1] == _SOME_CHAR:
        j -= 1
    if j == start:
        return start
    legal = "有限" in text[s:e] or text.endswith("股份公司", s, e)
    if not legal and (text[s:e] != "公司" or s - start < 2):
        return start
    place_start = {m.end: m.start for m in ctx.mentions.get("place", ())}
    k = j
    while k in place_start:
        k = place_start[k]
    if k < j:
        return k              # 曹妃甸区某物流公司: a plain 公司 only with its place (not 某物流公司)
    if not legal:
        return start
    # (no place mention there: a place prefix of the lexicon, a word of its own)
    k = next((j - n for n in range(min(8, j), 1, -1)
              if text[j - n:j] in lex.place_set and ctx.is_token_start(j - n)), j)
    if k < j:
        return k
    if j == 0 or not is_name_word(text[j - 1]) or ctx.is_token_start(j):
        return j
    return start


_SOME_CHAR = "某"


@functools.lru_cache(maxsize=4)
def _kind_words(heads: tuple) -> tuple:
    """The list heads that name a kind of company (民营企业, 上市公司, 央企; not 企业, 公司
    alone, which end legal names: 上海复星企业管理有限公司)."""
    return tuple(h for h in heads if h.endswith(("企业", "公司", "国企", "央企", "民企", "外企", "车企", "房企"))
                 and h not in ("企业", "公司"))


def _after_kind_word(ctx: Context, start: int, s: int, lex: Lexicons) -> int:
    """民营企业正泰集团, 该县国有企业县城发集团, 上市公司宏达股份有限公司: a kind of company
    standing before a name in apposition is no part of it; the name begins after the
    last such word that ends a token, when a name of two characters or more follows
    that is not generic."""
    text = ctx.text
    best = start
    for h in _kind_words(lex.list_heads):
        i = text.rfind(h, start, s)
        if i >= 0:
            j = i + len(h)
            if j > best and s - j >= 2 and ctx.is_token_end(j) and ctx.is_token_start(j):
                best = j
    if best > start and (is_generic(ctx, best, s, lex) or _all_generic(text[best:s], lex)) \
            and not (text.startswith("集团", s) and text[best:s] in lex.generic_abbr):
        return start          # (区属国企城投集团: 城投集团 names the local platform company itself)
    return best


def _after_party_word(ctx: Context, start: int, s: int, lex: Lexicons) -> int:
    """权利人史丹利农业集团股份有限公司 (the segmenter cuts 权利/人): a party or role word
    that the segmenter split, so the left walk went through it, still ends the name on
    its left when a name of two characters or more follows it as a word of its own."""
    text = ctx.text
    for k in (4, 3, 2):
        p = start + k
        if s - p >= 2 and text[start:p] in lex.stops and ctx.is_token_start(p):
            return p
    return start


_COUNT_AFTER = compile_regex(r"(?:[0-9０-９]++(?:[.．][0-9０-９]++)?+|[一二两三四五六七八九十百千几多]++)[万亿]?余?[家个户]")  # 农民合作社1.42万家
_REGION_BRACKET = compile_regex(r"[（(](\p{Han}{2,4})[）)]")


def _bracketed_alias(text: str, s: int, e: int, key: str, fulls: list) -> tuple[int, str]:
    """博斯特伦（中国） after 博斯特伦汽车部件（中国）有限公司: a short form followed by the
    bracketed country or region of a full name that begins with it is that full name's
    short form, bracket included (not the parent group's, not a place)."""
    m = _REGION_BRACKET.match(text, e)
    if m is None:
        return e, key
    short, inner = text[s:e], m.group(1)
    for c in fulls:
        full = text[c.start:c.end]
        if full.startswith(short) and any(o + inner + z in full for o, z in (("（", "）"), ("(", ")"))):
            return m.end(), c.key
    return e, key


def _region_bracket(text: str, e: int, lex: Lexicons) -> int:
    """The end of a group's name: a bracketed country or region right after 集团 belongs
    to it (大众汽车集团（中国）, 西门子集团(德国)); anything else in brackets does not."""
    m = _REGION_BRACKET.match(text, e)
    if m and (m.group(1) in ("中国", "亚太", "亚洲", "欧洲", "大中华区", "中国区") or m.group(1) in lex.place_set
              or m.group(1) in lex.countries):
        return m.end()
    return e


# the financial trades that follow a brand in a firm's usual name (国泰君安证券, 中信银行)
_FIN_AFTER = compile_regex(r"证券|银行|保险|财险|人寿|基金|信托|期货|资管")

# 国网江苏电力, 国网湖州电力: a known group, a place, 电力 (its regional power company)
_REGIONAL_UNIT = compile_regex(r"\p{Han}{2,4}?(?P<trade>电力)")

# 中建三局, 中铁十八局: a numbered engineering bureau of a known group is a company of its own
# (中交一公局, 中交二航局: the bureau's trade abbreviated); so are its named bureaus (中铁大桥局,
# 中铁隧道局, 中铁电气化局, 中铁上海工程局)
_BUREAU = compile_regex(r"(?:[一二三四五六七八九十]{1,3}(?:航务|航|公)?|大桥|隧道|电气化|建工|港航|\p{Han}{2}工程)局")
# 中交第二公路工程局有限公司 -> 中交二公局, 中交第三航务工程局 -> 中交三航局, 中铁第五工程局 -> 中铁五局
_BUREAU_FULL = compile_regex(r"(中交|中铁|中建|中冶|中水|中电建)第?([一二三四五六七八九十]{1,3})(公路|航务)?工程局")


# 春节假期后公司, 8月27日晚间公司: time words after a date are no part of a name
_AFTER_DATE = compile_regex(r"(?:以来|以后|之后|之前|期间|前后|后|前|起|开始|当天|当日|晚间|上午|下午|晚上|早间)")


# 未来三年, 过去5年, 近两年来, 今后一个时期, 三年来: a span of time before a bare legal form
_TIME_SPAN = compile_regex(
    r"(?:(?:未来|过去|近|最近|今后|此后|往后|这|那|前|后|头)(?:[0-9]++|[一二两三四五六七八九十几数多]++)个?"
    r"(?:年|月|季度|周|天|日|个月)(?:来|内|里|中|间|以来)?"
    r"|(?:[0-9]++|[一二两三四五六七八九十几数多]++)个?(?:年|个月|季度|周|天)(?:来|以来|内|里|间))")


def _dates_by_end(ctx: Context) -> tuple[list[int], list]:
    """The date mentions sorted by their end, and those ends (for bisect)."""
    dates = sorted(ctx.mentions.get("date", ()), key=lambda m: m.end)
    return [m.end for m in dates], dates


def _after_date(ctx: Context, start: int, s: int, dates: tuple[list[int], list]) -> int:
    """The start of a name once a date inside text[start:s] (and a time word after
    it) is cut away: 春节假期后公司 -> 公司, 8月27日华岳精密科技有限公司 -> 华岳…."""
    ends, mentions = dates
    for i in range(bisect.bisect_right(ends, start), bisect.bisect_right(ends, s)):
        m = mentions[i]
        if m.start < s and start < m.end <= s:       # inside, or cut by the segmenter (日华岳)
            t = _AFTER_DATE.match(ctx.text, m.end, s)
            # 十月稻田集团: a month word can open a brand; a day, a holiday or a time
            # word after it cannot
            if (t or m.rule == "date.holiday" or m.text.endswith(("日", "号")) or any(c.isdigit() for c in m.text)
                    or m.text.endswith(("年", "季度", "半年"))):     # 今年上半年公司, 去年公司
                start = t.end() if t else m.end
    return start


def _drop_country(text: str, start: int, s: int, lex: Lexicons) -> int:
    """新加坡丰益国际集团, 日本丰田汽车公司: a foreign country before a brand describes
    the company and is not its name; 新加坡航空公司, 德国电信 keep it (nothing but
    industry words follow)."""
    words, lengths = _prefix_index(lex.countries)
    country = next((text[start:start + k] for k in lengths if text[start:start + k] in words), "")
    rest = text[start + len(country):s]
    if country and len(rest) >= 2 and not _all_generic(rest, lex) and rest not in lex.place_brand:
        return start + len(country)
    return start


def _brand_and_trade(ctx: Context, s: int, e: int, lex: Lexicons) -> int | None:
    """韩国三星电子, 日本松下电器: a known brand that the segmenter glued to its trade (an
    industry word) after the foreign country that opens the word: the end of brand +
    trade; else None (发展现代汽车产业: no country, no company)."""
    text = ctx.text
    if text[s:e] in lex.ambiguous:
        return None
    words, lengths = _prefix_index(lex.industry)
    k = next((k for k in lengths if e + k <= len(text) and text[e:e + k] in words), 0)
    t = e + k
    if not k or not (t == len(text) or not is_name_word(text[t]) or ctx.is_token_end(t)):
        return None
    cwords, clengths = _prefix_index(lex.countries)
    if any(s >= n and text[s - n:s] in cwords and ctx.is_token_start(s - n) for n in clengths):
        return t
    return None


_PREFIX_INDEX: dict[int, tuple] = {}


def _prefix_index(words: tuple) -> tuple[frozenset, tuple[int, ...]]:
    """`words` as a set and their lengths, longest first: the longest word that
    starts at a position is found by len(lengths) set look-ups (the first of a
    longest-first tuple that `startswith` would find), not a scan of the tuple."""
    entry = _PREFIX_INDEX.get(id(words))
    if entry is None or entry[0] is not words:
        entry = _PREFIX_INDEX[id(words)] = (words, frozenset(words),
                                            tuple(sorted({len(w) for w in words}, reverse=True)))
    return entry[1], entry[2]


# ---------------------------------------------------------------- 2. lexicons

def lexicon_names(ctx: Context, lex: Lexicons) -> tuple[list[Cand], list[Cand]]:
    """(sure, ambiguous) candidates from the shipped and the user lexicons."""
    sure, unsure = [], []
    date_ends = frozenset(m.end for m in ctx.mentions.get("date", ()))
    for s, e, key in find_all_in(ctx, lex.shipped):
        if not _boundary_ok(ctx, s, e, date_ends):
            t = _brand_and_trade(ctx, s, e, lex)
            if t is None:
                continue
            key, e = (ctx.text[s:t] if key == ctx.text[s:e] else key), t
        b = _BUREAU.match(ctx.text, e)
        if b and ctx.text[s:e] not in lex.ambiguous and (b.end() == len(ctx.text) or ctx.is_token_end(b.end())):
            sure.append(Cand(s, b.end(), "company.lexicon", ctx.text[s:b.end()]))
            continue
        g = _REGIONAL_UNIT.match(ctx.text, e)
        if g and ctx.text[e:g.start("trade")] in lex.place_set and ctx.text[s:e] not in lex.ambiguous \
                and (g.end() == len(ctx.text) or ctx.is_token_end(g.end())):
            # 国网江苏电力: a group, a province or city, the trade: its regional company
            sure.append(Cand(s, g.end(), "company.lexicon", ctx.text[s:g.end()]))
            continue
        f = _FIN_AFTER.match(ctx.text, e)
        if f and (f.end() == len(ctx.text) or ctx.is_token_end(f.end())):
            e = f.end()           # 国泰君安证券, 平安银行: a brand and its financial trade is one name
        c = Cand(s, e, "company.lexicon", key, full=(ctx.text[s:e] == key))
        (unsure if ctx.text[s:e] in lex.ambiguous else sure).append(c)
    user = user_matcher(ctx.lexicon, "company")
    if len(user):
        # the user's names are trusted: no token-boundary check (jieba does not know them)
        for s, e, key in find_all(user, ctx.text):
            sure.append(Cand(s, e, "company.user_lexicon", norm(key), full=True))
    return sure, unsure


# ---------------------------------------------------------------- 4. contexts

def _item_span(ctx: Context, s: int, e: int, lex: Lexicons) -> tuple[int, int] | None:
    """The name-shaped part of a list item text[s:e] (no project, place or
    generic word), or None."""
    text = ctx.text
    while s < e and text[s] in QUOTES + " ":
        s += 1
    while e > s and text[e - 1] in QUOTES + " ":
        e -= 1
    m = _PHASE.search(text, s, e)
    if m and m.start() > s:
        e = m.start()
    if e - s < 2:
        return None
    start, _why = left_edge(ctx, e, lex.stops, max_len=12)
    start = cut_after_connector(text, max(start, s), e, _ends_a_name, ctx)
    start = _drop_country(text, start, e, lex)        # 德国西门子、瑞典ABB等跨国公司
    item = text[start:e]
    if len(item) < 2 or len(item) > 12 or not NAME_TOKEN.fullmatch(item):
        return None
    if (_NOT_COMPANY_END.search(item) or item in lex.place_set or is_generic(ctx, start, e, lex)
            or _all_generic(item, lex)):
        return None               # 新能源汽车、智能装备等企业: industries, not names
    if ctx.spans_cover(ctx.mentions.get("place", []), start, e):
        return None
    return start, e


def _companyish(ctx: Context, span: tuple[int, int], lex: Lexicons, owner: str = "") -> bool:
    """Known, or a brand of 2+ characters plus an industry word (雷神科技, 横滨轮胎).
    A brand that is also a place name counts when the `owner` named before the span
    carries it (中国平安旗下平安产险)."""
    item = ctx.text[span[0]:span[1]]
    if item in lex.shipped_keys:
        return True
    industry, lengths = _prefix_index(lex.industry)     # the longest industry word it ends with
    n = len(item)
    for k in lengths:
        if k <= n - 2 and item[n - k:] in industry:
            brand = item[:-k]
            # 沈阳科技, 新能源汽车: a place or an industry is no brand
            return (not is_generic(ctx, span[0], span[1] - k, lex) and brand not in industry
                    and (brand not in lex.place_set or brand in owner))
    return False


@functools.lru_cache(maxsize=1)
def _project_heads() -> tuple:
    """The heads that end a project's name (projects.yaml): an item of …等N个项目 ending in one is a project."""
    return tuple(load_yaml("projects.yaml")["heads"]) + tuple(load_lines("company-list-project-items.txt"))


def _accept_list(ctx: Context, spans: list, lex: Lexicons, strict: bool) -> list:
    """All name-shaped items of a list, if the list is about companies: for a weak
    context (…等N个项目, N家企业X) at least one item must look like a company."""
    spans = [sp for sp in spans if sp]
    if strict and not any(_companyish(ctx, sp, lex) for sp in spans):
        return []
    return spans


def _split_items(text: str, s: int, e: int) -> list[tuple[int, int]]:
    out, pos = [], s
    for m in _LIST_SEP.finditer(text[s:e]):
        out.append((pos, s + m.start()))
        pos = s + m.end()
    out.append((pos, e))
    return out


@functools.lru_cache(maxsize=4)
def _context_patterns(heads: tuple, roles: tuple):
    """X、Y等(N家)(modifiers)企业 / …等N个(外资)项目; 以X、Y等为龙头 / 以X为“链主”."""
    head_alt = "|".join(regex.escape(h) for h in heads)
    role_alt = "|".join(regex.escape(r) for r in roles)
    after_deng = compile_regex(
        r"等(?:[0-9]++|[一二两三四五六七八九十百千几数多]++)?(?:余|多)?[家户个批]?"
        r"(?P<mod>[\p{Han}]{0,8}?)(?P<head>" + head_alt + r"|项目)")
    yi_role = compile_regex(r"以(?P<items>[^，。；！？,;\n以为]{2,60}?)(?:等)?为[“\"]?(?:" + role_alt + r")")
    return after_deng, yi_role


# 三大石油公司, 四大国有银行: a count of the big ones before a kind
_BIG_COUNT = compile_regex(r"(?:[两三四五六七八九十]|[0-9]{1,2})大")
_COUNT_LAST = frozenset("0123456789两二三四五六七八九十")
_COUNT_RUN_BEFORE = compile_regex(r"(?:[0-9]{1,3}|[两二三四五六七八九十]{1,3})$")


@functools.lru_cache(maxsize=4)
def _count_list_pattern(heads: tuple):
    """家 (after a count), up to 6 modifier characters, a list head (两家企业, 3家民营企业)."""
    return compile_regex(r"家(?P<mod>\p{Han}{0,6}?)(?P<head>" + "|".join(regex.escape(h) for h in heads) + r")")


_NUMBER = compile_regex(r"[\d.]+")
# 2家企业X、Y / 企业——X; a number run is entered at its start only (linear on 100k digits);
# the leading lookahead lets the engine skip other characters fast (4x)
_N_FIRMS = compile_regex(r"(?=[0-9一二两三四五六七八九十企])(?:(?:(?<![0-9])[0-9]++|(?<![一二两三四五六七八九十])[一二两三四五六七八九十]++)[家户]企业"
                         r"|企业(?:――|——|—|：|:))")
# （以下简称“澜芯股份”，688729）, （HK Harbour Holdings，简称“华港物流”）, （简称X，股票代码：600000）:
# an English name or a stock code may stand before or after the alias in the brackets
_SHORT_FORM = compile_regex(r"[（(](?:[^（）()“”\"「」\n]{1,60}[，,、；;]\s*)?(?:以下|股票|证券|A股)?(?:简称|下称)[:：]?[“\"「]?"
                            r"(?P<alias>[\p{Han}A-Za-z0-9]{2,12})[”\"」]?(?:[，,、；;][^（）()\n]{1,40})?[）)]")
_BRACKETED = compile_regex(r"[（(][^（）()]{1,8}[）)]")
_LATIN_NAME = compile_regex(r"[A-Za-z0-9]{2,}")
_LIST_SEP = compile_regex(r"、|和|及|与|以及")
# 辽宁、吉林等地企业, 新能源、医疗器械等新兴产业项目: the items are places or industries
_PLACE_OR_INDUSTRY_MOD = compile_regex(r"^(?:地|省|市|县|区|城|国(?!际))|城市|地区|国家|产业|行业|领域")
_LIST_STOP = compile_regex(r"[，。；！？：,;!?:\n（）()]")


def context_names(ctx: Context, lex: Lexicons) -> list[Cand]:
    text = ctx.text
    out: list[Cand] = []
    after_deng, yi_role = _context_patterns(lex.list_heads, lex.roles)
    head_starts = None
    deng = text.find("等")
    while deng >= 0:
        d, deng = deng, text.find("等", deng + 1)
        if head_starts is None:
            head_starts = sorted({s for s, _e, _v in find_all_in(ctx, _deng_heads())})
        if not _head_near(text, d + 1, head_starts):
            continue              # no list head close enough after 等: after_deng cannot match
        # no timeout: a bounded pattern (possessive count, 8 characters, a head) tried
        # at one position; a regex timeout costs ~5-10 us per call
        a = after_deng.match(text, d)
        # 辽宁、吉林等地企业, 新能源、医疗器械等新兴产业项目: places and industries
        if not a or _PLACE_OR_INDUSTRY_MOD.search(a.group("mod")):
            continue
        sent_start = ctx.sentence_of(d)[0]
        clause = max((x.end() for x in _LIST_STOP.finditer(text, max(sent_start, d - 80), d)),
                     default=max(sent_start, d - 80))
        spans = [_item_span(ctx, s, e, lex) for s, e in _split_items(text, clause, d)]
        if a.group("head") == "项目":   # 宜昌新材料产业园、三峡翻坝江北高速公路等重大项目: the items are projects
            spans = [sp for sp in spans if sp and not text[sp[0]:sp[1]].endswith(_project_heads())]
        for sp in _accept_list(ctx, spans, lex, strict=a.group("head") == "项目"):
            out.append(Cand(sp[0], sp[1], "company.list_context", text[sp[0]:sp[1]]))
    # X、Y两家企业 (a count without 等 closes a list of two or more): at least one item
    # must look like a company (恒通科技、华联电子两家企业入选…)
    jia = text.find("家")
    count_list_end = 0
    while jia >= 0:
        j, jia = jia, text.find("家", jia + 1)
        if j == 0 or text[j - 1] not in _COUNT_LAST:
            continue              # (国家, 专家: most 家 follow no count)
        run = _COUNT_RUN_BEFORE.search(text, max(0, j - 4), j)
        if run is None or run.start() == 0 or text[run.start() - 1] in "等、和及与，。；：,;:\n第":
            continue
        a = _count_list_pattern(lex.list_heads).match(text, j)
        if not a or _PLACE_OR_INDUSTRY_MOD.search(a.group("mod")):
            continue
        c = run.start()
        sent_start = ctx.sentence_of(c)[0]
        clause = max((x.end() for x in _LIST_STOP.finditer(text, max(sent_start, c - 80, count_list_end), c)),
                     default=max(sent_start, c - 80, count_list_end))
        count_list_end = a.end()      # (a list ends there: the next one starts after it)
        items = _split_items(text, clause, c)
        if len(items) < 2:
            continue
        spans = [_item_span(ctx, s, e, lex) for s, e in items]
        for sp in _accept_list(ctx, spans, lex, strict=True):
            out.append(Cand(sp[0], sp[1], "company.list_context", text[sp[0]:sp[1]]))
    for m in yi_role.finditer(text, timeout=MATCH_TIMEOUT):
        spans = [_item_span(ctx, s, e, lex) for s, e in _split_items(text, m.start("items"), m.end("items"))]
        for sp in _accept_list(ctx, spans, lex, strict=False):
            out.append(Cand(sp[0], sp[1], "company.role_context", text[sp[0]:sp[1]]))
    # N家企业X、Y成为… / 企业——X
    for m_end in _n_firms_ends(text):
        pos, spans = m_end, []
        for _ in range(8):
            end = right_edge(ctx, pos, lex.stops)
            sp = _item_span(ctx, pos, end, lex) if end > pos else None
            spans.append(sp if sp and sp[0] == pos else None)
            if end < len(text) and text[end] == "、":
                pos = end + 1
            else:
                break
        for sp in _accept_list(ctx, spans, lex, strict=True):
            out.append(Cand(sp[0], sp[1], "company.list_context", text[sp[0]:sp[1]]))
    # 沃隆食品启动上市辅导; 小鹏汽车董事长何小鹏: a listing or a corporate title after a
    # brand + industry word name makes it a company
    for m in finditer_at(ctx, _LISTING_OR_TITLE, _listing_words()):     # literals: no timeout needed
        start, _why = left_edge(ctx, m.start(), lex.stops, max_len=10)
        sp = _item_span(ctx, start, m.start(), lex) if start < m.start() else None
        if sp and _companyish(ctx, sp, lex):
            rule = "company.title_context" if m.group() in _TITLES else "company.listing_context"
            out.append(Cand(sp[0], sp[1], rule, text[sp[0]:sp[1]]))
    # 东莞证券分析师郑宇航认为, 东莞银行行长, 某某银行表示: a financial institution's short name
    dates = _dates_by_end(ctx)
    for m in lex.financial.finditer(text, timeout=MATCH_TIMEOUT):
        sp = _financial_name(ctx, m.start(), m.end(), lex, dates)
        if sp:
            out.append(Cand(sp[0], sp[1], "company.financial_context", text[sp[0]:sp[1]]))
    # 柳工（000528.SZ）, 金力永磁（股票代码：300748）: a name before its stock code;
    # 证券简称：华兴股份: a listed company's short name after its label
    for p in _code_brackets(text):
        sp = _item_span(ctx, max(0, p - 12), p, lex)
        if sp and sp[1] == p and not _NUMBER_WORD.search(text, sp[0], sp[1]):
            out.append(Cand(sp[0], sp[1], "company.code_context", text[sp[0]:sp[1]]))
    for m in _finditer_after(text, "简称", _SHORT_LABEL):
        e = m.end("name")
        sp = _item_span(ctx, m.start("name"), e, lex)
        if sp and sp == (m.start("name"), e):
            out.append(Cand(sp[0], sp[1], "company.code_context", text[sp[0]:sp[1]]))
    # 吉利旗下的极氪汽车: what a company owns is a company or a brand
    for m in _OWNED_BY.finditer(text, timeout=MATCH_TIMEOUT):
        end = right_edge(ctx, m.end(), lex.stops, max_len=10)
        sp = _item_span(ctx, m.end(), end, lex) if end > m.end() else None
        if sp and sp[0] == m.end() and _companyish(ctx, sp, lex, text[max(0, m.start() - 10):m.start()]):
            out.append(Cand(sp[0], sp[1], "company.owned_context", text[sp[0]:sp[1]]))
    return out


# （000528.SZ）, （股票代码：300748）, (00700.HK): a stock code in brackets right after a name
_CODE = compile_regex(r"[（(](?:(?:股票|证券|A股)代码[:：]?[ \t]?)?"
                      r"(?:(?:60|68|00|30|8[0-9]|4[0-9]|92)[0-9]{4}(?:\.(?:SZ|SH|BJ))?|(?:SZ|SH|BJ)[0-9]{6}"
                      r"|[0-9]{4,5}\.HK)[）)]")      # (A-share code ranges: not 202401, a year and month)
# 证券简称：华兴股份, 股票简称：盐湖股份 (a label, then the name up to punctuation)
_SHORT_LABEL = compile_regex(r"(?<=(?:证券|股票|公司)简称[:：][ \t]?)(?P<name>[\p{Han}A-Za-z0-9]{2,8}?)(?=[，,、；;。）)\s]|$)")


def _code_brackets(text: str):
    """Offsets of the opening brackets that hold a stock code (_CODE), tried only at
    brackets followed by a digit, a letter of SZ/SH/BJ or 股/证/A."""
    for br in ("（", "("):
        p = text.find(br)
        while p >= 0:
            if text[p + 1:p + 2] in _CODE_FIRST and _CODE.match(text, p):   # bounded: no timeout
                yield p
            p = text.find(br, p + 1)


_CODE_FIRST = frozenset("0123456789SB股证A")
# 编号（000123）, 批号(600123): a number's label before the brackets, not a name
_NUMBER_WORD = compile_regex(r"(?:编号|代码|号码|文号|账号|序号|单号|批号|邮编|电话)$")


def _finditer_after(text: str, word: str, pattern: "regex.Pattern[str]"):
    """`pattern`'s matches tried only right after each `word` (and a label character or two)."""
    p = text.find(word)
    while p >= 0:
        m = pattern.match(text, p + len(word) + 1) or pattern.match(text, p + len(word) + 2)
        if m is not None:
            yield m
        p = text.find(word, p + 1)


# 一位银行分析师, 某券商, 各家银行: a count or determiner, not a brand (三峡银行, 九江银行 are)
_SOME = compile_regex(r"[一二两三四五六七八九十几多数]+[位名家个些类批]|[某每各该这那此本其]")


def _financial_name(ctx: Context, s: int, e: int, lex: Lexicons,
                    dates: tuple[list[int], list]) -> tuple[int, int] | None:
    """The span of a brand or place and a financial suffix text[s:e] (东莞证券), or
    None when the part before the suffix is generic (商业银行, 多家券商), a count, or
    no name (中国人民银行 is an organization)."""
    text = ctx.text
    start, why = left_edge(ctx, s, lex.stops, max_len=8)
    start = _after_date(ctx, start, s, dates)
    start = _drop_country(text, start, s, lex)          # 新加坡星展银行 -> 星展银行
    if why in ("count", "length") or not 2 <= s - start <= 6 or not ctx.is_token_start(start):
        return None
    brand = text[start:s]
    if (_SOME.match(brand) or _all_words(brand, lex.financial_generic)
            or brand in lex.determiners or text[start - 1:start] in ("家", "个")
            or is_generic(ctx, start, s, lex) or _known_organization(text[start:e])):
        return None
    return start, e


_LISTING_VERBS = ("启动", "完成", "重启", "冲刺", "正式", "成功", "拟", "申请", "首发")
_BOARD_VERBS = ("登陆", "登录")
_TITLE_WORDS = ("董事长", "副董事长", "总经理", "副总经理", "总裁", "副总裁", "首席执行官", "CEO", "创始人",
                "联合创始人", "董事会秘书")
_LISTING_OR_TITLE = compile_regex(
    r"(?:" + "|".join(_LISTING_VERBS) + r")(?:上市|IPO|挂牌)"
    r"|(?:" + "|".join(_BOARD_VERBS) + r")(?:A股|港股|科创板|创业板|北交所|深交所|上交所|主板|资本市场)"
    r"|(?:" + "|".join(_TITLE_WORDS) + r")")
_TITLES = frozenset(_TITLE_WORDS)


@functools.lru_cache(maxsize=1)
def _listing_words() -> Matcher:
    """The words every _LISTING_OR_TITLE match begins with (where to try it)."""
    return build_automaton(_LISTING_VERBS + _BOARD_VERBS + _TITLE_WORDS)


@functools.lru_cache(maxsize=1)
def _deng_heads() -> Matcher:
    """after_deng's heads: the company list heads and 项目."""
    return build_automaton(list(lexicons().list_heads) + ["项目"])


share(_listing_words)
share(_deng_heads)

_ASCII_RUN = compile_regex(r"[0-9]+")
_NUMERAL_RUN = compile_regex(r"[一二两三四五六七八九十百千几数多]+")


def _head_near(text: str, q: int, head_starts: list[int]) -> bool:
    """False when after_deng (等, a count, 余/多, a classifier, up to 8 characters, a
    head) cannot match at q - 1: no head starts in [q, q + count + 10]."""
    run = _ASCII_RUN.match(text, q) or _NUMERAL_RUN.match(text, q)
    bound = q + (run.end() - q if run else 0) + 10
    i = bisect.bisect_left(head_starts, q)
    return i < len(head_starts) and head_starts[i] <= bound


_ASCII_DIGITS = frozenset("0123456789")
_CN_DIGITS = frozenset("一二两三四五六七八九十")


def _n_firms_ends(text: str) -> list[int]:
    """The end offsets of `_N_FIRMS.finditer(text)`'s matches, found from the
    occurrences of 企业 that each holds: a count of 家/户 ending at it (28户企业, the
    whole run of digits or of numerals), or 企业 before a dash or colon (企业——X)."""
    out: list[int] = []
    last_end = 0
    j = text.find("企业")
    while j >= 0:
        start = end = -1
        if j >= 2 and text[j - 1] in "家户":
            c = text[j - 2]
            cls = _ASCII_DIGITS if c in _ASCII_DIGITS else _CN_DIGITS if c in _CN_DIGITS else None
            if cls is not None:
                rs = j - 2
                while rs > 0 and text[rs - 1] in cls:
                    rs -= 1
                if rs >= last_end:
                    start, end = rs, j + 2
        if start < 0 and j >= last_end:
            k = j + 2
            if text.startswith(("――", "——"), k):
                start, end = j, k + 2
            elif text.startswith(("—", "：", ":"), k):
                start, end = j, k + 1
        if start >= 0:
            out.append(end)
            last_end = end
        j = text.find("企业", j + 1)
    return out
_VENUE_LIST = compile_regex(
    r"(?:[、和及与][^、，。；;,！？\n等]{1,12}){0,8}等[^，。；;,！？\n]{0,6}?"
    r"(?:景区|景点|公园|乐园|商圈|街区|场馆|地标|旅游区|度假区|打卡地|游乐场)")
_OWNED_BY = compile_regex(r"旗下(?:的|子公司|品牌)?")


# ---------------------------------------------------------------- Latin names

# a run of Latin words, the first capitalised (SZ Fastlink Logistics, Apple Inc.); possessive: linear
_LATIN_RUN = compile_regex(r"(?<![A-Za-z0-9&.'-])[A-Z][A-Za-z0-9&'.,-]*+(?:[ ]++[A-Za-z&][A-Za-z0-9&'.,-]*+)*+")
_OPEN = "（("
_LATIN_CONNECTORS = frozenset(("of", "and", "&", "de", "the"))
_ENGLISH_NAME = compile_regex(r"[（(](?:英文名称?[:：]?|英文[:：])?\s*$")
def latin_names(ctx: Context, lex: Lexicons, fulls: list[Cand]) -> list[tuple[Cand, Cand | None]]:
    """Latin-letter company names: capitalised words ending in a legal form (HK Harbour
    Logistics Holdings, Apple Inc.: a company anywhere) or an industry word (SZ Fastlink
    Logistics: only next to a Chinese company name in brackets). A Latin name paired in
    brackets with a Chinese company name, before or after it (X（深圳速联国际物流有限公司）,
    华港物流控股有限公司（HK Harbour Logistics Holdings，简称…）), takes its key."""
    text = ctx.text
    by_start = {c.start: c for c in fulls}
    by_end = {c.end: c for c in fulls}
    out: list[Cand] = []
    for m in _LATIN_RUN.finditer(text, timeout=MATCH_TIMEOUT):
        words = m.group().split(" ")
        if len(words) < 2:
            continue
        # the last word that is a legal form or an industry word ends the name
        last, legal = -1, False
        for i, w in enumerate(words):
            w = w.rstrip(",")
            if i >= 1 and (w in lex.latin_legal or w in lex.latin_business):
                last, legal = i, w in lex.latin_legal
        if last < 1:
            continue
        # the name: up to 8 capitalised words (and connectors) ending there
        first = last
        while first > 0 and last - first < 7 and (words[first - 1][:1].isupper() or words[first - 1][:1].isdigit()
                                                   or words[first - 1] in _LATIN_CONNECTORS):
            first -= 1
        while first < last and words[first] in _LATIN_CONNECTORS:
            first += 1
        if first == last:
            continue
        start = m.start() + sum(len(w) + 1 for w in words[:first])
        end = start + len(" ".join(words[first: last + 1]).rstrip(","))
        # the Chinese name it is paired with: X（中文名…） or 中文名（X…）
        pair = None
        if end < len(text) and text[end] in _OPEN:
            pair = by_start.get(end + 1)
        if pair is None:
            # 中文名（X…）, 中文名（英文名：X）
            b = _ENGLISH_NAME.search(text, max(0, start - 8), start)
            if b:
                pair = by_end.get(b.start())
        if pair is None and not legal:
            continue
        out.append((Cand(start, end, "company.latin_name", text[start:end]), pair))
    return out


# ---------------------------------------------------------------- merge

def keep_longest(pool: list, size: int) -> list:
    """Candidates in order of preference that overlap no earlier one, by position."""
    taken = bytearray(size + 1)
    kept = []
    for c in pool:
        if 1 in taken[c.start:c.end]:
            continue
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
        kept.append(c)
    kept.sort(key=lambda c: (c.start, c.end))
    return kept


def find_companies(ctx: Context) -> list[Mention]:
    lex = lexicons()
    text = ctx.text
    fulls = full_names(ctx, lex)
    sure, unsure = lexicon_names(ctx, lex)
    if "广场" in text:
        sure = [_mall(ctx, c) for c in sure]
    contexts = context_names(ctx, lex)

    # keys of full names: a listed company's full name takes the lexicon key
    for c in fulls:
        k = lex.shipped_keys.get(text[c.start:c.end])
        if k:
            c.key = k
    # SZ Fastlink Logistics（深圳速联国际物流有限公司）: paired with a Chinese name, then an alias
    latin_pairs = latin_names(ctx, lex, fulls)
    latins = [c for c, _pair in latin_pairs]
    # an ambiguous short name (机器人, 阳光) counts only where a context confirmed it
    # (its full name in the article is not enough: 机器人 is the listed name of 新松)
    confirmed = {text[c.start:c.end] for c in contexts}
    for c in unsure:
        if text[c.start:c.end] in confirmed:
            sure.append(c)

    # aliases from full names and context names, matched over the whole article
    alias_key: dict[str, str] = {}
    trades: dict[str, str] = {}
    for c in fulls + [c for c in sure if c.full]:
        for a in derive_aliases(text[c.start:c.end], lex):
            shipped = lex.shipped_keys.get(a)
            if shipped and shipped != c.key:
                continue      # 莱克电气 is its own listed company, not 莱克电气绿能科技（苏州）有限公司
            if a in lex.generic or a in lex.place_set:
                continue
            alias_key.setdefault(a, c.key)
            _trade_after(text[c.start:c.end], a, lex, trades)
    # 重庆长安汽车股份有限公司（以下简称“长安汽车”）: the article names its own alias
    declared: dict[str, str] = {}
    for c in fulls + [c for c in sure if c.full]:
        m = _SHORT_FORM.match(text, c.end)
        if m and not _all_generic(m.group("alias"), lex):
            alias_key[m.group("alias")] = declared[m.group("alias")] = c.key
    # 中国一重集团有限公司（以下简称“中国一重”）: the article's own alias names the
    # company it declares, not the listed company the lexicon knows by that short name
    for c in sure:
        k = declared.get(text[c.start:c.end])
        if k and not c.full:
            c.key = k
    for c in sure:
        # 中交二公局 after 中交第二公路工程局有限公司: the bureau's short form names that company
        if c.rule == "company.lexicon" and c.key == text[c.start:c.end] and c.key.endswith("局") \
                and c.key in alias_key:
            c.key = alias_key[c.key]
    for c in contexts:
        alias_key.setdefault(text[c.start:c.end], lex.shipped_keys.get(text[c.start:c.end], c.key))
    for c, pair in latin_pairs:
        if pair is not None:
            alias_key.setdefault(text[c.start:c.end], pair.key)
    aliases = []
    context_spans = {(c.start, c.end) for c in contexts}
    date_ends = frozenset(m.end for m in ctx.mentions.get("date", ()))
    if alias_key:
        for s, e, key in find_words(alias_key, text):
            trade = trades.get(text[s:e])
            if trade and text.startswith(trade[0], e) and not text.startswith(trade, e):
                continue        # 保靖黄金茶 is the tea (茶) of 湖南保靖黄金茶业股份有限公司 (茶业)
            if _boundary_ok(ctx, s, e, date_ends) or (s, e) in context_spans:
                e, key = _bracketed_alias(text, s, e, key, fulls)
                aliases.append(Cand(s, e, "company.alias", key))
    for c in contexts:
        c.key = alias_key[text[c.start:c.end]]
    for c in fulls:
        # 华辰公司 after （以下简称“华辰公司”） is the same company as its full name
        k = alias_key.get(text[c.start:c.end])
        if k and k != c.key and text[c.start:c.end] not in lex.shipped_keys:
            c.key = k
    _link_group_short_forms(text, fulls, lex)

    for c, pair in latin_pairs:
        c.key = pair.key if pair is not None else alias_key.get(text[c.start:c.end], c.key)

    # longest first, then full names, lexicon, contexts, aliases
    order = {"company.full_name": 0, "company.user_lexicon": 1, "company.lexicon": 2,
             "company.list_context": 3, "company.role_context": 3, "company.listing_context": 3,
             "company.title_context": 3, "company.owned_context": 3, "company.financial_context": 3,
             "company.code_context": 3,
             "company.latin_name": 3, "company.alias": 4}
    pool = fulls + sure + contexts + latins + aliases
    pool.sort(key=lambda c: (-(c.end - c.start), order[c.rule], c.start))
    kept = keep_longest(pool, len(text))
    # 冰雪大世界、中央大街、太阳岛等热门景区: a venue named like the company that runs it
    # (the list holds a 等 within the 60 characters it is looked for in)
    kept = [c for c in kept if c.rule != "company.alias" or text.find("等", c.end, c.end + 60) < 0
            or not _VENUE_LIST.match(text, c.end, min(len(text), c.end + 60), timeout=MATCH_TIMEOUT)]
    # 蒙泰绿能党群工作部: a short name before an internal department names the department
    kept = [c for c in kept if c.full or not lex.departments.match(text, c.end, min(len(text), c.end + 12))]

    # name: the fullest form of the entity in the article (a full name, else the longest)
    best: dict[str, tuple[bool, int, str]] = {}
    for c in kept:
        surface = text[c.start:c.end]
        rank = (c.full, len(surface), surface)
        if c.key not in best or rank[:2] > best[c.key][:2]:
            best[c.key] = rank
    for c in kept:
        if c.rule == "company.user_lexicon":
            best[c.key] = (True, 10**6, c.key)   # the user's canonical name is the name
    return [Mention("company", c.start, c.end, text[c.start:c.end], c.rule,
                    {"name": _strip_quotes(best[c.key][2])}) for c in kept]


# 万达广场舞, 广场上: 广场 no part of a mall's name
_NOT_MALL_AFTER = frozenset("舞上内前外边旁")


def _mall(ctx: Context, c: Cand) -> Cand:
    """蚌埠万达广场: a known company's brand + 广场 names the mall it runs, with the
    city right before it (a place mention ending at the brand) as part of the name."""
    text = ctx.text
    e = c.end + 2
    if c.rule != "company.lexicon" or not text.startswith("广场", c.end) or text[e:e + 1] in _NOT_MALL_AFTER:
        return c
    s = next((m.start for m in ctx.mentions.get("place", ()) if m.end == c.start), c.start)
    return Cand(s, e, c.rule, text[s:e])


_LEGAL_TAIL = compile_regex(r"(?:股份有限公司|有限责任公司|有限公司|股份公司)$")
_GROUP_SUFFIXES = ("集团", "公司")


def _bodies(core: str, lex: Lexicons) -> set[str]:
    """A name's core with none, one or two leading place words dropped."""
    return {core, _strip_place(core, lex, times=1), _strip_place(core, lex)}


def _link_group_short_forms(text: str, fulls: list, lex: Lexicons) -> None:
    """北部湾港务集团 after 广西北部湾国际港务集团有限公司: a name ending in 集团 or 公司 without
    a legal form is the same company as a legal name in the article that ends in the
    same word before its legal form and holds its characters in order from the same
    first character (words dropped inside: 国际; a place dropped before). Only one such
    legal name may fit (中国电建集团 is not 中国电建集团江西省电力设计院有限公司: that one
    ends in 设计院)."""
    legal = []
    for f in fulls:
        fs = text[f.start:f.end]
        m = _LEGAL_TAIL.search(fs)
        if m is not None and m.start() > 0:
            # 贵州磷化（集团）有限责任公司: 集团 in brackets ends the core as well
            legal.append((fs[:m.start()].translate(_NO_BRACKETS), f.key))
    if not legal:
        return
    for c in fulls:
        cs = text[c.start:c.end]
        if c.key != norm(cs) or _LEGAL_TAIL.search(cs):
            continue
        suffix = next((x for x in _GROUP_SUFFIXES if cs.endswith(x)), "")
        core = cs[:-len(suffix)] if suffix else ""
        if len(core) < 2:
            continue
        keys = {k for fcore, k in legal
                if fcore.endswith(suffix) and k != c.key
                and any(b and b[0] == core[0] and len(b) >= len(core) and is_subsequence(core, b)
                        for b in _bodies(fcore[:-len(suffix)], lex))}
        if len(keys) == 1:
            c.key = keys.pop()


def _strip_quotes(name: str) -> str:
    return name.translate(_NO_QUOTES)


_NO_QUOTES = str.maketrans("", "", QUOTES)
_NO_BRACKETS = str.maketrans("", "", "（）()")
