"""Find organization mentions: government bodies, universities, laboratories,
institutes, courts, associations, exchanges, media.

Sources of candidates, then one merge (longest wins):
  1. lexicons: central party and state bodies, national institutions, exchanges and
     media with their short forms (`rules/organizations-lexicon.tsv`: 证监会, 党中央,
     央视, 北交所), universities (`rules/universities.txt`), the user's `--lexicon`;
  2. names anchored on an organization head (`rules/organization-heads.tsv`), the
     left edge from the tokens and the context (`namespan.left_edge`):
     - strong heads (大学, 实验室, 研究院, 日报, 协会…) take any non-generic name part;
     - weak heads (局, 厅, 委, 部, 政府…) need a place or a level word at the start
       (沈阳市工业和信息化局, 省经合局, 自治区卫生健康委, 省委);
     - media heads (新闻, 全媒体) only before 记者/客户端/报道 or after 来源/据; a place
       and 台 (林芝台记者) likewise.
     和/与/及 stay inside a name (住房和城乡建设厅) unless the word before them ends
     another organization (清华大学和北京大学).
  Not organizations: counts (6个颠覆性技术研究所), generic references (政法机关,
  有关部门), common words ending in a head (布局, 部署, 总部), and a party committee
  used as a person's title (市委书记李强, 市委常委).
`name`: the fullest form in the article: a short form links to a longer one whose
characters it takes in order with the same last character (省经合局 ->
四川省经济合作局, 省政府 -> 辽宁省人民政府) or that shares its lexicon key.
"""
from __future__ import annotations

import bisect
import functools
from collections import Counter
from dataclasses import dataclass


from ..regex_cache import compile_regex
from ..ruleset import load_lines, load_tsv, load_yaml
from .base import Context, Mention
from .gazetteer import Matcher, build_automaton, find_all, find_all_in, share, user_matcher
from .companies import _prefix_index, _strip_quotes, keep_longest
from .namespan import NAME_TOKEN, cut_after_connector, is_subsequence, left_edge

# a party committee before a title is part of the title (市委书记李强, 市委常委): gold leaves it out
_TITLE_AFTER = compile_regex(r"(?:副?书记|常委(?!会))")
_CONGRESS_TITLE_AFTER = compile_regex(r"(?:党组)?(?:常务)?副?(?:主任|主席)")
# the title of the body's head right after it: 局局长, 厅厅长, 委主任 (the segmenter joins them)
_TITLE_OF_BODY = compile_regex(r"(?:副|党组)?(?:局长|厅长|处长|部长|署长|主任|书记|院长|所长|校长|会长|主席)")
_MEDIA_AFTER = compile_regex(r"(?:记者|客户端|报道|消息|讯|网|APP|融媒体|评论员)")
# after a paper's bare name (…报): a byline, possibly under a sub-brand after a middle dot, or a dateline
_PAPER_AFTER = compile_regex(r"(?:·\p{Han}{1,5}?)?(?:记者|讯)")
# heads of bodies that stay organizations where a verb builds them (ANNOTATION.md: laboratories)
_ORG_EVEN_BUILT = ("实验室",)
_BUILD_VERB = compile_regex(r"启动建设|建设|新建|共建|筹建|兴建|打造|组建|建成")
_MEDIA_BEFORE = compile_regex(r"(?:来源|据|作者|出品)[:：]?\s*$")
# a verb before a research centre or institute that builds it: then it is a project
_BUILT_BEFORE = compile_regex(r"(?:建设|新建|兴建|筹建|打造|建成|开工|启动建设)$")
_BUILT_INSIDE = compile_regex(r"建设|新建|共建|筹建|兴建|打造|组建")
_COMPANY_AFTER = compile_regex(r"(?:股份)?有限(?:责任)?公司|(?:集团)?公司|集团")
_LEVEL_END = "省市县区州盟旗镇乡"
# words that open with a level character but name no body's level (区域, 县域, 市场)
_LEVEL_WORDS_NOT_LEVEL = ("区域", "县域", "市域", "省域", "镇域", "市场", "省级", "市级", "县级", "区级")
# 各乡镇人民政府、: a list that 各 opens (its items are kinds of body, not names)
_EACH_LIST_BEFORE = compile_regex(r"(?:^|[^\p{Han}])各[\p{Han}、]{2,22}、$")
# adverbs the segmenter glues to a body's last character (农村/局将, 商务/厅将)
_ADVERB_AFTER = frozenset("将已正也还")
# words that start with 局 (a 局 glued to what follows is the head unless it opens one of these)
_JU_WORD = compile_regex(r"局(?:长|面|势|部|限|促|域|内|外|中|里|地|点|座|数|头)")
# 多国央行, 各国交易所: a plural reference, not the Chinese body the short name means
_MANY_BEFORE = compile_regex(r"(?:多国|各国|全球|世界各国|主要经济体|外国|海外|发达国家|新兴市场)$")
# heads that a level word alone makes a complete short name (市委, 省政府)
_LEVEL_HEADS = frozenset(("委", "政府", "政协", "人大", "人大常委会", "纪委", "纪委监委", "委员会", "党委"))
_PARTY_HEADS = ("委", "党委", "党工委", "工委", "纪委", "市委", "省委", "县委", "区委")


@dataclass(frozen=True)
class Lexicons:
    heads: Matcher               # head -> class
    lexicon: Matcher             # surface -> key
    lexicon_keys: dict
    prefixes: frozenset
    places: frozenset
    generic: frozenset
    false_heads: tuple
    stops: frozenset
    short_names: tuple           # lexicon surfaces of up to six characters
    and_words: tuple             # words before a 和/与 inside a name (住房和城乡建设厅)
    built_heads: tuple           # heads that are a project where the sentence builds them


@functools.lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    lex = {row["surface"]: row["name"] for row in load_tsv("organizations-lexicon.tsv")}
    for name in load_lines("universities.txt"):
        lex.setdefault(name, name)
    stops = (set(load_lines("name-left-stops.txt")) - {"和", "与", "及", "以及"}) | {
        "前者", "后者", "一期", "二期", "三期", "新建", "共建", "筹建", "兴建", "联建"} | set(
        load_lines("company-party-words.txt"))       # 主办方中国汽车工业协会
    return Lexicons(
        heads=build_automaton({r["head"]: r["class"] for r in load_tsv("organization-heads.tsv")}),
        lexicon=build_automaton(lex),
        lexicon_keys=lex,
        prefixes=frozenset(load_lines("organization-prefixes.txt")),
        places=frozenset(load_lines("place-prefixes.txt")),
        generic=frozenset(load_lines("organization-generic.txt")),
        false_heads=tuple(load_lines("organization-false-heads.txt")),
        stops=frozenset(stops),
        short_names=tuple(k for k in lex if len(k) <= 6),
        and_words=tuple(load_lines("organization-and-words.txt")),
        built_heads=tuple(_project_spec().get("weak_heads", ())),
    )


# matched over whole documents in the shared pass (gazetteer.share)
share(lambda: lexicons().lexicon)
share(lambda: lexicons().heads)


@functools.lru_cache(maxsize=1)
def _project_spec() -> dict:
    """The heads (研究院, 研发中心) and trigger verbs (揭牌, 投入使用) that make a name a
    project where the sentence builds it: one source of truth with projects.py."""
    try:
        spec = load_yaml("projects.yaml")
    except Exception:             # noqa: BLE001 - the projects rules are optional here
        return {}
    return spec if isinstance(spec, dict) else {}


@dataclass
class Cand:
    start: int
    end: int
    rule: str
    key: str


def _boundary_ok(ctx: Context, start: int, end: int) -> bool:
    text = ctx.text
    left = start == 0 or not NAME_TOKEN.fullmatch(text[start - 1]) or ctx.is_token_start(start)
    right = end == len(text) or not NAME_TOKEN.fullmatch(text[end]) or ctx.is_token_end(end)
    return left and right


def _prefix_len(words: frozenset, text: str, start: int) -> int:
    """Length of the longest of `words` that starts at `start` (words of 1-10 chars)."""
    lim = min(10, len(text) - start)
    for k in _prefix_index(words)[1]:    # only the lengths the words have, longest first
        if 0 < k <= lim and text[start:start + k] in words:
            return k
    return 0


def lexicon_names(ctx: Context, lex: Lexicons) -> list[Cand]:
    # the right edge of short names is not checked: jieba glues them to the next word
    # (央视春晚); longer ones must end a word (辽宁大学 is not in 辽宁大学生)
    text = ctx.text
    out = [Cand(s, e, "organization.lexicon", key) for s, e, key in find_all_in(ctx, lex.lexicon)
           if (s == 0 or not NAME_TOKEN.fullmatch(text[s - 1]) or ctx.is_token_start(s))
           and (e - s <= 3 or _boundary_ok(ctx, s, e))
           and not (text[e - 1] == "部" and text.startswith("门", e))    # 公安部门, 教育部门: a kind of body
           and not _MANY_BEFORE.search(text, max(0, s - 4), s)]
    out += _branches(text, lex, out, "organization.lexicon")
    user = user_matcher(ctx.lexicon, "organization")
    if len(user):
        # the user's names are trusted: no token-boundary check (jieba does not know them)
        for s, e, key in find_all(user, ctx.text):
            out.append(Cand(s, e, "organization.user_lexicon", key))
    return out


def _branches(text: str, lex: "Lexicons", cands: list, rule: str) -> list:
    """中国人民银行安徽省分行, 国家统计局河南调查总队, 中指研究院河南分院: a body's branch in a place."""
    out = []
    for c in cands:
        p = _prefix_len(lex.places, text, c.end)
        m = _BRANCH.match(text, c.end + p) if p else None
        if m:
            out.append(Cand(c.start, m.end(), rule, text[c.start:m.end()]))
    return out


def _cut_at_and(ctx: Context, start: int, head_start: int, lex: Lexicons) -> int:
    """湖北联投集团与武汉市江夏区人民政府, 清华大学和北京大学: a 和/与/及 ends the name
    there unless the word before it is one that such a conjunction joins inside a
    name (住房和城乡建设厅, 文化和旅游局: `rules/organization-and-words.txt`)."""
    text = ctx.text
    cut = start
    if _AND_FIRST.isdisjoint(text[start:head_start]):
        return cut                # no conjunction in the span
    for m in _AND.finditer(text, start, head_start):
        if not (ctx.is_token_start(m.start()) and ctx.is_token_end(m.end())):
            continue              # 同济大学, 和平区: part of a word
        left = text[cut:m.start()]
        if not left or m.group() in ("及", "以及", "同", "跟") or not left.endswith(lex.and_words) \
                or any(e == len(left) for _s, e, _v in find_all(lex.heads, left)) \
                or left in lex.generic or left.endswith(lex.short_names):
            cut = m.end()
    return cut


def ends_a_name(left: str) -> bool:
    """安徽省科技厅, 湖北联投集团, 清华大学: `left` ends with an organization head, a
    company's legal form or a known organization's short name."""
    from .companies import lexicons as company_lexicons

    lex = lexicons()
    tail = left[-8:]
    return (any(e == len(tail) for _s, e, _v in find_all(lex.heads, tail))
            or any(e == len(tail) for _s, e, _v in find_all(company_lexicons().suffixes, tail))
            or left.endswith(lex.short_names))


def _built_here(ctx: Context, start: int, end: int) -> bool:
    """湘江实验室先进计算研究院在长沙揭牌成立: a research institute or centre that the
    clause (or the next one) opens, unveils or builds is a project (ANNOTATION.md);
    one test with projects.py (`projects.built_or_opened`)."""
    from .projects import built_or_opened

    # the verb must be about this name: 四川大学宜宾研究院与宁远动力共建的…实验室日前揭牌
    # unveils the laboratory; the institute acts (an organization)
    return built_or_opened(ctx, start, end)


def head_names(ctx: Context, lex: Lexicons) -> list[Cand]:
    text = ctx.text
    by_end: dict[int, tuple[int, str]] = {}
    for s, e, cls in find_all_in(ctx, lex.heads):
        if e not in by_end or s < by_end[e][0]:
            by_end[e] = (s, cls)
    out: list[Cand] = []
    place_spans = None
    for e, (hs, cls) in sorted(by_end.items()):
        head = text[hs:e]
        # a longer head ending one or two characters further on takes over (委 in 委员会)
        if _longer_head_after(by_end, e, hs):
            continue
        if cls != "media" and not ctx.is_token_end(e) and not _TITLE_OF_BODY.match(text, e) \
                and not (head.endswith(_PAPER_ENDS) and text.startswith("讯", e) and ctx.is_token_end(e + 1)) \
                and not (text[e:e + 1] in _ADVERB_AFTER and ctx.is_token_start(e - 1) and ctx.is_token_end(e + 1)) \
                and not (text[e - 1] == "局" and ctx.is_token_start(e - 1) and not _JU_WORD.match(text, e - 1)):
            continue              # 部 in 部署, 局 in 局长, 大学 in 大学生, 市委 in 市委托
            #                       (深圳商报讯: a paper's dateline, the segmenter joins 商报讯)
            #                       (市能源局局长 cut 能源/局局长: the body's own title follows)
            #                       (区农业农村局将 cut 农业/农村/局将: an adverb glued to the head)
            #                       (市农业农村局测产 cut 农业/农村/局测产: a verb glued to 局, not 局面/局势)
        # (tests on what follows the head alone first: they spare the left walk)
        if _REPORT_AFTER.match(text, e):
            continue              # 县政府工作报告 is a document
        if _COMPANY_AFTER.match(text, e):
            continue              # 中国汽车技术研究中心有限公司 is a company
        start, why = left_edge(ctx, hs, lex.stops, max_len=30, keep_and=True)
        if start == hs and cls == "strong" and why == "stop":
            # 浙江省企业联合会, 省企业家协会: a stop word that is part of the body
            part = next((w for w in _BODY_STOPS if text.startswith(w, hs - len(w))), "")
            if part and ctx.is_token_start(hs - len(part)):
                start, why = left_edge(ctx, hs - len(part), lex.stops, max_len=30, keep_and=True)
        if why in ("count", "length"):
            continue
        start = _cut_at_and(ctx, start, hs, lex)
        start = cut_after_connector(text, start, hs, ends_a_name, ctx)
        # 市委市政府, 县委县政府: two bodies side by side, each a level word and a head
        for m in _LEVEL_BODY_BEFORE_LEVEL.finditer(text, start, hs):
            start = m.end()
        if head.endswith(_ORG_EVEN_BUILT):
            # 以建设洪山实验室为契机: the verb the left walk went through is no part of the name
            for m in _BUILD_VERB.finditer(text, start, hs):
                if ctx.is_token_start(m.start()) and ctx.is_token_end(m.end()):
                    start = m.end()
        if cls == "strong" and not head.endswith(_ORG_EVEN_BUILT) \
                and (_BUILT_BEFORE.search(text, max(0, start - 4), start)
                     or _BUILT_INSIDE.search(text, start, hs)):
            continue              # 建设…研发中心: a project being built (projects.py)
            #                       (建设洪山实验室: a laboratory is a body all the same)
        if head.endswith(lex.built_heads) and (_built_here(ctx, start, e)
                                                or _JOINTLY_BUILT.search(text, max(0, start - 4), start)):
            continue              # …研究院揭牌成立: a project (projects.py)
        cand = text[start:e]
        if cand in lex.generic or cand.endswith(lex.false_heads):
            continue
        body = text[start:hs]
        if cls == "media" and head == "台":
            # 林芝台记者: a place (one word) and 台 before a media cue; not 平台, 舞台
            if not (body in lex.places and ctx.is_token_start(start)
                    and (ctx.is_token_start(hs) or ctx.is_token_end(e))     # 林芝/台, 湖南台
                    and (_MEDIA_AFTER.match(text, e) or _MEDIA_BEFORE.search(text, max(0, start - 6), start))):
                continue
        elif cls == "media" and head == "报":
            # 大河报记者, 大河报·豫视频记者, 大河报讯: a paper's bare name only before a
            # byline or a dateline (not 年报, 海报, 据…报)
            if len(body) < 2 or body in lex.generic or _generic_body(body) \
                    or not _PAPER_AFTER.match(text, e):
                continue
        elif cls == "media":
            if head in _BYLINE_MEDIA and by_end.get(hs, ("", ""))[1] == "strong":
                continue          # 四川农村日报全媒体记者: the paper (日报) is the body
            after = _MEDIA_AFTER.match(text, e)
            before = _MEDIA_BEFORE.search(text, max(0, start - 6), start)
            if len(body) < 2 or not (after or before):
                continue
        elif cls == "strong":
            level = body in lex.prefixes or body in lex.places
            if not level and (len(body) < 2 or body in lex.generic or _generic_body(body)):
                continue
        else:
            if text[start:start + 1] == "各" or text[start - 1:start] == "各" \
                    or body.startswith(("有关", "相关")):
                continue          # 各市州政府, 各县市区政府, 有关区县政府: no particular body
            if text.startswith("、", start - 1) and _EACH_LIST_BEFORE.search(text, max(0, start - 24), start):
                continue          # 各乡镇人民政府、街道办事处: 各 spans the whole addressee list
            if body.startswith(_LEVEL_WORDS_NOT_LEVEL) and ctx.is_token_end(start + 2):
                continue          # 区域产业发展中心, 县域…中心: a level character in a word of its own
            p = max(_prefix_len(lex.places, text, start), _prefix_len(lex.prefixes, text, start))
            if p == 0 and start < hs:
                # 联合贡江镇人民政府, 案件移送于都县公安局: a verb phrase the walk went
                # through before the place that opens the body's name
                if place_spans is None:       # (once per document, when first needed)
                    place_spans = sorted((m.start, m.end) for m in ctx.mentions.get("place", ()))
                ps = _place_inside(ctx, start, hs, lex, place_spans)
                if ps is not None:
                    start, cand, body = ps, text[ps:e], text[ps:hs]
                    p = max(_prefix_len(lex.places, text, start), 1)
            if start == hs:
                if head not in ("市委", "省委", "县委", "区委"):
                    continue
            elif p == 0 and not _level_token_first(ctx, start, hs):
                continue
            elif start + p >= hs and len(head) == 1:
                continue          # 沈阳局, 省部: a place or level word and a one-character head
        if head in _PARTY_HEADS or head.endswith("委"):
            if _TITLE_AFTER.match(text, e):
                continue          # 市委书记李强, 市委常委: a title, not the body
        if cand.endswith(("人大常委会", "政协")) and _CONGRESS_TITLE_AFTER.match(text, e):
            continue              # 州人大常委会主任龙晓华, 市政协主席: a leader's title, as 市委书记
        out.append(Cand(start, e, "organization.head", cand))
    return out + _branches(text, lex, out, "organization.head")


def _place_inside(ctx: Context, start: int, head_start: int, lex: "Lexicons",
                  spans: list[tuple[int, int]]) -> int | None:
    """The start of the first place mention inside text[start:head_start] that begins a
    word two to four characters after `start`, the walk having started on a word of
    its own (what is before the place, a verb phrase, is no name)."""
    if not ctx.is_token_start(start):
        return None
    i = bisect.bisect_right(spans, (start, 10**12))
    while i < len(spans) and spans[i][0] <= start + 4:
        ps, pe = spans[i]
        if ps - start >= 2 and pe <= head_start and ctx.is_token_start(ps):
            return ps
        i += 1
    # (no place mention there: a place prefix of the lexicon, a word of its own)
    text = ctx.text
    for ps in range(start + 2, min(start + 5, head_start - 1)):
        if ctx.is_token_start(ps) and _prefix_len(lex.places, text, ps) and ps + _prefix_len(lex.places, text, ps) <= head_start:
            return ps
    return None




def _longer_head_after(by_end: dict, e: int, hs: int) -> bool:
    """A head ending 1-3 characters after `e` starts at or before `hs`."""
    for k in (1, 2, 3):
        x = by_end.get(e + k)
        if x is not None and x[0] <= hs:
            return True
    return False


def _level_token_first(ctx: Context, start: int, head_start: int) -> bool:
    """两江新区管委会: the first word names an area (ends in 区, 市, 县…)."""
    from .namespan import token_index

    i = token_index(ctx, start)
    s, e = ctx.tokens[i]
    word = ctx.text[start:min(e, head_start)]
    body = ctx.text[start:head_start]
    if (len(word) >= 2 and word[-1] in _LEVEL_END) or (len(body) >= 3 and body[-1] in _LEVEL_END):
        return True
    # 雄安新区管理委员会, 两江新区管理委员会: the area word is the second one
    if i + 1 < len(ctx.tokens) and e < head_start:
        s2, e2 = ctx.tokens[i + 1]
        second = ctx.text[s2:min(e2, head_start)]
        # 湘西/州/农业农村局, 黔东南/州/…: a prefecture's short name and 州 cut apart
        return len(word) >= 2 and ((len(second) >= 2 and second[-1] in _LEVEL_END) or second in ("州", "盟"))
    return False


def _generic_body(body: str) -> bool:
    """各级各类, 相关, 一批: words that refer to no particular body."""
    return bool(_GENERIC_BODY.match(body))


# heads of a newspaper or agency that a dateline 讯 follows (深圳商报讯, 新华社讯)
_PAPER_ENDS = ("报", "社", "台")
# the desk words of a byline after a paper's name (X日报全媒体记者, X晚报融媒体记者)
_BYLINE_MEDIA = frozenset(("全媒体", "融媒体", "新媒体", "全媒体中心", "融媒体中心"))
_AND = compile_regex(r"以及|和|与|及|同|跟")
_AND_FIRST = frozenset("以和与及同跟")      # the first characters of _AND's words
# 西平县政府工作报告: a report's title, not the body
# stop words that may stand right before a strong head as part of its body
_BODY_STOPS = ("企业家", "企业")
_BRANCH = compile_regex(r"(?:营业管理部|中心支行|分行|支行|调查总队|调查队|监管局|监管分局|分局|税务局|分院)")
_LEVEL_BODY_BEFORE_LEVEL = compile_regex(r"[省市县区州](?:委|人民政府|政府|人大常委会|政协)(?=[省市县区州])")
_REPORT_AFTER = compile_regex(r"工作报告")
# 与…共建(的)重卡研究院: built by the parties of the sentence (a project)
_JOINTLY_BUILT = compile_regex(r"(?:共建|合建|联建|组建|联合建设|合作建设)的?$")
_GENERIC_BODY = compile_regex(r"(?:各级|各类|各|有关|相关|该|本|这|那|一批|多个|多家|若干|部分|其他|其它|一些|新型|"
                            r"省级|市级|国家级|重点|产业|行业|企业|科技|技术|创新|科研|工程|示范|未来|现代|专业|综合|"
                            # 三级医院, 三甲医院, 县级医院, 公立医院, 定点医院: a grade or kind of hospital or school
                            r"[一二三]级|[甲乙]等|[二三]甲|县级|乡镇|乡镇级|公立|民营|民办|定点|专科|综合性)+$")


# （以下简称“省国资委”）, (简称"市发改委"): the short form an article gives a body
_SHORT_FORM = compile_regex(r"[（(](?:以下|下文)?(?:简称|称)[:：]?[“\"「]([^”\"」，,）)]{2,12})[”\"」]")


def _stated(text: str, kept: list) -> dict:
    """short form -> the candidate it is stated for: X（以下简称“Y”） with X a candidate."""
    out: dict = {}
    for c in kept:
        m = _SHORT_FORM.match(text, c.end)
        if m and len(m.group(1)) < c.end - c.start:
            out.setdefault(m.group(1), c)
    return out


def _with_stated_short_forms(ctx: Context, kept: list, stated: dict) -> list:
    """浙江大学医学院附属第一医院（简称“浙大一院”）…浙大一院: a short form the article states
    for a body (`stated`, from _stated) names it wherever it stands as a word of its own,
    head or no head."""
    text = ctx.text
    taken = bytearray(len(text) + 1)
    for c in kept:
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
    extra = []
    for short, c in stated.items():
        if not NAME_TOKEN.fullmatch(short[-1]):
            continue
        i = text.find(short)
        while i >= 0:
            e = i + len(short)
            if taken.find(1, i, e) < 0 and _boundary_ok(ctx, i, e):
                extra.append(Cand(i, e, "organization.short", c.key))
                taken[i:e] = b"\x01" * (e - i)
            i = text.find(short, e)
    return sorted(kept + extra, key=lambda c: (c.start, c.end)) if extra else kept


def _same_level(short: str, long: str) -> bool:
    """省政府 may stand for 辽宁省人民政府, not for 杭州市余杭区政府: a short form that starts
    with a level word takes a long form whose last level word is the same."""
    if short[0] not in _LEVEL_END:
        return True
    # (市 in 市场监督管理局 is no level word: 章贡区市场监督管理局 is a district's body)
    levels = [ch for i, ch in enumerate(long) if ch in _LEVEL_END and long[i + 1:i + 2] != "场"]
    return bool(levels) and levels[-1] == short[0]


def _level_head_ok(short: str, long: str) -> bool:
    """A level word and a head alone (市委, 省政府, 区委) stand for a body of that level
    whose name ends the same way (长沙市委, 辽宁省人民政府), not for another body with
    the same last character (市发改委, 省纪委监委)."""
    if len(short) < 2 or short[0] not in _LEVEL_END or short[1:] not in _LEVEL_HEADS:
        return True
    return long.endswith(short) or long.endswith(short[0] + "人民" + short[1:])


def _holding_all(by_last: dict, by_char: dict | None, s: str):
    """The surfaces ending with s's last character (by_last), narrowed with by_char to
    those holding s's first two characters (a superset of the ones s is a
    subsequence of: the caller checks that)."""
    if by_char is None:
        return by_last.get(s[-1], ())
    found = by_char.get((s[-1], s[0]), set())
    if len(s) > 1:
        found = found & by_char.get((s[-1], s[1]), set())
    return found


def _one_body(forms: list[str]) -> str | None:
    """The fullest of `forms` when they all name one body (each a short form of the
    longest: 赣州市市场监管局 and 赣州市市场监督管理局), else None."""
    if len(forms) < 2:
        return forms[0] if forms else None
    longest = max(forms, key=len)
    if all(f == longest or is_subsequence(f, longest) for f in forms):
        return longest
    return None


def _main_body(forms: list[str], counts: Counter) -> str | None:
    """The fullest form of the body the article names most often among `forms` (the
    fuller forms of one short form that name several bodies): 市市场监管局 in an
    article on 赣州市市场监督管理局 (three mentions) that names 瑞金市市场监督管理局
    once. None on a tie."""
    bodies: list[list[str]] = []               # each: its longest form first
    for f in sorted(forms, key=len, reverse=True):
        group = next((b for b in bodies if is_subsequence(f, b[0])), None)
        if group is None:
            bodies.append([f])
        else:
            group.append(f)
    ranked = sorted(((sum(counts[f] for f in b), b[0]) for b in bodies), reverse=True)
    if len(ranked) > 1 and ranked[0][0] > ranked[1][0]:
        return ranked[0][1]
    return None


# 第二人民医院, 湘雅二医院, 第三中学: a number that tells one body from its siblings
_SIBLING_NUMBER = compile_regex(r"[一二三四五六七八九十〇0-9０-９]+(?=(?:人民|中心|中医|附属)?医院|院|中学|小学|研究所|分局|局)")


def _numbers_kept(short: str, long: str) -> bool:
    """市人民医院 is not 市第二人民医院, 湘雅医院 not 湘雅二医院: a short form keeps the
    number that tells the long form's body from its siblings."""
    return all(m.group() in short for m in _SIBLING_NUMBER.finditer(long)) if any(
        ch in _NUMBER_CHARS for ch in long) else True


_NUMBER_CHARS = frozenset("一二三四五六七八九十〇0123456789０１２３４５６７８９")


def find_organizations(ctx: Context) -> list[Mention]:
    lex = lexicons()
    text = ctx.text
    pool = lexicon_names(ctx, lex) + head_names(ctx, lex)
    order = {"organization.user_lexicon": 0, "organization.lexicon": 1, "organization.head": 2}
    pool.sort(key=lambda c: (-(c.end - c.start), order[c.rule], c.start))
    kept = keep_longest(pool, len(text))
    # 烟台市人民政府国有资产监督管理委员会（以下简称“烟台市国资委”）: the article's own
    # short forms, read once (every form _SHORT_FORM reads holds 称)
    stated_for = _stated(text, kept) if "称" in text else {}
    if stated_for:
        kept = _with_stated_short_forms(ctx, kept, stated_for)

    # name: the fullest form in the article
    by_last: dict[str, set[str]] = {}
    for c in kept:
        by_last.setdefault(text[c.end - 1], set()).add(text[c.start:c.end])
    # (last character, a character) -> the surfaces ending with the one and holding the
    # other: a short form's candidates without a scan of every surface (long documents)
    by_char: dict[tuple[str, str], set[str]] | None = None
    if sum(map(len, by_last.values())) > 64:
        by_char = {}
        for last, group in by_last.items():
            for f in group:
                for ch in set(f):
                    by_char.setdefault((last, ch), set()).add(f)
    longest_of_key: dict[str, str] = {}
    for c in kept:
        s = text[c.start:c.end]
        if len(s) > len(longest_of_key.get(c.key, "")):
            longest_of_key[c.key] = s
    stated = {short: longest_of_key.get(c.key, text[c.start:c.end]) for short, c in stated_for.items()}
    out = []
    fuller_of: dict[str, str | None] = {}      # a short form's one fuller form (once per surface)
    counts: Counter | None = None              # mentions per surface (when a short form has two bodies)
    places_at: dict | None = None
    for c in kept:
        s = text[c.start:c.end]
        name = c.key if c.rule == "organization.user_lexicon" else longest_of_key.get(c.key, s)
        # 湖南大学 is a whole lexicon entry: its own name, never 湖南师范大学
        own = c.rule != "organization.head" and lex.lexicon_keys.get(s) == s
        if name == s and s in stated:
            name = stated[s]
        elif name == s and len(s) <= 6 and not own:
            if s not in fuller_of:
                fuller = [f for f in _holding_all(by_last, by_char, s) if len(f) > len(s) and is_subsequence(s, f)
                          and s[0] in f[: len(f) - len(s) + 1 + 3] and _same_level(s, f)
                          and _level_head_ok(s, f) and _numbers_kept(s, f)]
                fuller_of[s] = _one_body(fuller)
                if fuller_of[s] is None and len(fuller) > 1:
                    if counts is None:
                        counts = Counter(text[k.start:k.end] for k in kept)
                    fuller_of[s] = _main_body(fuller, counts)
            if fuller_of[s] is not None:
                name = fuller_of[s]
        elif name == s and not own:
            # 赣州市市场监管局 → 赣州市市场监督管理局: the same place and a short form of the rest
            if s not in fuller_of:
                pl = _prefix_len(lex.places, s, 0)
                fuller = [f for f in _holding_all(by_last, by_char, s) if len(f) > len(s) and f.startswith(s[:pl])
                          and is_subsequence(s[pl:], f[pl:]) and _numbers_kept(s, f)] if pl and len(s) - pl <= 6 else []
                if not pl and (s[0] in _LEVEL_END or s.startswith(("自治区", "自治州"))):
                    # 自治区文化和旅游厅 → 新疆维吾尔自治区文化和旅游厅: the same body with its place before the level
                    fuller = [f for f in _holding_all(by_last, by_char, s) if f.endswith(s) and 0 < len(f) - len(s) <= 8]
                fuller_of[s] = _one_body(fuller)
            if fuller_of[s] is not None:
                name = fuller_of[s]
        if name == s and not own and s[-1] != "州" and (s[1:2] == "州" or "州" in s[2:6]):
            # 湘西州农业农村局: the prefecture's full name (湘西土家族苗族自治州) in the body's name
            if places_at is None:
                places_at = {m.start: m for m in ctx.mentions.get("place", ())}
            m = places_at.get(c.start)
            pname = m.attrs.get("name", "") if m is not None else ""
            if m is not None and m.end < c.end and m.text.endswith("州") and pname.endswith("自治州") \
                    and pname != m.text:
                name = pname + s[len(m.text):]
        out.append(Mention("organization", c.start, c.end, s, c.rule,
                           {"name": _strip_quotes(name)}))
    return out
