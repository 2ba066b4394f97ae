"""Find named projects: construction and investment projects, plants, bases,
parks, science cities, headquarters, lines of a metro or railway.

Rules (data in rules/projects.yaml):
  project.head   a name ending in a project head (…项目, …工程, …基地, …产业园, 科技城,
                 总部, 生产线, 东延线, 3号线, 高铁, 机场…). The right end is the last
                 head of a run (…一体化项目生活垃圾焚烧发电工程 is one name), extended
                 by 核心启动区, 二期, (二期), 银川至惠农南段; a head followed by a noun that
                 continues another name (工程建设指挥部, 工程师) is no end. The left
                 end is found by walking left over the jieba tokens until punctuation,
                 a stop word (推进, 建设, 的…; rules/projects.yaml `left_stops`), a date
                 or the sentence start; the word right before the head always belongs
                 to the name (小城镇建设项目); quotes and brackets inside are kept
                 (“万亩方×极飞”超级农场, 远景(沈阳)…基地项目) and 和/及 continue a name
                 unless the word before them ends in 项目 (A项目和B项目 are two).
                 研究院, 研发中心, 智算中心, 数据中心集群, 小镇, a bare 生产线…
                 count only where the sentence builds, opens or unveils them
                 (揭牌, 开工, 落户), and only by a verb about them (not 揭牌 after
                 X研究院与Y共建的Z实验室: the institute acts); a 生产线 also where it
                 is signed or invested in, not where it runs (满负荷运转). 高速 is a
                 head only before a section (京港澳高速湘潭段).
  project.list   the items of a list closed by 等N个…项目 (三菱树脂、横滨轮胎、
                 协鑫光伏二期等7个外资项目; 地铁1号线东延线、3号线、6号线等项目).
  project.lexicon  surfaces of the user lexicon.
  project.short  a name without a place, company or trigger of its own, taken
                 because it is a short form of a project named in full before.
A phrase made only of generic words, places and counts before its head is no
name (重点项目, 50个重点科技项目, 沈阳市重大项目; but a place and a park head make
one: 浑南科技城), nor is a slogan (“双核一基地”, “十百千”工程) or a phrase after a
count (10所涉外定点医院); a span that is a place (宁东基地) is left to places.
A name must also be named: it holds a place, company or organization, quotes or
letters (3GW), it is a section or phase of one thing (川藏铁路拉林段, …小镇二期),
a line named by the abbreviated places it joins (成渝中线高铁, 成自宜高铁; not 开通高铁),
a water diversion named by its shape (南水北调中线工程, 引汉济渭二期工程), a science
city with a name word (伊滨科技城),
a place name opens it before a park, line or centre head (中卫数据中心集群), it is
joined by 和/及 to a project just named (…二期项目和亦庄智算中心), or its clause (or
the next) begins, signs or opens it (开工, 签约, 投产, 揭牌, 贯通…). A head followed
by a count is a category (新签约…配套项目27个). `name`: the span without quotes; a later short
form of a project named in full earlier links to it (远景零碳新能源装备制造基地 →
远景(沈阳)零碳新能源产业装备制造基地项目): same first character, its
characters in order, and the full name (less a trailing 项目) ends with its head.
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

import regex

from ..regex_cache import compile_regex
from ..ruleset import MATCH_TIMEOUT, load_yaml
from .base import Context, Mention
from .gazetteer import Matcher, build_automaton, find_all, find_all_in, share, user_matcher
from .namespan import FUNCTION_CHARS, is_subsequence

MAX_LEN = 45
WINDOW = 80          # how far from a name its trigger verb is looked for
OPEN_QUOTES = {"”": "“", "」": "「", "』": "『", "\"": "\""}
CLOSE_BRACKETS = {"）": "（", ")": "("}
QUOTE_CHARS = "“”「」『』\""
NAME_CHAR = compile_regex(r"[\p{Han}A-Za-z0-9０-９Ａ-Ｚａ-ｚ·×&\-+±—－]")
# The name characters at the end of a word; a point only between digits (第10.5代).
# ± and a dash between two names (陇东—山东±800千伏…工程) stay inside a name.
NAME_TAIL = compile_regex(r"(?:[\p{Han}A-Za-z0-9０-９Ａ-Ｚａ-ｚ·×&\-+±]|(?<=\p{Han})[—－](?=\p{Han})"
                          r"|(?<=[0-9０-９])[.．](?=[0-9０-９])"
                          r"|(?<=吨|瓦|立方米|标方)/)+$")   # 120万吨/年乙烯项目
COUNT_BEFORE = compile_regex(r"(?:[0-9０-９]+|[一二两三四五六七八九十百千几数多]+)[个家项批户座条所]$")
CLASSIFIERS = frozenset("个家项批户座条所")
COUNT = compile_regex(r"(?:[0-9０-９]+|[一二两三四五六七八九十百千几数多]+)[个家项批户座条所]")
AMOUNT = compile_regex(r"[0-9０-９.]+|[一二两三四五六七八九十百千万亿几数多]+|[个家项批类所万亿千百]|万?亿?美?元|万美元|亿美元")
# Slogans shaped like names: “双核一基地”, 一区两园.
SLOGAN = compile_regex(r"[一二两三四五六七八九十双百千万]+[大核区园带城心]|“[0-9０-９一二两三四五六七八九十双百千万+＋]+”")
# A number with letters is specific (年产3GW, 600MW); 1号线 too; so is a generation of
# a technology in digits (8.6代显示面板生产线, 第6代柔性…).
SPECIFIC_CHARS = compile_regex(r"[0-9０-９][A-Za-zＡ-Ｚａ-ｚ]|[A-Za-zＡ-Ｚａ-ｚ]{2}|[0-9０-９一二三四五六七八九十]号线|[“”「」『』]"
                               r"|[0-9０-９]代")
# 年产20万吨…, 年处理50万吨…, 年屠宰10万头…, 年出栏5万头…, 年吞吐100万标箱…: a capacity that opens a plant's name
CAPACITY_FIRST = compile_regex(r"年(?:产|产能|加工|处理|屠宰|出栏|吞吐|养殖)[约近超]?[0-9０-９一二三四五六七八九十百千万]")
# 合作共建的轨道交通装备研究院: what is built by someone is named, not described.
BUILT_BY = compile_regex(r"(?:建|建设|打造|投建|开发|投资)的$")
CLAUSE_END = compile_regex(r"[，,；;。！？!?\n]")
# 新签约机器人产业项目32个: a count right after the head makes the phrase a category.
# (新增…生产线6条, 建成…水厂3座, …服务站12处: lines, works and sites counted the same way)
COUNT_AFTER = compile_regex(r"(?:[0-9０-９]+|[一二两三四五六七八九十百千几数多]+)(?:余|多)?[个项批家条座处所]")
# …小镇二期, …基地三期, …项目（一期）: a phase after the head names one undertaking.
PHASE_END = compile_regex(r"[一二三四五六七八九十0-9０-９]期(?:工程|项目)?[)）]?$")
_PHASE_TAIL = compile_regex(r"[一二三四五六七八九十]期(?:项目|工程)?$")
# Heads of lines whose sections are named (川藏铁路拉林段, 京港澳高速湘潭段).
LINE_HEADS = frozenset({"高铁", "铁路", "城际铁路", "高速公路", "高速"})
CONJUNCTIONS = frozenset("和及与、")
GLUED_STOPS = (FUNCTION_CHARS - {"了"}) | {"为"}


@dataclass(frozen=True)
class _Rules:
    heads_re: "regex.Pattern[str]"
    weak_heads: frozenset[str]
    signed_weak_heads: frozenset[str]       # 生产线: also where it is signed or invested in
    signed_triggers_re: "regex.Pattern[str]"
    triggers_re: "regex.Pattern[str]"
    right_ext_re: "regex.Pattern[str]"
    right_block: tuple[str, ...]
    right_block_chars: str
    left_stops: frozenset[str]
    left_stop_verbs: tuple[str, ...]
    generic: frozenset[str]
    place_named_heads: frozenset[str]
    landform_named_heads: frozenset[str]     # 工程: a place or landform and a description name it
    built_named_heads: frozenset[str]        # 物流中心: named once built (a weak head governed)
    first_ok: tuple[str, ...]
    inner_heads: tuple[str, ...]
    strong_triggers_re: "regex.Pattern[str]"
    list_re: "regex.Pattern[str]"
    heads_ac: Matcher            # the heads of heads_re as an automaton (see _head_spans)
    section_heads_re: "regex.Pattern[str]"   # 高速 before a section only (京港澳高速湘潭段)
    noun_heads_re: "regex.Pattern[str]"      # …的<another named thing>: see _governed
    whole_terms: tuple[str, ...] = ()        # 全 + 产业链: one term, 全 no stop before it
    landform_whole_heads: frozenset[str] = frozenset()   # 白果河特大桥: a landform name alone names it
    expressway_re: "regex.Pattern[str] | None" = None    # 厦蓉高速: place abbreviations + 高速
    expressway_chars: str = ""
    before_re: "regex.Pattern[str] | None" = None   # 共建…研究院: a trigger only before the name
    zone_suffixes: tuple[str, ...] = ()     # 综合保税区: a zone + a phase + a head is a name
    place_named_kinds: frozenset[str] = frozenset()  # 城关区棚户区改造项目: a place names its own renewal
    origin_prefixes: tuple[str, ...] = ()    # 德资博斯特伦…工厂: an investor's origin opens no name
    verb_terms: tuple[str, ...] = ()         # 续建配套: a stop verb that begins a fixed term of a name
    part_works: tuple[str, ...] = ()         # …项目主体工程: the works of a part of a named project
    list_stops: frozenset[str] = frozenset()  # 重点项目包括X: a stop that ends the name after 项目 too


@functools.lru_cache(maxsize=1)
def rules() -> _Rules:
    spec = load_yaml("projects.yaml")
    heads = sorted(set(spec["heads"]) | set(spec["weak_heads"]), key=len, reverse=True)
    stops = frozenset(spec["left_stops"])
    return _Rules(
        # 3号线 needs its number: the number is matched with the head.
        heads_re=compile_regex(r"(?:[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})号线|\L<heads>",
                               heads=[h for h in heads if h != "号线"]),
        weak_heads=frozenset(spec["weak_heads"]),
        signed_weak_heads=frozenset(spec.get("signed_weak_heads", ())),
        signed_triggers_re=compile_regex(r"\L<t>", t=spec.get("signed_triggers") or ["签约"]),
        triggers_re=compile_regex(r"\L<t>", t=spec["weak_head_triggers"]),
        right_ext_re=compile_regex(
            r"(?:\L<ext>){1,2}|[(（][^()（）\n]{1,8}?(?:期|段)[)）]|\p{Han}{2,6}至\p{Han}{2,6}段"
            r"|(?<=高铁|铁路|城际|高速公路|高速)\p{Han}{2}段"      # 沪渝蓉高铁武宜段
            r"|(?<=试验区)\p{Han}{2,4}片区"           # 中国（广西）自由贸易试验区南宁片区
            r"|(?<=工程|项目|高速公路|铁路)第[0-9０-９一二三四五六七八九十]{1,3}标段",   # …扩容工程第3标段
            ext=sorted(spec["right_extensions"], key=len, reverse=True)),
        right_block=tuple(sorted(spec["right_block"], key=len, reverse=True)),
        right_block_chars=spec["right_block_chars"],
        left_stops=stops,
        left_stop_verbs=tuple(s for s in stops if len(s) >= 2),
        generic=frozenset(spec["generic"]) | frozenset(spec["industries"]),
        place_named_heads=frozenset(spec["place_named_heads"]),
        landform_named_heads=frozenset(spec.get("landform_named_heads", ())),
        built_named_heads=frozenset(spec.get("built_named_heads", ())),
        first_ok=tuple(spec["first_ok"]),
        whole_terms=tuple(spec.get("whole_terms") or ()),
        landform_whole_heads=frozenset(spec.get("landform_whole_heads", ())),
        expressway_chars=spec.get("expressway_abbreviations", ""),
        expressway_re=compile_regex(
            r"(?:[GS][0-9]{1,4})?[" + regex.escape(spec["expressway_abbreviations"]) + r"]{2,3}高速(?!\L<b>)",
            b=spec["expressway_right_block"]) if spec.get("expressway_abbreviations") else None,
        before_re=compile_regex(r"\L<t>", t=spec["before_triggers"]) if spec.get("before_triggers") else None,
        origin_prefixes=tuple(sorted(spec.get("origin_prefixes") or (), key=len, reverse=True)),
        verb_terms=tuple(spec.get("verb_terms") or ()),
        part_works=tuple("项目" + w for w in spec.get("part_works") or ()),
        list_stops=frozenset(spec.get("list_stops") or ()),
        inner_heads=tuple(spec["heads"]),
        strong_triggers_re=compile_regex(r"\L<t>", t=spec["strong_triggers"]),
        list_re=compile_regex(
            r"等(?:[0-9０-９]+|[一二两三四五六七八九十百几数多]+)?(?:个|项|批|大)?"
            r"(?:(?!产业|行业|领域|民生|基础设施|企业|公司|单位|共计|类|[家户])[^，。；、,;\n“”]){0,24}?项目"),
        heads_ac=build_automaton(h for h in heads if h != "号线"),
        section_heads_re=compile_regex(
            r"(?<=\p{Han})(?:\L<h>)(?=\p{Han}{2}段|\p{Han}{2,6}至\p{Han}{2,6}段)",
            h=spec["section_only_heads"]),
        noun_heads_re=compile_regex(
            r"的[^，,；;。！？!?\n]*?(?:\L<h>|实验室|研究所|平台|中心)",
            h=heads + ["号线"]),
        zone_suffixes=tuple(spec.get("zone_place_suffixes", ())),
        place_named_kinds=frozenset(spec.get("place_named_kinds", ())),
    )


share(lambda: rules().heads_ac)         # matched in the shared pass over each document


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


_LINE_DIGITS = (frozenset("0123456789０１２３４５６７８９"), frozenset("一二三四五六七八九十"))


def _head_spans(text: str, r: _Rules, ctx: Context | None = None) -> list[tuple[int, int]]:
    """The spans of `heads_re.finditer(text, overlapped=True)`, found 5x faster: at
    each start a numbered line (3号线: one to three digits of one kind, then 号线)
    if any, else the longest head starting there."""
    longest: dict[int, int] = {}
    for s, e, _v in (find_all_in(ctx, r.heads_ac) if ctx is not None else find_all(r.heads_ac, text)):
        if s not in longest:          # find_all gives the longest first at each start
            longest[s] = e
    j = text.find("号线")
    while j >= 0:
        for i in range(max(0, j - 3), j):
            if any(all(c in digits for c in text[i:j]) for digits in _LINE_DIGITS):
                longest[i] = j + 2
        j = text.find("号线", j + 1)
    if "段" in text:
        for m in r.section_heads_re.finditer(text, timeout=MATCH_TIMEOUT):
            if m.end() > longest.get(m.start(), 0):
                longest[m.start()] = m.end()
    return sorted(longest.items())


@dataclass
class _Cand:
    start: int
    end: int
    head_start: int
    rule: str
    section: bool = False       # a line and its section (川藏铁路拉林段)


def find_projects(ctx: Context) -> list[Mention]:
    r = rules()
    text = ctx.text
    date_ends = {m.end for m in ctx.mentions.get("date", [])}
    place_at = {m.start: m.end for m in ctx.mentions.get("place", [])}
    places = {(m.start, m.end) for m in ctx.mentions.get("place", [])}
    company_at = {m.start: m.end for m in ctx.mentions.get("company", [])}
    company_spans = sorted(company_at.items())
    place_end_at = {m.end: m.start for m in ctx.mentions.get("place", [])}
    # …分公司为裕龙岛…项目 cut 分公司/为裕龙岛: a function character that the segmenter
    # glued to the next word right after a company or organization ends the project
    glued = frozenset(m.end for t in ("company", "organization") for m in ctx.mentions.get(t, ())
                      if m.end < len(text) and text[m.end] in GLUED_STOPS)
    cands: list[_Cand] = []

    # 1. Head-anchored names, right to left so that inner heads are consumed.
    heads = _head_spans(text, r, ctx)
    heads = _best_heads(ctx, heads)
    covered = bytearray(len(text) + 1)        # characters inside names found so far
    for hs, he in sorted(heads, key=lambda h: -h[1]):
        if covered[he - 1]:
            continue          # an inner head of a longer name already found
        if not _is_end(ctx, he, r):
            continue
        head = text[hs:he]
        if head == "工程" and r.part_works and text.endswith(r.part_works, 0, hs):
            continue          # 妇幼保健院迁建项目主体工程封顶: the project ends at 项目
        end = _extend_right(ctx, he, r, place_at)
        start = _left_edge(ctx, hs, r, date_ends, glued)
        if r.origin_prefixes and text.startswith(r.origin_prefixes, start):
            # 德资博斯特伦沈抚工厂 (the segmenter glues 德资博): the investor's origin is no part
            w = next(w for w in r.origin_prefixes if text.startswith(w, start))
            if hs - start - len(w) >= 2:
                start += len(w)
        if head in LINE_HEADS:
            start = _route_start(text, start, hs, place_end_at)
        start = _company_start(company_spans, start, hs)
        if start > 0 and _GRID_WORDS.search(text, start, end):
            v = _VOLTAGE_BEFORE.search(text, max(ctx.sentence_of(max(0, start - 1))[0], start - 16), start)
            if v:
                start = v.start()     # 500千伏满都拉变电站扩建工程: the voltage class opens a grid name
        if head.endswith("号线"):
            pe = place_at.get(start)
            while pe is not None and pe in place_at:
                pe = place_at[pe]     # 山西太原 + 地铁1号线
            if pe is not None and text.startswith(("地铁", "轨道交通"), pe):
                start = pe        # 西安 + 地铁8号线: the city names the network, not the line
        if head in r.weak_heads and not _governed(ctx, start, end, r) and not (
                head in r.signed_weak_heads and _in_trigger_clause(ctx, start, end, r.signed_triggers_re)):
            continue
        if start >= hs and not head.endswith("号线"):
            continue
        cands.append(_Cand(start, end, hs, "project.head",
                           section=(head in LINE_HEADS and end > he and text[end - 1] == "段")
                           or (end > he and text.endswith("标段", 0, end))))   # …工程第3标段: one named bid section
        covered[start:end] = b"\x01" * (end - start)

    # 1b. Expressways named by place abbreviations (厦蓉高速, G60沪昆高速).
    if r.expressway_re is not None and "高速" in text:
        abbr = r.expressway_chars
        for m in r.expressway_re.finditer(text, timeout=MATCH_TIMEOUT):
            s0, e0 = m.start(), m.end()
            if covered[s0] or covered[e0 - 1] or (s0 > 0 and text[s0 - 1] in abbr) \
                    or place_at.get(s0) == e0 - 2 or company_at.get(s0, 0) >= e0:
                continue      # 江西高速: a place; 四川高速 (a company's short name)
            cands.append(_Cand(s0, e0, e0 - 2, "project.expressway", section=True))
            covered[s0:e0] = b"\x01" * (e0 - s0)

    # 2. List items before 等N个…项目.
    by_span = {(c.start, c.end): c for c in cands}
    for m in _list_matches(text, r):
        for s, e in _list_items(ctx, m.start(), r, date_ends):
            if (s, e) in by_span:
                by_span[(s, e)].rule = "project.list"
            elif not covered[s] and not covered[e - 1]:
                c = _Cand(s, e, e, "project.list")
                by_span[(s, e)] = c
                covered[s:e] = b"\x01" * (e - s)
    cands = sorted(by_span.values(), key=lambda c: c.start)

    # 3. User lexicon.
    canon: dict[tuple[int, int], str] = {}
    if ctx.lexicon:
        for s, e, c in find_all(user_matcher(ctx.lexicon, "project"), text):
            if ctx.is_token_start(s) and ctx.is_token_end(e):
                cands = [x for x in cands if not (x.start < e and s < x.end)]
                cands.append(_Cand(s, e, s, "project.lexicon"))
                canon[(s, e)] = c

    idx = _Index.of(ctx)
    out: list[Mention] = []
    later: list[_Cand] = []
    generic_later: list[_Cand] = []       # 储能产业园 after 宁乡经开区储能产业园项目: see below
    last_end = -1
    for c in sorted(cands, key=lambda c: c.start):
        span = (c.start, c.end)
        if span in places:
            continue
        if c.rule != "project.lexicon":
            generic = _generic(ctx, c.start, c.head_start, r, idx)
            if generic or not _acceptable(ctx, c, r, idx, generic):
                if not generic:
                    if _joined(ctx, c, last_end, r):
                        # 加快建设亦庄…二期项目和亦庄智算中心: joined to a project named just
                        # before, under the same verb
                        out.append(Mention("project", c.start, c.end, text[c.start:c.end], c.rule,
                                           {"name": _strip_quotes(text[c.start:c.end])}))
                        last_end = c.end
                        continue
                    later.append(c)
                elif c.end - c.start >= 4 and c.head_start - c.start >= 2 \
                        and not text.endswith(_KIND_HEADS, c.start, c.end):
                    generic_later.append(c)
                continue
        surface = text[c.start:c.end]
        out.append(Mention("project", c.start, c.end, surface, c.rule,
                           {"name": canon.get(span) or _strip_quotes(surface)}))
        last_end = c.end
    # A short form of a project named in full is taken too (远景零碳新能源装备制造基地).
    names = _by_first_char(m.attrs["name"] for m in out)
    suffixes = _suffix_index(names)
    index = _NameIndex(names) if len(out) > _INDEX_FROM else None
    memo: dict[str, str | None] = {}
    tails = None
    # 沈抚工厂一期投产… / 沈抚工厂将成为…: a plant named with its phase is named without it too
    unphased = {}
    for m in out:
        ph = _PHASE_TAIL.search(m.text)
        if ph and len(m.text) - len(ph.group()) >= 4 and m.attrs["name"].endswith(ph.group()):
            unphased[m.text[:ph.start()]] = m.attrs["name"][:-len(ph.group())]
    for c in later:
        if COUNT_AFTER.match(text, c.end):
            continue   # 建成深远海养殖平台14座 after “宁海1号”深远海养殖平台: counted, a class
        short = _strip_quotes(text[c.start:c.end])
        # the same name found by a rule elsewhere in the article (雄忻高铁…开工 / 雄忻高铁是…)
        if short in names.get(short[:1], ()):
            full = short
        elif len(short) >= 4 and not PHASE_END.search(short) and any(
                k.endswith(short) for k in unphased):
            full = max((v for k, v in unphased.items() if k.endswith(short)), key=len)   # the fullest
        else:
            if short not in memo:
                memo[short] = _full_form(short, names, suffixes, index)
            full = memo[short]
        if not full:
            if tails is None:
                tails = _placed_tails(out)
            full = _tail_name(tails, short, c.start)   # 航空动力产业园 after 沈阳航空动力产业园
        if full:
            out.append(Mention("project", c.start, c.end, text[c.start:c.end], "project.short", {"name": full}))
    # A generic-looking phrase (not …项目, …工程) that is the tail of a project named in
    # full before it, after the place that opens that name (储能产业园 after
    # 宁乡经开区储能产业园项目), is a short form of it.
    if generic_later and out:
        tails = _placed_tails(out)
        for c in generic_later:
            full = _tail_name(tails, text[c.start:c.end], c.start)
            if full:
                out.append(Mention("project", c.start, c.end, text[c.start:c.end], "project.short", {"name": full}))
    out.sort(key=lambda m: m.start)
    # 蒙泰绿能鄂尔多斯库布其…基地项目 (a title) where the article also names the project
    # without the company (…投资建设的鄂尔多斯库布其…基地项目): the company stays outside
    texts = {m.text: m.attrs.get("name") for m in out}
    for i, m in enumerate(out):
        ce = company_at.get(m.start)
        if ce is not None and m.start < ce < m.end and text[ce:m.end] in texts \
                and not text.endswith("公司", m.start, ce):
            # (a full legal name before a plant stays: …（中国）有限公司沈抚工厂一期 is the plant)
            rest = text[ce:m.end]
            out[i] = Mention("project", ce, m.end, rest, m.rule, {**m.attrs, "name": texts[rest] or _strip_quotes(rest)})
    _link_short_forms(out)
    if "简称" in text or "下称" in text:
        out = _with_aliases(ctx, out)
    return out


# 毕节至威宁高速公路（以下简称“毕威高速”）: the article's own short form of a project
_ALIAS = compile_regex(r"[（(](?:以下)?(?:简称|下称)[“\"「]([^”\"」（）()\n，,、；;。]{2,12})[”\"」][）)]")


def _with_aliases(ctx: Context, out: list[Mention]) -> list[Mention]:
    """Every occurrence of a short form that a project defines right after its
    name (（以下简称“X”）) is that project."""
    text = ctx.text
    taken = sorted((m.start, m.end) for m in out)
    added: list[Mention] = []
    drop: set[tuple[int, int]] = set()
    for m in list(out):
        a = _ALIAS.match(text, m.end)
        if a is None:
            continue
        alias = a.group(1)
        if alias in rules().generic:
            continue
        i = text.find(alias)
        while i >= 0:
            j = i + len(alias)
            k = bisect.bisect_left(taken, (j, -1))
            near = [(s, e) for s, e in taken[max(0, k - 3):k] if s < j and i < e]
            if all(i <= s and e <= j and (s, e) != (i, j) for s, e in near):
                # 6号线东延 over the 6号线 inside it: the defined short form wins
                for span in near:
                    taken.remove(span)
                    drop.add(span)
                added.append(Mention("project", i, j, alias, "project.alias", {"name": m.attrs["name"]}))
                bisect.insort(taken, (i, j))
            i = text.find(alias, j)
    if not added:
        return out
    return sorted([m for m in out if (m.start, m.end) not in drop] + added, key=lambda m: m.start)


def _route_start(text: str, start: int, hs: int, place_end_at: dict[int, int]) -> int:
    """毕节至都格高速公路: a line named by its two ends starts at the first one,
    a place right before 至 (the segmenter may cut the second end: 至/都/格)."""
    k = text.rfind("至", max(0, hs - 8), hs)
    if k > 0 and start > k and k in place_end_at and all(_is_han(c) for c in text[k + 1:hs]):
        return place_end_at[k]
    return start


def _company_start(company_spans: list[tuple[int, int]], start: int, hs: int) -> int:
    """成都云栖文旅发展集团有限公司北川…项目: a name whose left end falls inside a
    company right before it takes the whole company (the dev gold keeps a signing
    list's company in the project's span)."""
    i = bisect.bisect_left(company_spans, (start, -1)) - 1
    if i >= 0:
        cs, ce = company_spans[i]
        if cs < start < ce <= hs:
            return cs
    return start


# …项目, …工程 after generic words name a kind (保障性租赁住房项目) even where a project
# named in full ends so: no short form
_KIND_HEADS = ("项目", "工程")


def _known_places() -> frozenset:
    """The place names companies.py knows (its lexicons are cached)."""
    from .companies import lexicons as company_lexicons

    return company_lexicons().place_set


def _placed_tails(found: list[Mention]) -> dict[str, dict[str, int]]:
    """For each project found, the tails of its name (less a trailing 项目) that follow
    a place word opening it (宁乡经开区储能产业园项目 -> 经开区储能产业园, 储能产业园…):
    tail -> {name: the end of its first mention}."""
    places = _known_places()
    tails: dict[str, dict[str, int]] = {}
    seen: set[str] = set()
    for m in sorted(found, key=lambda m: m.end):
        name = m.attrs.get("name") or m.text
        if name in seen:
            continue
        seen.add(name)
        core = name[:-2] if name.endswith("项目") else name
        k = next((k for k in range(min(6, len(core) - 4), 1, -1) if core[:k] in places), 0)
        if not k:
            continue
        for i in range(k, len(core) - 3):
            tails.setdefault(core[i:], {}).setdefault(name, m.end)
    return tails


def _tail_name(tails: dict[str, dict[str, int]], short: str, start: int) -> str | None:
    """The one name of a project found before `start` that `short` (or `short` less
    a trailing 项目) is a placed tail of, else None."""
    hits = tails.get(short) or tails.get(short[:-2] if short.endswith("项目") else short) or {}
    names = [name for name, end in hits.items() if end <= start]
    return names[0] if len(names) == 1 else None


_COUNT_RUN = compile_regex(r"[0-9０-９]+|[一二两三四五六七八九十百几数多]+")


def _list_matches(text: str, r: _Rules):
    """`r.list_re.finditer(text)` (等, a count, a classifier, up to 24 characters,
    项目): tried only at a 等 with a 项目 close enough after it."""
    xm = []
    i = text.find("项目")
    while i >= 0:
        xm.append(i)
        i = text.find("项目", i + 1)
    if not xm:
        return
    end = 0
    d = text.find("等")
    while d >= 0:
        if d >= end:
            run = _COUNT_RUN.match(text, d + 1)
            bound = (run.end() if run else d + 1) + 1 + 24
            k = bisect.bisect_left(xm, d + 1)
            if k < len(xm) and xm[k] <= bound:
                m = r.list_re.match(text, d, timeout=MATCH_TIMEOUT)
                if m is not None:
                    end = m.end()
                    yield m
        d = text.find("等", d + 1)


def _best_heads(ctx: Context, heads: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """For each end offset keep the longest head (产业基地 over 基地)."""
    best: dict[int, tuple[int, int]] = {}
    for hs, he in heads:
        if he not in best or hs < best[he][0]:
            best[he] = (hs, he)
    return list(best.values())


def _is_end(ctx: Context, he: int, r: _Rules) -> bool:
    text = ctx.text
    if he < len(text) and text[he] in r.right_block_chars:
        return False          # 工程师, 项目部: the head is part of a longer word
    return not text.startswith(r.right_block, he)


def _clause_window(ctx: Context, start: int, end: int) -> tuple[int, int]:
    """[from, to) of the clause holding text[start:end] and the next one, within
    the sentence and WINDOW characters either side."""
    text = ctx.text
    s_start, s_end = ctx.sentence_of(start)
    s_end = min(s_end, end + WINDOW)
    m = CLAUSE_END.search(text, end, s_end)
    stop = s_end
    if m:
        m2 = CLAUSE_END.search(text, m.end(), s_end)
        stop = m2.start() if m2 else s_end
    clause_start = max(s_start, start - WINDOW)
    back = [x.end() for x in CLAUSE_END.finditer(text, clause_start, start)]
    if back:
        clause_start = back[-1]
    return clause_start, stop


def _in_trigger_clause(ctx: Context, start: int, end: int, pattern: "regex.Pattern[str]") -> bool:
    """A trigger verb in the clause of [start, end) or the next one (A基地,B项目同日开工)."""
    clause_start, stop = _clause_window(ctx, start, end)
    return pattern.search(ctx.text, clause_start, stop) is not None


def _governed(ctx: Context, start: int, end: int, r: _Rules) -> bool:
    """A build/open/unveil verb (r.triggers_re) of the clause (or the next) that is
    about text[start:end]: not one that follows a relative clause the name is
    part of (X研究院与Y共建的Z实验室日前揭牌: 揭牌 is about Z; X acts)."""
    text = ctx.text
    clause_start, stop = _clause_window(ctx, start, end)
    for t in r.triggers_re.finditer(text, clause_start, stop):
        if t.start() >= end and r.noun_heads_re.search(text, end, t.start()):
            continue
        return True
    return r.before_re is not None and r.before_re.search(text, clause_start, start) is not None


def built_or_opened(ctx: Context, start: int, end: int) -> bool:
    """Whether the clause of text[start:end] (or the next one) builds, opens or
    unveils that very name (organizations.py asks this of a 研究院 or 研究中心)."""
    return _governed(ctx, start, end, rules())


def _joined(ctx: Context, c: _Cand, last_end: int, r: _Rules) -> bool:
    """text[c] follows 和/及/、 right after a project accepted before it, in a
    clause with a build/open verb (A项目和B中心 under 加快建设)."""
    text = ctx.text
    if c.start < 1 or last_end != c.start - 1 or text[c.start - 1] not in CONJUNCTIONS:
        return False
    return _in_trigger_clause(ctx, c.start, c.end, r.triggers_re) or \
        _in_trigger_clause(ctx, c.start, c.end, r.strong_triggers_re)


def _extend_right(ctx: Context, he: int, r: _Rules, place_at: dict[int, int]) -> int:
    """二期, (二期), 核心启动区, 银川至惠农南段; a line's section named by a place (湖州段)."""
    m = r.right_ext_re.match(ctx.text, he)
    end = m.end() if m else he
    pe = place_at.get(end)
    if pe is None:
        pe = _place_word_at(ctx, end, 4, "段")       # …改扩建工程湖南段 (湖南段 one token)
    if pe is not None and ctx.text.startswith("段", pe):
        end = pe + 1
    return end


def _place_word_at(ctx: Context, pos: int, longest: int, before: str) -> int | None:
    """The end of a known place name of 2..`longest` characters at `pos` that `before`
    follows, else None."""
    text = ctx.text
    if not before or before[0] not in text[pos + 2:pos + longest + 1]:
        return None
    places = _known_places()
    for k in range(longest, 1, -1):
        if text.startswith(before, pos + k) and text[pos:pos + k] in places:
            return pos + k
    return None


# 6号至10号 (berths, piers, buildings): a range of numbered parts inside a name
_NUMBER_RANGE = compile_regex(r"[0-9０-９]{1,3}号?[至到~－-][0-9０-９]{1,3}号$")


def _left_edge(ctx: Context, hs: int, r: _Rules, date_ends: set[int], glued: frozenset = frozenset()) -> int:
    """Walk left from `hs` over name tokens; the start of the name. A token that
    begins at an offset of `glued` (a name ends there, a function character follows)
    ends the walk after that character."""
    text = ctx.text
    sent_start = ctx.sentence_of(max(0, hs - 1))[0]
    starts, tokens = ctx.token_starts(), ctx.tokens
    words = _words_of(r)
    pos, first = hs, True
    while pos > sent_start and hs - pos < MAX_LEN:
        ch = text[pos - 1]
        if ch == "号" and pos - sent_start > 5 and not first:
            m = _NUMBER_RANGE.search(text, max(sent_start, pos - 12), pos)
            if m and m.start() > sent_start and _is_han(text[m.start() - 1]):
                pos, first = m.start(), False     # 梅山港区6号至10号集装箱码头: numbered berths inside
                continue
        if pos in date_ends:
            break
        if ch in "—－" and pos >= 2 and pos < len(text) and _is_han(text[pos - 2]) and _is_han(text[pos]):
            pos, first = pos - 1, False       # 陇东—山东±800千伏…: a dash between two names
            continue
        if ch in OPEN_QUOTES or ch in CLOSE_BRACKETS:
            # “万亩方×极飞”超级农场, 远景(沈阳)零碳…: a quoted or bracketed part inside
            pairs = OPEN_QUOTES if ch in OPEN_QUOTES else CLOSE_BRACKETS
            opener = text.rfind(pairs[ch], max(sent_start, pos - 25), pos - 1)
            inner = text[opener + 1:pos - 1]
            if opener < 0 or not inner or not all(NAME_CHAR.match(c) for c in inner):
                break
            if ch in CLOSE_BRACKETS and (opener == 0 or not NAME_CHAR.match(text[opener - 1])):
                break
            pos, first = opener, False
            continue
        i = bisect.bisect_right(starts, pos - 1) - 1
        ts = tokens[i if i > 0 else 0][0]
        if ts < sent_start:
            ts = sent_start
        lo = ts - 1 if ts > 0 else 0
        chunk = text[lo:pos]                 # one character of context for 10.5
        m_start = _TAILS.get(chunk)
        if m_start is None:
            m_start = _tail_start(chunk)
        if m_start < 0:
            break
        cut = lo + m_start
        if cut < ts:
            cut = ts
        word = text[cut:pos]
        if cut in glued and pos - cut > 2:
            pos = cut + 1
            break
        flags = words.get(word)
        if flags is None:
            flags = _word_flags(word, r, words)
        stop = flags & _STOP
        if stop and _ROAD_AFTER.match(text, pos):
            stop = 0          # 新建北路片区…改造工程: a verb that begins a street's name
        elif stop and word == "全" and text.startswith(r.whole_terms, pos):
            stop = 0          # 肉羊全产业链项目 cut 全/产业链: 全 belongs to the term
        elif stop and len(word) == 1 and _place_across(ctx, cut, pos, hs):
            stop = 0          # 华能如东海上风电项目 cut 如/东海/上: 如 opens the county 如东
        elif stop and r.verb_terms and text.startswith(r.verb_terms, cut):
            stop = 0          # 新丰江灌区续建配套与现代化改造项目: 续建 begins the term 续建配套
        if first:
            # 小城镇建设项目, 气田开发项目: a construction verb right before a head stays
            if stop and not flags & _FIRST_OK:
                break
            if word in ("和", "及", "与"):
                break         # …项目和研发中心建设: nothing names the second head
        else:
            # …三期项目新建航站楼…工程: a verb right after 项目 continues one long name
            if stop and (not text.endswith("项目", 0, cut) or len(word) == 1 or word in r.list_stops):
                break         # (…项目在…工业园区开工: a function word after 项目 ends the name)
            if word in ("和", "及", "与") and (text.endswith("项目", 0, cut) or (
                    text.endswith("工程", 0, cut) and text.startswith(("工程", "号线", "项目"), hs))):
                break         # …3号线二期工程和7号线一期工程, …改造工程和…项目: two names (not …绿氢工程和…研发中心)
            if flags & _COUNTED:
                break
        pos = cut
        # the word before an inner head is taken like the one before the head
        first = bool(flags & _INNER_HEAD)
        if cut > ts:
            break
    return pos


def _place_across(ctx: Context, cut: int, pos: int, hs: int) -> bool:
    """A known place name of 2-4 characters opens at `cut` and ends past `pos`, before
    `hs` (not 于都 of 于都市…: a place name then 市, 县 or 区 that makes no place)."""
    text, places = ctx.text, _known_places()
    for k in range(4, 1, -1):
        e = cut + k
        if pos < e <= hs and text[cut:e] in places:
            return text[e:e + 1] not in _DIVISION_CHARS or text[cut:e + 1] in places
    return False


_DIVISION_CHARS = frozenset("省市县区州镇乡")


# A street's name word right after a word (新建|北路, 解放|大街): that word is the street's.
_ROAD_AFTER = compile_regex(r"[东西南北中]?(?:路|大街|大道|街道|街)")


# What a word is to the left walk, memoized per rule set (words recur in every article).
_STOP, _FIRST_OK, _COUNTED, _INNER_HEAD, _GENERIC_WORD = 1, 2, 4, 8, 16
_WORDS: list = [None, {}]
_TAILS: dict[str, int] = {}


def _words_of(r: _Rules) -> dict[str, int]:
    if _WORDS[0] is not r or len(_WORDS[1]) > 100_000:
        _WORDS[:] = [r, {}]
    return _WORDS[1]


def _word_flags(word: str, r: _Rules, memo: dict[str, int]) -> int:
    flags = ((_STOP if word in r.left_stops or word.endswith(r.left_stop_verbs) else 0)
             | (_FIRST_OK if word in r.first_ok or word.endswith(r.first_ok) else 0)
             | (_COUNTED if COUNT.fullmatch(word) or word in CLASSIFIERS else 0)
             | (_INNER_HEAD if word.endswith(r.inner_heads) else 0)
             # generic, an amount or only quotes and brackets (see _generic)
             | (_GENERIC_WORD if word in r.generic or AMOUNT.fullmatch(word)
                or all(c in QUOTE_CHARS or c in "（）()" for c in word) else 0))
    if len(word) <= 32:
        memo[word] = flags
    return flags


def _tail_start(chunk: str) -> int:
    """Where NAME_TAIL matches in `chunk` (-1: nowhere), memoized for short chunks."""
    v = _TAILS.get(chunk)
    if v is None:
        m = NAME_TAIL.search(chunk)
        v = m.start() if m else -1
        if len(chunk) <= 32:
            if len(_TAILS) > 100_000:
                _TAILS.clear()
            _TAILS[chunk] = v
    return v


def _QUOTES_MEET(text: str, i: int) -> bool:
    """A closing quote right before i and an opening one at i (”“): two quoted items."""
    return text[i - 1:i] in ("”", "」", "』") and text[i:i + 1] in ("“", "「", "『")


def _list_items(ctx: Context, deng: int, r: _Rules, date_ends: set[int]) -> list[tuple[int, int]]:
    """A、B、C before 等: the spans of the items (the first one's left end by the walk)."""
    text = ctx.text
    sent_start = ctx.sentence_of(deng)[0]
    items: list[tuple[int, int]] = []
    end = deng
    while True:
        s = end
        while s > sent_start and text[s - 1] not in "、，。；：,;:!?！？\n" and end - s <= 30 \
                and not (s < end and _QUOTES_MEET(text, s)):
            s -= 1
        if text[s - 1:s] == "、" if s > 0 else False:
            if end - s >= 2:
                items.append((s, end))
            end = s - 1
            continue
        if sent_start < s < end and _QUOTES_MEET(text, s):
            items.append((s, end))    # “夜游漓江”“西街夜市”等: quoted items side by side
            end = s
            continue
        # the first item: walk left like a head-anchored name
        first = _left_edge(ctx, end, r, date_ends) if end > s else end
        if end - first >= 2:
            items.append((max(first, s), end))
        break
    out = []
    for s, e in items:
        while s < e and text[s] in QUOTE_CHARS and (text[e - 1] in QUOTE_CHARS):
            s, e = s + 1, e - 1
        if e - s >= 2 and e - s <= 30 and all(NAME_CHAR.match(c) or c in QUOTE_CHARS + "()（）" for c in text[s:e]):
            out.append((s, e))
    return out


def _acceptable(ctx: Context, c: _Cand, r: _Rules, idx: _Index, generic: bool | None = None) -> bool:
    """Not generic, not a slogan, and named: it holds a place, company or
    organization, quotes, brackets or letters, or its sentence says it is begun,
    signed, opened (开工, 签约, 投产, 揭牌…), or it is an item of a project list."""
    text = ctx.text
    surface = text[c.start:c.end]
    if generic is None:
        generic = _generic(ctx, c.start, c.head_start, r, idx)
    if generic or SLOGAN.search(_strip_quotes(surface)) \
            or SLOGAN.search(surface):
        return False
    if c.rule != "project.list" and COUNT_BEFORE.search(text, max(0, c.start - 6), c.start):
        return False          # 10所涉外定点医院, 3个产业园: a count makes a common noun
    if c.rule != "project.list" and COUNT_AFTER.match(text, c.end):
        return False          # 新签约动力电池及配套项目27个: a category counted
    if c.head_start - c.start == 1 and c.rule != "project.list":
        tok = ctx.token_at(c.start)
        if tok is not None and tok[0] == c.start and tok[1] > c.head_start:
            return False      # 变电站, 水电站: one common word, a character and a head
    if c.rule == "project.list" or SPECIFIC_CHARS.search(surface):
        return True
    head = r.heads_re.match(text, c.head_start)
    if head and head.group() in LINE_HEADS and c.end == head.end() and (
            _word_flags(text[c.start:c.head_start], r, _words_of(r)) & _STOP
            or r.strong_triggers_re.fullmatch(text, c.start, c.head_start)):
        return False          # 开通高铁后, 运营铁路: a verb and the kind of line, no name
    if c.section or (c.end > c.head_start and PHASE_END.search(surface)
                     and not PHASE_END.search(text, c.start, c.head_start)):
        return True           # 川藏铁路拉林段, 鲁朗国际旅游小镇二期: a section or phase of one thing
    if any(e <= c.end for _, e in idx.starting_in(idx.entities, c.start, c.end)):
        return True
    if head and (head.group() in r.place_named_heads or head.group() in r.weak_heads) \
            and _place_first(ctx, c.start, c.head_start):
        return True           # 中卫数据中心集群: a place name opens it (whether or not a place mention)
    if head and head.group() in r.built_named_heads and c.head_start - c.start >= 4 \
            and not _JOINED_INSIDE.search(text, c.start, c.head_start):
        return True           # 建设华港前海智慧物流中心: governed by a build verb, not generic
        #                       (not …制造工厂及…研发中心: two things joined)
    if head and head.group() in r.landform_named_heads and c.head_start - c.start >= 4 \
            and (_place_first(ctx, c.start, c.head_start) or _landform_first(ctx, c.start, c.head_start)
                 or any(s == c.start for s, _e in idx.starting_in(idx.places, c.start, c.head_start))):
        return True           # 黄河滩区生态修复工程, 贺兰山生态保护修复工程
    if text[c.start - 1:c.start] in "“「『" and text[c.end:c.end + 1] in "”」』":
        return True           # “锂电池铝塑膜黏合剂产品中试开发项目”: quoted whole
    if head and head.group() in _named_extra().word_heads and c.head_start - c.start >= 2:
        return True           # 伊滨科技城 (not generic: checked above)
    if head and _abbrev_line(text[c.start:c.head_start], head.group(), r):
        return True           # 成渝中线高铁, 成自宜高铁: the places it joins, abbreviated
    if head and head.group() in r.landform_named_heads and _named_extra().water.match(text, c.start):
        return True           # 南水北调中线工程, 引汉济渭二期工程
    if CAPACITY_FIRST.match(text, c.start) and c.head_start - c.start >= 6 \
            and _governed(ctx, c.start, c.end, r):
        return True           # 主要建设年产20万吨饲料生产基地: a plant named by its capacity, being built
    if head and head.group() in r.landform_whole_heads and c.head_start - c.start >= 2 \
            and text[c.start:c.head_start] not in _NOT_LANDFORM \
            and _LANDFORM.fullmatch(text, c.start, c.head_start):
        return True           # 白果河特大桥, 秦岭隧道: a river or mountain names the bridge or tunnel
    if CAPACITY_FIRST.match(text, c.start) and c.head_start - c.start >= 6 \
            and text.startswith("项目", c.head_start) and not text.endswith(_SIZE_CLASS, 0, c.head_start):
        return True           # X公司（以下简称“X”）年产2万吨…材料项目, 启动年屠宰10万头肉牛精深加工项目:
        #                       a capacity, a product and 项目 name one plant (generic words checked above)
    if text[c.start - 1:c.start] == "的" and not BUILT_BY.search(text, max(0, c.start - 4), c.start) \
            and not _SIZE_BEFORE_DE.search(text, max(0, c.start - 10), c.start - 1):
        return False          # 国际最先进的…生产基地: a description, not a name (共建的… is built)
    # A begin/sign/open verb in its clause or the next one (A基地,B项目同日开工).
    return _in_trigger_clause(ctx, c.start, c.end, r.strong_triggers_re)


_JOINED_INSIDE = compile_regex(r"[及和与、]")
# 年产5000吨以上项目: a size class before 项目, not one plant
_SIZE_CLASS = ("以上", "以下", "左右")


@dataclass(frozen=True)
class _NamedExtra:
    line_heads: frozenset[str]
    line_chars: frozenset[str]
    line_words: tuple[str, ...]
    water: "regex.Pattern[str]"
    word_heads: frozenset[str]


@functools.lru_cache(maxsize=1)
def _named_extra() -> _NamedExtra:
    """projects.yaml abbrev_line_*, water_diversion, word_named_heads (the line
    abbreviation characters from the divisions table)."""
    from ..ruleset import load_tsv

    spec = load_yaml("projects.yaml")
    chars = {row["surface"][0] for row in load_tsv("places_divisions.tsv")
             if row["level"] in ("province", "prefecture") and row["surface"]}
    return _NamedExtra(frozenset(spec["abbrev_line_heads"]), frozenset(chars | set(spec["abbrev_line_chars"])),
                       tuple(spec["abbrev_line_words"]), compile_regex(spec["water_diversion"]),
                       frozenset(spec["word_named_heads"]))


def _abbrev_line(before: str, head: str, r: _Rules) -> bool:
    """`before` + `head` is a line named by abbreviated places (成渝 + 中线 + 高铁): two or
    three abbreviation characters, all different, not a stop or generic word (运营高铁)."""
    x = _named_extra()
    if head not in x.line_heads:
        return False
    for w in x.line_words:
        if before.endswith(w) and len(before) > len(w):
            before = before[:-len(w)]
            break
    if not 2 <= len(before) <= 3 or len(set(before)) != len(before) \
            or not all(ch in x.line_chars for ch in before):
        return False
    return not _word_flags(before, r, _words_of(r)) & (_STOP | _GENERIC_WORD)


# 总投资52亿元的…工程, 全长46公里的…: a size before 的 describes a named thing
_SIZE_BEFORE_DE = compile_regex(r"[0-9０-９一二三四五六七八九十百千万亿]"
                                r"(?:亿元|万元|公里|千米|万平方米|平方米|亩|万千瓦|千瓦|兆瓦|万吨|吨)$")


def _place_first(ctx: Context, start: int, head_start: int) -> bool:
    """text[start:head_start] opens with a known place name that is a whole word."""
    places = _known_places()
    return any(ctx.text[start:start + k] in places and ctx.is_token_end(start + k)
               for k in range(min(6, head_start - start), 1, -1))


# a mountain, river or lake name as the first word (贺兰山, 黄河, 洞庭湖, 秦岭)
_LANDFORM = compile_regex(r"\p{Han}{1,4}(?:山|河|江|湖|岭|峡|滩|湾|海|川|淀|泊|洲|岛|原)")


# words shaped like a landform name that name none (沿海防护林工程, 江河湖库水系连通工程)
_NOT_LANDFORM = frozenset(("沿海", "沿江", "沿河", "沿湖", "江河", "山川", "河湖", "河川", "近海", "远海",
                           "深海", "内河", "高山", "大山", "荒山", "青山", "冰川", "草原", "平原", "高原",
                           "海岛", "河滩", "海滩", "沙滩", "海湾", "山海", "江湖", "全川", "出海", "入海", "下海"))


def _landform_first(ctx: Context, start: int, head_start: int) -> bool:
    """text[start:head_start] opens with a word of 2-5 characters naming a landform."""
    tok = ctx.token_at(start)
    if tok is None or tok[0] != start:
        return False
    e = tok[1]
    return e < head_start and ctx.text[start:e] not in _NOT_LANDFORM and e - start >= 2 and bool(_LANDFORM.fullmatch(ctx.text, start, e))


@dataclass
class _Index:
    """Sorted spans of what earlier steps found, for range look-ups."""

    entities: list[tuple[int, int]]      # places, companies, organizations
    places: list[tuple[int, int]]

    @classmethod
    def of(cls, ctx: Context) -> "_Index":
        ents = sorted((m.start, m.end) for kind in ("place", "company", "organization")
                      for m in ctx.mentions.get(kind, []))
        return cls(ents, sorted((m.start, m.end) for m in ctx.mentions.get("place", [])))

    @staticmethod
    def starting_in(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
        lo = bisect.bisect_left(spans, (start, -1))
        hi = bisect.bisect_left(spans, (end, -1))
        return spans[lo:hi]


# a grid project's voltage class and the name words after it, right before a name's start
_VOLTAGE_BEFORE = compile_regex(r"(?<![0-9０-９.])[±]?[0-9０-９]{2,4}(?:千伏|kV|KV|kv)\p{Han}{1,8}$")
_GRID_WORDS = compile_regex(r"变电站|换流站|开关站|输变电|输电|线路|电网")


_PHASE = compile_regex(r"[一二三四五六七八九十0-9０-９]期")
# (matched in place: slicing the rest of the text per candidate was quadratic)
_NUMBERED_LINE = compile_regex(r"(?:[0-9０-９]+|[一二三四五六七八九十]+)号线")


def _generic(ctx: Context, start: int, head_start: int, r: _Rules, idx: _Index) -> bool:
    """Only generic words, places, numbers and counts before the head."""
    text = ctx.text
    if start >= head_start:
        return not _NUMBERED_LINE.match(text, head_start)
    place_end = dict(idx.starting_in(idx.places, start, head_start))
    place_ok = None               # the head makes a place + head a name (浑南科技城): on demand
    seen_place = False
    pos = start
    starts, tokens = ctx.token_starts(), ctx.tokens
    words = _words_of(r)
    while pos < head_start:
        j = bisect.bisect_right(starts, pos) - 1
        ts, te = tokens[j if j > 0 else 0]
        te = min(te, head_start)
        word = text[pos:te]
        place = place_end.get(pos) if place_end.get(pos, head_start + 1) <= head_start else None
        if place:
            if place_ok is None:
                head = r.heads_re.match(text, head_start)
                place_ok = head is not None and head.group() in r.place_named_heads
            if place_ok:
                return False      # 浑南科技城: a place and a park head make a name
            if text.endswith(r.zone_suffixes, pos, place) and _PHASE.fullmatch(text, place, head_start):
                return False      # 北海综合保税区二期项目: a zone and its phase make a name
            pos = place
            seen_place = True
            continue
        if seen_place and word in r.place_named_kinds:
            return False          # 兰山区老旧小区改造工程: the district's own renewal job, named by it
        flags = words.get(word)
        if flags is None:
            flags = _word_flags(word, r, words)
        if flags & _GENERIC_WORD:
            pos = te
            continue
        return False
    return True


def _strip_quotes(s: str) -> str:
    return s.translate(_NO_QUOTES)


_NO_QUOTES = str.maketrans("", "", QUOTE_CHARS)


def _suffix_index(names: dict[str, list[str]]) -> dict[str, str]:
    """Each proper suffix of 4+ characters of the names -> the first name (in the
    order `_full_form` scans them) that ends with it."""
    out: dict[str, str] = {}
    for group in names.values():
        for full in group:
            for k in range(1, len(full) - 3):
                out.setdefault(full[k:], full)
    return out


def _full_form(short: str, names: dict[str, list[str]], suffixes: dict[str, str] | None = None,
               index: "_NameIndex | None" = None) -> str | None:
    """The fuller name `short` abbreviates: same first character, its characters
    in order, and the full name (less a trailing 项目) ending with its head.
    `names`: the article's project names by first character; `suffixes`: their
    `_suffix_index` (built here when not given); `index`: a `_NameIndex` of the
    same names, which narrows the scans below to the names that can qualify."""
    if len(short) >= 4:
        if suffixes is None:
            suffixes = _suffix_index(names)
        full = suffixes.get(short)
        if full is not None:
            return full               # 苏州工业园区生物医药产业园 → 生物医药产业园
    for full in (index.same_head(short) if index is not None else names.get(short[:1], ())):
        if len(full) <= len(short) or full[0] != short[0]:
            continue
        core = full[:-2] if full.endswith("项目") and not short.endswith("项目") else full
        if is_subsequence(short, full) and _same_head(short, core):
            return full
    # H7项目 for 海缘如东H7海上风电项目: the one fuller project of the same head that
    # holds its core
    if short.endswith(("项目", "工程")) and len(short) >= 4:
        pool = index.holding(short[:-2]) if index is not None else (
            full for group in names.values() for full in group)
        fuller = {full for full in pool
                  if len(full) > len(short) and full.endswith(short[-2:]) and short[:-2] in full}
        if len(fuller) == 1:
            return fuller.pop()
    return None


class _NameIndex:
    """The article's project names indexed for `_full_form` (exact: every list it
    gives holds all the names the plain scans would accept, in their order), so
    that a long document with many projects stays linear:
    - same_head(short): the names of short's first-character group whose end (less
      a trailing 项目 where short has none) is short's last two characters;
    - holding(core): the names holding core's first and last two characters."""

    def __init__(self, names: dict[str, list[str]]) -> None:
        self.by_tail: dict[tuple[str, str], list[tuple[int, str]]] = {}
        self.by_pair: dict[str, set[str]] = {}
        for first, group in names.items():
            for rank, full in enumerate(group):
                self.by_tail.setdefault((first, full[-2:]), []).append((rank, full))
                if full.endswith("项目"):
                    self.by_tail.setdefault((first, "~" + full[:-2][-2:]), []).append((rank, full))
                for k in range(len(full) - 1):
                    self.by_pair.setdefault(full[k:k + 2], set()).add(full)

    def same_head(self, short: str) -> list[str]:
        if len(short) < 2:
            return []                 # _same_head needs two characters
        first, tail = short[:1], short[-2:]
        found = list(self.by_tail.get((first, tail), ()))
        if not short.endswith("项目"):
            found += self.by_tail.get((first, "~" + tail), ())
        found.sort()                  # the group's order (a name may come twice: harmless)
        return [full for _rank, full in found]

    def holding(self, core: str):
        if len(core) < 2:
            return [full for group in self.by_pair.values() for full in group]
        a = self.by_pair.get(core[:2], set())
        b = self.by_pair.get(core[-2:], set())
        return a & b


# From this many projects in a document on, short forms are looked up through a
# _NameIndex (fewer: the plain scans cost less than building it).
_INDEX_FROM = 40


def _by_first_char(names) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name in sorted(set(names), key=len, reverse=True):
        out.setdefault(name[:1], []).append(name)
    return out


def _link_short_forms(out: list[Mention]) -> None:
    """A short form takes the name of a fuller project of the same article."""
    names = _by_first_char(m.attrs["name"] for m in out)
    suffixes = _suffix_index(names)
    index = _NameIndex(names) if len(out) > _INDEX_FROM else None
    memo: dict[str, str | None] = {}
    for m in out:
        name = m.attrs["name"]
        if name not in memo:
            memo[name] = _full_form(name, names, suffixes, index)
        full = memo[name]
        if full:
            m.attrs["name"] = full


def _same_head(short: str, core: str) -> bool:
    for n in (3, 2):
        if len(short) >= n and core.endswith(short[-n:]):
            return True
    return False
