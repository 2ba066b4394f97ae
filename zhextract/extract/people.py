"""Find person mentions, with the role the article gives them.

A name is a surname (rules/people_surnames.txt) plus one or two characters, and
it is taken only where the context says it is a name (never a bare word):
  person.role      after a role: 总经理程光远, 市委副书记、市长龚正, 副市长彭沉雷主持;
                   names listed after one role share it: 市领导诸葛宇杰、朱芝松
  person.byline    credits: 本报记者 陶阳, 记者 叶燕 宋嘉问, 编辑：杜弘禹, 本报记者 查金辉 摄
  person.title     a title after the name: 习近平总书记, 张三同志
  person.quote     a speech verb after a name that opens a clause: 。王伟表示，
  person.credit    a name alone in brackets ending a paragraph: （齐和宁）, or alone on
                   a short line of its own (a commentary's author)
  person.repeat    a name found by a rule above, again elsewhere in the article
The name's length (one or two given-name characters) is chosen so that what
follows is punctuation, a space or a word that follows names (说, 在, 出席:
rules/people.yaml `follow`); failing that the jieba token decides (程光远穿梭).
Names without a Han surname are taken in strong contexts only: Tibetan and Mongolian
names made of listed elements (扎西顿珠, 央金: rules/people_minority_syllables.txt;
苏和巴特尔, 乌日娜: rules/people_mongolian_elements.txt) after
a role, in a byline or before a speaker's colon; any short name in a byline after
a space or in a speaker line `role + space + name + ：` (民宿经营者 央金：); names
with a middle dot (艾力·买买提), also where a surname reading would cut them (古丽米拉·吐尔逊).
`role` is the role phrase as written, with its qualifiers (相关部门负责人,
市委常委、副市长、高新区党工委书记); a repeated name takes the role found for it.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from ..regex_cache import compile_regex
from ..ruleset import MATCH_TIMEOUT, load_lines, load_yaml
from .base import Context, Mention
from .gazetteer import Matcher, build_automaton, find_all, find_all_in, find_words, finditer_at, longest_of, share


@dataclass(frozen=True)
class _Rules:
    surnames: frozenset[str]
    compound: frozenset[str]
    press_re: "regex.Pattern[str]"
    quote_re: "regex.Pattern[str]"
    paren_re: "regex.Pattern[str]"
    line_re: "regex.Pattern[str]"
    modifiers: tuple[str, ...]
    roles: tuple[str, ...]
    weak_roles: frozenset[str]
    follow: tuple[str, ...]
    not_given: frozenset[str]
    name_stop: frozenset[str]
    folk_re: "regex.Pattern[str]"
    unknown_stop: tuple[str, ...]
    # the role and title lists as automata: leftmost-longest, non-overlapping hits are
    # exactly the finditer matches of an \L<roles> / \L<titles> regex, 15x faster
    roles_ac: Matcher
    titles_ac: Matcher
    # 种植大户张永福：… (a transcript's speaker line): the head before a colon at a line start
    colon_re: "regex.Pattern[str]" = None
    colon_roles: tuple[str, ...] = ()
    outlet_ends: tuple[str, ...] = ()
    press_descriptors: frozenset[str] = frozenset()
    # Tibetan given-name elements (rules/people_minority_syllables.txt): 扎西顿珠, 央金
    syllables: frozenset[str] = frozenset()
    # 民宿经营者 央金：… (a speaker line: a role, a space, a name, a colon)
    spaced_colon_re: "regex.Pattern[str]" = None
    folk_dot_re: "regex.Pattern[str]" = None
    speaker_ends: tuple[str, ...] = ()
    # the words press_re / folk_re begin with: their matches start only where one does
    press_ac: Matcher | None = None
    folk_ac: Matcher | None = None
    # not_given characters that do stand in given names (黄可欣, 王心怡): allowed in a
    # space-separated byline name with a known surname
    byline_given_ok: frozenset[str] = frozenset()
    # 陈阿婆, 王大爷: a surname and a kinship or familiar term, no given name
    kin_given: frozenset[str] = frozenset()
    # 和妻子张阿妹经营: a relative's name after a kin word (rules/people.yaml relations)
    relations_ac: Matcher | None = None


@functools.lru_cache(maxsize=1)
def rules() -> _Rules:
    spec = load_yaml("people.yaml")
    surnames = load_lines("people_surnames.txt")
    roles = sorted(spec["roles"], key=len, reverse=True)
    press = sorted(spec["press_roles"], key=len, reverse=True)
    folk = sorted(spec["folk_roles"], key=len, reverse=True)
    # 记者 叶燕 宋嘉问 / 编辑：杜弘禹 / 本报记者 查金辉 摄: names separated by spaces.
    press_re = compile_regex(
        r"(?P<role>\L<press>)[ \t\u3000]*[:：]?[ \t\u3000]*"
        r"(?P<names>(?!\L<press>)(?:\p{Han}{2,6}[·•・]\p{Han}{2,6}|\p{Han}{2,4}?)"
        r"(?:[ \t\u3000、,，]+(?!\L<press>)(?:\p{Han}{2,6}[·•・]\p{Han}{2,6}|\p{Han}{2,4}?))*)"
        r"(?=[ \t\u3000]*(?:摄|整理|报道|供图|[)）\]】\n\r]|$|\p{P}|\L<press>))",
        press=press)
    quote_re = compile_regex(r"(?:^|(?<=[\n。！？!?；;：:，,“”\"]|[\n。！？!?；;：:，,“”\"]据))[ \t\u3000]*(?!据)(?P<name>\p{Han}{2,4}?)"
                             r"(?=(?:" + _QUOTE_VERBS + r")\p{P}?)",
                             regex.M)
    paren_re = compile_regex(r"[（(](?P<name>\p{Han}{2,4})[）)][ \t\u3000]*$", regex.M)
    line_re = compile_regex(r"^[ \t\u3000]*(?P<name>\p{Han}{3,4})[ \t\u3000]*$", regex.M)
    return _Rules(
        surnames=frozenset(s for s in surnames if len(s) == 1),
        compound=frozenset(s for s in surnames if len(s) == 2),
        press_re=press_re,
        quote_re=quote_re,
        paren_re=paren_re,
        line_re=line_re,
        modifiers=tuple(sorted(spec["role_modifiers"], key=len, reverse=True)),
        roles=tuple(roles),
        weak_roles=frozenset(spec["weak_roles"]),
        follow=tuple(sorted(spec["follow"], key=len, reverse=True)),
        not_given=frozenset(spec["not_given"]),
        name_stop=frozenset(spec["name_stop"]) | frozenset(load_lines("people_not_names.txt")),
        # 市民王秀兰说, 茶农岩三说: a name between an everyday role and a speech verb
        folk_re=compile_regex(r"(?P<role>\L<folk>)(?P<name>\p{Han}{2,4}?)(?=\L<verbs>)",
                              folk=folk,
                              verbs=sorted(spec["folk_verbs"], key=len, reverse=True)),
        unknown_stop=tuple(spec["unknown_stop"]),
        roles_ac=build_automaton(roles),
        titles_ac=build_automaton(spec["titles_after"]),
        colon_re=compile_regex(r"^[ \t\u3000]*(?:[（(][^）)\n]{1,8}[）)][ \t\u3000]*)?"
                               r"(?P<head>\p{Han}{2,16}?(?:[·•・]\p{Han}{2,6})?)[ \t\u3000]*[：:]", regex.M),
        outlet_ends=tuple(spec["press_outlet_ends"]),
        press_descriptors=frozenset(spec["press_descriptors"]),
        syllables=(frozenset(w for w in load_lines("people_minority_syllables.txt") if len(w) == 2)
                   | frozenset(w for w in load_lines("people_mongolian_elements.txt") if 2 <= len(w) <= 4)),
        spaced_colon_re=compile_regex(r"^[ \t\u3000]*(?:[（(][^）)\n]{1,8}[）)][ \t\u3000]*)?"
                                      r"(?P<pre>\p{Han}{2,16})[ \t\u3000]+(?P<name>\p{Han}{2,4})[ \t\u3000]*[：:]",
                                      regex.M),
        speaker_ends=tuple(sorted(spec["speaker_role_ends"], key=len, reverse=True)),
        folk_dot_re=compile_regex(r"(?P<role>\L<folk>)(?P<name>\p{Han}{2,6}[·•・]\p{Han}{2,6})",
                                  folk=folk),
        colon_roles=tuple(sorted(set(spec["roles"]) | set(spec["folk_roles"]) | set(spec["press_roles"]),
                                 key=len, reverse=True)),
        press_ac=build_automaton(press) if all(press) else None,
        folk_ac=build_automaton(spec["folk_roles"]) if all(spec["folk_roles"]) else None,
        byline_given_ok=frozenset(spec.get("byline_given_ok") or ""),
        kin_given=frozenset(spec.get("kin_given") or ()),
        relations_ac=build_automaton(spec["relations"]) if all(spec.get("relations") or [""]) else None,
    )


# matched over whole documents in the shared pass (gazetteer.share)
share(lambda: rules().roles_ac)
share(lambda: rules().titles_ac)
share(lambda: rules().relations_ac or build_automaton([]))
share(lambda: rules().press_ac or build_automaton([]))
share(lambda: rules().folk_ac or build_automaton([]))


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _surname_len(text: str, p: int, r: _Rules) -> int:
    if text[p:p + 2] in r.compound:
        return 2
    if p < len(text) and text[p] in r.surnames:
        return 1
    return 0


def _element(text: str, p: int, r: _Rules) -> int:
    """Length of the listed given-name element at `p` (the longest: 巴特尔 before 巴图…), or 0."""
    for k in (4, 3, 2):
        if p + k <= len(text) and text[p:p + k] in r.syllables:  # a slice past the end is shorter
            return k
    return 0


def _minority_end(text: str, p: int, r: _Rules, single: bool = False, loose: bool = False) -> int | None:
    """End of a Tibetan or Mongolian name at `p`: two given-name elements (扎西顿珠,
    苏和巴特尔), or with `single` one element that punctuation, a space or the text's
    end closes (央金：, 记者 乌日娜 ); with `loose` (after a role) also one element and a
    second one not in the list (旦增伦珠出席), or one element before a word that follows
    names (扎西介绍, 朝鲁门一边)."""
    k = _element(text, p, r)
    if not k:
        return None
    q = p + k
    k2 = _element(text, q, r)
    if k2:
        return q + k2
    if single and (q >= len(text) or not _is_han(text[q])):
        return q
    if loose:
        tail = text[q:q + 2]
        if len(tail) == 2 and all(_is_han(c) and c not in r.not_given for c in tail) \
                and not text.startswith(r.follow, q) and tail not in r.name_stop \
                and (q + 2 >= len(text) or not _is_han(text[q + 2]) or text.startswith(r.follow, q + 2)):
            return q + 2
        if text.startswith(r.follow, q):
            return q
    return None


def _valid(text: str, start: int, end: int, slen: int, r: _Rules) -> bool:
    name = text[start:end]
    if len(name) < 2 or not all(_is_han(c) for c in name) or name in r.name_stop \
            or name[slen:] in r.kin_given:
        return False
    return not any(c in r.not_given for c in name[slen:])


def _byline_valid(name: str, slen: int, r: _Rules) -> bool:
    """A space-separated byline name (记者 梁志华 实习生 黄可欣): the given name may hold
    the not_given characters that do stand in names (rules/people.yaml byline_given_ok)."""
    if not all(_is_han(c) for c in name) or name in r.name_stop:
        return False
    return not any(c in r.not_given and c not in r.byline_given_ok for c in name[slen:])


def _follows(text: str, i: int, r: _Rules) -> bool:
    """Is position `i` a place where a name may end?"""
    if i >= len(text) or not _is_han(text[i]):
        return True
    return text.startswith(r.follow, i)


def name_at(ctx: Context, p: int, r: _Rules, loose: bool = False) -> int | None:
    """End of a name starting at `p`, or None."""
    text = ctx.text
    slen = _surname_len(text, p, r)
    if not slen:
        return None
    short, long_ = p + slen + 1, p + slen + 2
    if short > len(text):  # a surname alone at the end of the text
        return None
    if long_ <= len(text) and _valid(text, p, long_, slen, r) and not _follows(text, short, r) \
            and _follows(text, long_, r):
        return long_
    if _valid(text, p, short, slen, r) and _follows(text, short, r):
        return short
    if loose:
        # The segmenter's word: 程光远 in 总经理程光远穿梭奔忙.
        tok = ctx.token_at(p)
        if tok and tok[0] == p and tok[1] in (short, long_) and _valid(text, p, tok[1], slen, r):
            return tok[1]
    return None


def _role_start(ctx: Context, start: int, r: _Rules, blocked: set[int],
                place_start: dict[int, int], place_inner: set[int],
                org_start: dict[int, int] | None = None) -> int:
    """Extend a role leftwards over its qualifiers and a chain 市委副书记、市长, and
    over a place that heads a party or government body (广州市委书记)."""
    text = ctx.text
    org_start = org_start or {}
    while True:
        moved = False
        for mod in r.modifiers:
            s = start - len(mod)
            if s >= 0 and text.startswith(mod, s) and start not in blocked and s not in place_inner:
                start, moved = s, True
                break
        if not moved and start in place_start and (
                text.startswith(_BODIES, start) or text[start - 1] in "省市县区州旗盟"):
            # 广州市委书记; 重庆市市长, 西安市副市长: a division's own office
            start, moved = place_start[start], True
        if not moved and start not in place_start and text.startswith(_PARTY, start):
            # 长沙市委书记: the places step drops 长沙市 (inside the body 长沙市委)
            ps = _place_before(ctx, start)
            if ps is not None:
                start, moved = ps, True
        if not moved and start in org_start:
            # 市发展改革委主任, 市政府秘书长: a title keeps the party or government body
            # it is held in (a company or another organization does not: 长安汽车董事长 → 董事长)
            start, moved = org_start[start], True
        if not moved and start >= 2 and text[start - 1] in "、兼":
            for role in r.roles:
                s = start - 1 - len(role)
                if s >= 0 and text.startswith(role, s):
                    start, moved = s, True
                    break
        if not moved:
            return start


# Bodies whose place belongs to the role: 广州市委书记, 广东省委常委, 沈阳市政府副秘书长.
_BODIES = ("市委", "省委", "区委", "县委", "州委", "党工委", "党委", "工委", "政府", "人民政府",
           "人大", "政协", "纪委", "委")
# Organizations that end a role's qualifiers unless they are such a body.
_BODY_END = compile_regex(r"(?:委|委员会|管委会|党组|政府|人大常委会|政协)$")
# Party and government bodies a title keeps before it (市发展改革委主任, 喀什地区行署副专员).
_GOV_BODY_END = compile_regex(r"(?:委|委员会|管委会|党组|政府|人大常委会|政协|行署|公署)$")


def find_people(ctx: Context) -> list[Mention]:
    r = rules()
    text = ctx.text
    found: dict[tuple[int, int], tuple[str, str | None]] = {}   # span -> (rule, role)
    # Mentions of other kinds end where a role's qualifiers stop (…有限公司总经理).
    blocked = {m.end for kind in ("company", "organization", "project")
               for m in ctx.mentions.get(kind, []) if not _BODY_END.search(m.text)}
    place_start = {m.end: m.start for m in ctx.mentions.get("place", [])}
    # A title keeps a party or government body it is held in (市发展改革委主任,
    # 高新区党工委书记), not another organization or a company, as the dev gold writes
    # them (沈阳金丰春航空科技有限公司总经理 → 总经理; 市能源局局长 → 局长, 吉林大学教授 → 教授).
    org_start = {m.end: m.start for m in ctx.mentions.get("organization", []) if _GOV_BODY_END.search(m.text)}
    # A one-character qualifier (市) may not be the last character of a place (沈阳市副市长).
    place_inner = {p for m in ctx.mentions.get("place", []) for p in range(m.start + 1, m.end)}
    # Characters inside names of other kinds (no person there) and inside places;
    # a name right after a role or in a byline may be a place's name as well
    # (市长吴江表示: 吴江 is also a district), there the same span is allowed.
    in_other = bytearray(len(text) + 1)
    in_place = bytearray(len(text) + 1)
    for kind in ("company", "organization", "project", "place"):
        marks = in_place if kind == "place" else in_other
        for m in ctx.mentions.get(kind, []):
            marks[m.start:m.end] = b"\x01" * (m.end - m.start)
    place_spans = {(m.start, m.end) for m in ctx.mentions.get("place", [])}

    def add(s: int, e: int, rule: str, role: str | None, over_place: bool = False) -> None:
        if (s, e) in found or any(in_other[s:e]):
            return
        if any(in_place[s:e]) and not over_place and \
                not (rule in ("person.role", "person.byline") and (s, e) in place_spans):
            return
        found[(s, e)] = (rule, role)

    # 1. After a role word: 总经理程光远, then 、 + more names sharing the role.
    for m_start, m_end, _v in longest_of(find_all_in(ctx, r.roles_ac)):
        word = text[m_start:m_end]
        p = m_end
        spaced = False
        while p < len(text) and p - m_end < 2 and text[p] in " \u3000\t":
            p, spaced = p + 1, True          # 县长　张卫东 (a space between role and name)
        if spaced and (word in r.weak_roles or word in _PRESS_LIKE):
            continue
        # 副主任古丽米拉·吐尔逊: a name with a middle dot, not the surname reading 古丽
        end = _dotted_end(text, p, r) if _DOTTED.match(text, p) else None
        if end is None:
            end = name_at(ctx, p, r, loose=not spaced and word not in r.weak_roles)
        tibetan = False
        if end is None:
            # 局长扎西顿珠：, 县长 央金说: a Tibetan name has no surname
            end = _minority_end(text, p, r, single=True, loose=True)
            if end is not None and not _follows(text, end, r):
                end = None
            tibetan = end is not None
        if end is None or (end < len(text) and text[end] in _DOTS):
            # 副专员艾尼瓦尔·吾买尔, 记者艾力·买买提: a transliterated name with a middle dot
            end = _dotted_end(text, p, r)
            if end is None:
                continue
        role = text[_role_start(ctx, m_start, r, blocked, place_start, place_inner, org_start):m_end]
        # 副市长李卫东: a place found inside the given name (卫东) after a strong role
        # is part of the name; a place at the name's start (市长吴江) is handled in add()
        inner = not spaced and word not in r.weak_roles and not in_place[p] and any(in_place[p:end])
        add(p, end, "person.role", role, over_place=tibetan or inner)
        while end < len(text) and text[end] == "、":
            nxt = name_at(ctx, end + 1, r)
            if nxt is not None and nxt < len(text) and text[nxt] in _DOTS:
                nxt = _dotted_end(text, end + 1, r)
            if nxt is None:
                break
            add(end + 1, nxt, "person.role", role)
            end = nxt

    # 2. Bylines and credits.
    for m in finditer_at(ctx, r.press_re, r.press_ac, MATCH_TIMEOUT):
        rs = _press_role_start(text, m.start("role"))
        if rs < m.start("role") and not text.endswith(r.outlet_ends, rs, m.start("role")) \
                and not (text[rs:m.start("role")] in r.press_descriptors
                         and (rs == 0 or not _is_han(text[rs - 1]))):
            rs = m.start("role")          # 南方财经全媒体记者: no outlet name ends there
        role = text[rs:m.end("role")].rstrip("/／")
        pos = m.start("names")
        for chunk in _BYLINE_SEP.split(m.group("names")):
            s = text.index(chunk, pos)
            pos = s + len(chunk)
            slen = _surname_len(text, s, r)
            if _DOTS.intersection(chunk):
                if _DOTTED.fullmatch(chunk):
                    add(s, pos, "person.byline", role)   # 记者 艾力·买买提
            elif slen and len(chunk) - slen in (1, 2) and _valid(text, s, pos, slen, r):
                # a place inside the given name of a whole byline name (记者 邱江华: 江华)
                add(s, pos, "person.byline", role, over_place=not in_place[s])
            elif slen and len(chunk) - slen in (1, 2) and s > 0 and text[s - 1] in " \t\u3000" \
                    and _byline_valid(chunk, slen, r):
                add(s, pos, "person.byline", role)   # 实习生 黄可欣
            elif _minority_end(text, s, r, single=True) == pos:
                add(s, pos, "person.byline", role, over_place=True)   # 林芝台记者次仁旺堆报道
            elif s > 0 and text[s - 1] in " \t\u3000" and len(chunk) in (2, 3, 4) \
                    and _unknown_name(chunk, r, byline=True):
                # 记者 岩温 李晓燕: a space-separated byline name, surname or not
                add(s, pos, "person.byline", role)

    # 3. A title after the name: 习近平总书记.
    for e, m_end, _v in longest_of(find_all_in(ctx, r.titles_ac)):
        longer = _roles_ending_with(text[e:m_end])
        if longer and text.endswith(longer, 0, m_end):
            continue              # 党总支书记: the title ends a longer role word, no name before it
        for s in (e - 3, e - 2):
            if s < 0:
                continue
            slen = _surname_len(text, s, r)
            if slen and ctx.is_token_start(s) and _valid(text, s, e, slen, r) and \
                    (s == 0 or not _is_han(text[s - 1]) or ctx.is_token_start(s)):
                tok = ctx.token_at(s)
                if text[e:m_end] in r.weak_roles and text[s] in _FUNCTION_FIRST:
                    continue  # 全职教授, 讲席教授和博导教授: a title that is also a noun wants a clear name
                # the segmenter sees a name or a surname here, not a word (广大/老同志)
                if tok and tok[1] in (s + slen, e):
                    add(s, e, "person.title", text[e:m_end])
                    break

    # 4. A speech verb after a name that opens a clause: 。王伟表示，
    for m in _quote_matches(ctx, r.quote_re):
        s = m.start("name")
        e = name_at(ctx, s, r)
        if e is None:
            e = _minority_end(text, s, r)        # 。扎西顿珠说
        if e is not None and e == m.end("name"):
            add(s, e, "person.quote", None)
    if not _DOTS.isdisjoint(text):
        # 。阿布都热合曼·艾买提说: a name with a middle dot that opens a clause (not a
        # role and a name: 副县长古丽娜·艾力说 is found above)
        covered = bytearray(len(text) + 1)
        for fs, fe in found:
            covered[fs:fe] = b"\x01" * (fe - fs)
        for v_start, _v_end, _v in longest_of(find_all_in(ctx, _quote_verbs())):
            s = v_start
            while s > 0 and v_start - s < 14 and (_is_han(text[s - 1]) or text[s - 1] in _DOTS):
                s -= 1
            if (s == 0 or text[s - 1] in _CLAUSE_OPEN) and _DOTS.intersection(text[s:v_start]) \
                    and not any(covered[s:v_start]) and not text.startswith(r.colon_roles, s) \
                    and _dotted_end(text, s, r) == v_start:
                add(s, v_start, "person.quote", None)

    # 5. （齐和宁） ending a paragraph; a name alone on its line.
    for matches, rule in ((r.paren_re.finditer(text, timeout=MATCH_TIMEOUT), "person.credit"),
                          (_line_matches(text, r.line_re), "person.credit")):
        for m in matches:
            s, e = m.span("name")
            slen = _surname_len(text, s, r)
            if slen and e - s - slen in (1, 2) and _valid(text, s, e, slen, r) \
                    and (rule == "person.credit" or e - s >= 3):
                add(s, e, rule, None)

    # 5b. 市民王秀兰说, 茶农岩三说: an everyday role, a name and a speech verb;
    # 村民阿依古丽·买买提说: a name with a middle dot needs no verb.
    # (its matches begin with a folk role and hold a middle dot: tried only at the
    # folk roles of the shared pass, and not at all without a dot in the text)
    for m in (() if _DOTS.isdisjoint(text) else finditer_at(ctx, r.folk_dot_re, r.folk_ac, MATCH_TIMEOUT)):
        e = _dotted_end(text, m.start("name"), r)
        if e is not None:
            add(m.start("name"), e, "person.role", m.group("role"))
    for m in finditer_at(ctx, r.folk_re, r.folk_ac):     # bounded (a role, 2-4 characters, a verb)
        s, e = m.span("name")
        slen = _surname_len(text, s, r)
        if e - s == 4:            # 村民吉克曲布说, 牧民扎西顿珠说: a compound surname or a Tibetan name
            if (slen == 2 and _valid(text, s, e, slen, r)) or _minority_end(text, s, r) == e:
                add(s, e, "person.role", m.group("role"), over_place=slen != 2)
            continue
        if (slen and _valid(text, s, e, slen, r)) or _unknown_name(m.group("name"), r):
            add(s, e, "person.role", m.group("role"))

    # 5c. A speaker at a line start before a colon (transcripts, interviews):
    # 种植大户张永福：…, 村党支部书记李强：…; a bare name needs three characters.
    for m in _colon_matches(text, r.colon_re):
        hs, he = m.span("head")
        head = m.group("head")
        if _DOTS.intersection(head):
            dm = _DOTTED.search(head)
            cands = [hs + dm.start()] if dm and dm.end() == len(head) else []
            cands = [c for c in cands if c == hs or text[hs:c].endswith(r.colon_roles)]
            if cands:
                add(cands[0], he, "person.role", None)
            continue
        done = False
        for n in (4, 2):
            s = he - n
            if s < hs or _minority_end(text, s, r, single=True) != he:
                continue
            word = next((w for w in r.colon_roles if text.endswith(w, hs, s)), None)
            if word:              # 局长扎西顿珠：
                role = text[_role_start(ctx, s - len(word), r, blocked, place_start, place_inner, org_start):s]
                add(s, he, "person.role", role)
                done = True
            elif s == hs and n == 4:
                add(s, he, "person.quote", None)     # 扎西顿珠：
                done = True
            break
        if not done:
            for n in (3, 2):
                s = he - n
                if s < hs:
                    continue
                slen = _surname_len(text, s, r)
                if not slen or n - slen not in (1, 2) or not _valid(text, s, he, slen, r):
                    continue
                if s == hs:
                    if n == 3 and not head.endswith(r.colon_roles):
                        add(s, he, "person.quote", None)
                    break
                word = next((w for w in r.colon_roles if text.endswith(w, hs, s)), None)
                if word:
                    role = text[_role_start(ctx, s - len(word), r, blocked, place_start, place_inner, org_start):s]
                    add(s, he, "person.role", role)
                    break

    # 5d. A speaker line with a space between role and name: 民宿经营者 央金：…,
    # 村党支部书记 扎西：… (the name may have no surname: 央金, 岩温).
    for m in _colon_matches(text, r.spaced_colon_re):      # at starts of lines holding a colon
        pre, name = m.group("pre"), m.group("name")
        word = next((w for w in r.colon_roles if pre.endswith(w)), None)
        if word is None and not pre.endswith(r.speaker_ends):
            continue
        s, e = m.span("name")
        slen = _surname_len(text, s, r)
        if (slen and len(name) - slen in (1, 2) and _valid(text, s, e, slen, r)) \
                or _minority_end(text, s, r, single=True) == e \
                or (_unknown_name(name, r, byline=True) and not name.startswith(r.follow)):
            ps = m.start("pre")
            if word is not None:
                ps = _role_start(ctx, m.end("pre") - len(word), r, blocked, place_start, place_inner, org_start)
            add(s, e, "person.role", text[ps:m.end("pre")])

    # 5e. A sex or ethnicity note after a name: 陈思（女）, 雷金花（女，畲族）, and an award
    # sentence's first name before its count: 授予罗志明等12名同志, 田小燕（女）等5人.
    for e, role_ok, note_role in _noted_names(ctx, r):
        s = _name_before(ctx, e, r)
        if s is not None:
            word = next((w for w in r.colon_roles if text.endswith(w, 0, s)), None)
            # a place inside the given name (王秀英（右）: 秀英) does not stop it
            add(s, e, "person.note", note_role or (word if role_ok and word else None),
                over_place=not in_place[s])
            if not role_ok and note_role is None:
                # an award count after a list: 王海燕、李春生、陈志刚等3人 (each name set
                # apart by 、, a boundary or the segmenter, as the last one)
                while s >= 3 and text[s - 1] == "、":
                    ps = _name_before(ctx, s - 1, r)
                    if ps is None:
                        break
                    add(ps, s - 1, "person.note", None, over_place=not in_place[ps])
                    s = ps

    # 5f. A list line of a 名单: a unit, a colon and only names (凤岗街道：罗志明、陈燕（女）).
    heads = {m.end for kind in ("place", "organization", "company") for m in ctx.mentions.get(kind, [])}
    for s, e in _list_line_names(text, heads, r):
        add(s, e, "person.list", None, over_place=not in_place[s])

    # 5g. A relative named after the kin word: 和妻子张阿妹经营 (no role: 妻子 is no title).
    if r.relations_ac is not None:
        for rs, p, _v in longest_of(find_all_in(ctx, r.relations_ac)):
            e = _relative_end(ctx, p, r)
            if e is not None:
                add(p, e, "person.relative", None)
            if rs >= 3 and text[rs - 1] in "和与":
                # 村民张阿妹和丈夫经营…: a name joined to a kin word is a person's; an
                # everyday role or a title right before it is the person's role
                ns = _name_before(ctx, rs - 1, r)
                # (a two-character one only as surname + given name: 李家和女儿 is a family)
                if ns is not None and text[ns] not in _FUNCTION_FIRST and (
                        rs - 1 - ns > 2 or ctx.token_at(ns) == (ns, ns + 1)):
                    word = next((w for w in r.colon_roles if text.endswith(w, 0, ns)), None)
                    add(ns, rs - 1, "person.relative", word)

    # 6. The same names elsewhere; a name takes the role found for it anywhere.
    roles: dict[str, str] = {}
    for (s, e), (_, role) in sorted(found.items()):
        if role and text[s:e] not in roles:
            roles[text[s:e]] = role
    names = {text[s:e] for s, e in found}
    if names:
        for i, e, name in find_words(names, text):
            if (i, e) not in found and (i == 0 or not _is_han(text[i - 1]) or ctx.is_token_start(i)) \
                    and _follows(text, e, r):
                add(i, e, "person.repeat", None)

    out = []
    last_end = -1
    # Longest first at each start; a span inside an earlier longer one is dropped.
    for (s, e), (rule, role) in sorted(found.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        if e <= last_end:
            continue
        last_end = max(last_end, e)
        name = text[s:e]
        out.append(Mention("person", s, e, name, rule, {"name": name, "role": role or roles.get(name)}))
    return out


@functools.lru_cache(maxsize=None)
def _roles_ending_with(title: str) -> tuple[str, ...]:
    """The role words longer than `title` that end with it (书记: 副书记, 党总支书记…)."""
    return tuple(w for w in rules().roles if len(w) > len(title) and w.endswith(title))


def _relative_end(ctx: Context, p: int, r: _Rules) -> int | None:
    """End of a name (a surname of the table and one or two characters) at `p`, right
    after a kin word: set apart by a following word (name_at), or cut by the segmenter
    into the surname and a one- or two-character word (张/阿妹)."""
    text = ctx.text
    if p >= len(text) or text[p] in _FUNCTION_FIRST:
        return None               # 妻子和孩子: a conjunction, not the surname 和
    slen = _surname_len(text, p, r)
    tok = ctx.token_at(p)
    if not slen or tok is None or tok[0] != p:
        return None
    e = name_at(ctx, p, r, loose=True)
    if e is not None:
        # the segmenter sees the name or its surname there, not a word (儿子高考考了)
        return e if tok[1] in (p + slen, e) else None
    if tok[1] != p + slen:
        return None
    nxt = ctx.token_at(p + slen)
    if nxt is None or nxt[0] != p + slen or nxt[1] - nxt[0] not in (1, 2) \
            or not _valid(text, p, nxt[1], slen, r):
        return None
    return nxt[1]


# Academic titles that keep the institution before them (湖南大学校长).
_PARTY = ("市委", "省委", "区委", "县委", "州委")


def _place_before(ctx: Context, end: int) -> int | None:
    """Start of a place name (a gazetteer surface) ending at `end`, or None."""
    from .places import gazetteer
    text = ctx.text
    a = max(0, end - 8)
    best = None
    for s, e, _ in find_all(gazetteer().matcher, text[a:end]):
        if a + e == end and (a + s == 0 or not _is_han(text[a + s - 1]) or ctx.is_token_start(a + s)):
            if best is None or a + s < best:
                best = a + s
    return best


_PRESS_LIKE = frozenset(["记者", "本报记者", "通讯员"])
_QUOTE_VERBS = "说|表示|指出|介绍|认为|强调|坦言|透露|告诉|称|提出|直言|坦承"
_QUOTE_VERB = compile_regex(_QUOTE_VERBS)
_SPACES = " \t\u3000"


@functools.lru_cache(maxsize=1)
def _quote_verbs() -> Matcher:
    """_QUOTE_VERB's words (none is a prefix of another, so its leftmost matches are
    the leftmost-longest hits of this automaton, found in the shared pass)."""
    return build_automaton(_QUOTE_VERBS.split("|"))


share(_quote_verbs)


def _line_matches(text: str, line_re: "regex.Pattern[str]"):
    """`line_re.finditer(text)` (a line of spaces and 3-4 characters): tried only at
    the start of a line that is 3-4 characters long without its spaces."""
    q = 0
    for line in text.split("\n"):
        if 3 <= len(line.strip(_SPACES)) <= 4:
            m = line_re.match(text, q)        # linear in the line: no timeout (~5-10 us a call)
            if m is not None:
                yield m
        q += len(line) + 1


def _colon_matches(text: str, colon_re: "regex.Pattern[str]"):
    """`colon_re.finditer(text)` (a speaker at a line start before a colon): tried
    only at the start of a line that holds a colon. Linear: each colon's line start
    is looked for back to the previous colon only."""
    colons = []
    for ch in ("：", ":"):
        i = text.find(ch)
        while i >= 0:
            colons.append(i)
            i = text.find(ch, i + 1)
    colons.sort()
    prev, line_start, tried, end = 0, 0, -1, 0
    for c in colons:
        nl = text.rfind("\n", prev, c)
        if nl >= 0:
            line_start = nl + 1
        prev = c
        if line_start == tried or line_start < end:
            continue
        tried = line_start
        m = colon_re.match(text, line_start)  # linear in the line: no timeout (~5-10 us a call)
        if m is not None:
            end = m.end()
            yield m


def _quote_matches(ctx: Context, quote_re: "regex.Pattern[str]"):
    """quote_re's finditer matches, searched only in windows around the speech verbs
    (its lookbehinds made a scan of the whole text cost more than all other people
    rules). A match is a boundary, spaces, 2-4 characters and a verb: it starts at
    most 4 characters and one run of spaces before its verb (its lookbehinds may
    look before the window) and its lookahead ends within 2 characters after the
    verb's start. Overlapping windows are merged, so the matches are the same.
    No timeout: a window is a few characters (and a run of spaces, where only the
    first position can start a match), and a timeout costs ~5-10 us per call."""
    text = ctx.text
    n = len(text)
    ws = we = -1
    for v_start, _v_end, _v in longest_of(find_all_in(ctx, _quote_verbs())):
        s = max(0, v_start - 4)
        while s > 0 and text[s - 1] in _SPACES:
            s -= 1
        e = min(n, v_start + 3)
        if s <= we:
            we = max(we, e)
            continue
        if we > ws:
            yield from quote_re.finditer(text, ws, we)
        ws, we = s, e
    if we > ws:
        yield from quote_re.finditer(text, ws, we)
_BYLINE_SEP = compile_regex(r"[ \t\u3000、,，]+")


def _unknown_name(name: str, r: _Rules, byline: bool = False) -> bool:
    """A name whose surname is not in the table (岩温, 岩三): Han only, no character
    that never stands in a name (numerals allowed after the first: 岩三), and no
    word that stands where a name would (纷纷, 近日: rules/people.yaml `unknown_stop`)."""
    if not all(_is_han(c) for c in name) or name in r.name_stop or name.startswith(r.unknown_stop) \
            or name[-2:] in r.kin_given:
        return False
    if not byline and name[0] in "老小":
        return False              # 茶农老李说: a familiar form, not a name
    if name[0] in (_FUNCTION_FIRST if byline else r.not_given) or name[0] in _NUMERALS:
        return False              # (a space-separated byline name may begin 次仁)
    return not any(c in r.not_given and c not in _NUMERALS for c in name[1:])


# 艾力·买买提; 让·皮埃尔·马丁 (a one-character first part only before a second dot)
_DOTTED = compile_regex(r"(?:\p{Han}{2,6}|\p{Han}(?=[·•・]\p{Han}{1,6}[·•・]))"
                        r"(?:[·•・]\p{Han}{1,6}(?=[·•・]))?[·•・]\p{Han}{2,6}(?![·•・])")
_DOTS = frozenset("·•・")


def _dotted_end(text: str, p: int, r: _Rules) -> int | None:
    """End of a transliterated name with a middle dot starting at `p` (艾力·买买提)."""
    dm = _DOTTED.match(text, p)
    if dm is None:
        return None
    g = dm.group()
    dot = next(i for i, c in enumerate(g) if c in _DOTS)
    return next((e for e in range(p + dot + 3, dm.end() + 1)
                 if _follows(text, e, r) and (e >= len(text) or text[e] not in _DOTS)), None)
_NUMERALS = frozenset("一二三四五六七八九十")
# what stands before a name that opens a clause (as in quote_re)
_CLAUSE_OPEN = frozenset("\n。！？!?；;：:，,“”\" \t\u3000")
_FUNCTION_FIRST = frozenset("的了是在与及等和也都还又就将被把向对于从以之其而但这那每该本各全")


def _press_role_start(text: str, start: int) -> int:
    """A press role keeps the outlet before it: 本报记者, 红星新闻记者 (up to 8
    characters back to a space, punctuation or line start)."""
    s = start
    while s > 0 and start - s < 8 and _is_han(text[s - 1]) and text[s - 1] not in "据由从向对经":
        s -= 1
    return s


# 陈思（女）, 雷金花（女，畲族）, 王强（男，汉族，1975年出生）, 杨光荣（苗族）: a sex or
# ethnicity note in brackets; a photo caption's position note (村医王秀英（右）, 张强（前排左二）)
_SEX_NOTE = compile_regex(r"[（(](?:[男女]|\p{Han}{1,4}族|(?:前排|后排|中排)?[左右中][一二三四五六七八九]?)"
                          r"(?:[，,、；;][^（()）\n]{1,24})?[）)]")
# 罗志明（高桥镇新桥村党支部书记）: a role in brackets after a name (award lists, 任免)
_ROLE_NOTE = compile_regex(r"[（(](?P<role>\p{Han}{2,24})[）)]")
# 罗志明等12名同志, 田小燕（女）等5人: an award sentence's count after its first name
_AWARD_COUNT = compile_regex(r"等(?:\d{1,4}|[一二三四五六七八九十两百]{1,4})(?:名|位)?(?:同志|人|名|位)")


def _noted_names(ctx: Context, r: _Rules):
    """Ends of names followed by a sex note or an award count (see 5e); each with
    whether the name may take a role word before it. Tried only where the text
    holds （男/（女 or 等: linear."""
    text = ctx.text
    for opener in ("（", "("):
        i = text.find(opener)
        while i >= 0:
            if i >= 2 and _is_han(text[i - 1]):
                if _SEX_NOTE.match(text, i) is not None:
                    yield i, True, None
                else:
                    m = _ROLE_NOTE.match(text, i)
                    if m is not None and m.group("role").endswith(r.roles):
                        yield i, False, m.group("role")
            i = text.find(opener, i + 1)
    i = text.find("等")
    while i >= 0:
        if _AWARD_COUNT.match(text, i) is not None:
            e = i
            if e > 0 and text[e - 1] in "）)":
                b = text.rfind("（", max(0, e - 28), e)
                b = max(b, text.rfind("(", max(0, e - 28), e))
                if b >= 0 and (_SEX_NOTE.fullmatch(text, b, e) or _ROLE_NOTE.fullmatch(text, b, e)):
                    e = -1            # 田小燕（女）等5人: found at its note
            if e > 0:
                yield e, False, None
        i = text.find("等", i + 1)


def _name_before(ctx: Context, e: int, r: _Rules) -> int | None:
    """Start of a name ending at `e` (before a note, see 5e): a surname and one or two
    characters that a boundary (line start, punctuation, space), a role word (茶农田小燕)
    or the segmenter (a token starting there) sets apart, the longest such."""
    text = ctx.text
    cands = []
    for n in (4, 3, 2):
        s = e - n
        if s < 0:
            continue
        slen = _surname_len(text, s, r)
        if slen and n - slen in (1, 2) and (slen == 2 or n < 4) and _valid(text, s, e, slen, r):
            cands.append(s)
    for s in cands:
        if s == 0 or not _is_han(text[s - 1]) or text[s - 1] in "、":
            return s
    for s in cands:
        if text.endswith(r.colon_roles, 0, s):
            return s
    for s in cands:
        tok = ctx.token_at(s)
        if tok and tok[0] == s and tok[1] in (s + _surname_len(text, s, r), e):
            return s
    return None


_LIST_ITEM = compile_regex(r"(?P<name>\p{Han}{2,4})(?:[（(][男女](?:[，,、][^（()）\n]{1,24})?[）)])?")


# a town, street or village heading a 名单 line (夏茂镇：上官俊、张勇) with no county named
_UNIT_ENDS = ("街道", "社区", "镇", "乡", "村", "苏木", "嘎查")


def _list_line_names(text: str, heads: set[int], r: _Rules):
    """Names of a 名单 line: a unit (a place, organization or company ending right
    before the colon, or a word ending like a town or village, at most 24 characters
    from the line start), a colon, then only
    names joined by 、 (each may carry a sex note). Every item must be a surname and
    one or two characters, or the line gives nothing. Tried only at lines holding
    a colon: linear."""
    q = 0
    for line in text.split("\n"):
        c = line.find("：")
        if c < 0:
            c = line.find(":")
        if 2 <= c <= 24 and (q + c in heads or line[:c].endswith(_UNIT_ENDS)):
            items, pos, ok = [], q + c + 1, True
            rest = line[c + 1:].rstrip(" \t\u3000。")
            for chunk in rest.split("、") if rest else ():
                m = _LIST_ITEM.fullmatch(chunk.strip(" \t\u3000"))
                s = text.find(chunk, pos)
                pos = s + len(chunk)
                if m is None:
                    ok = False
                    break
                s += len(chunk) - len(chunk.lstrip(" \t\u3000"))
                e = s + len(m.group("name"))
                slen = _surname_len(text, s, r)
                if not (slen and e - s - slen in (1, 2) and _valid(text, s, e, slen, r)):
                    ok = False
                    break
                items.append((s, e))
            if ok:
                yield from items
        q += len(line) + 1
