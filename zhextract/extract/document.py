"""Document-level facts: headline, byline and the anchor date."""
from __future__ import annotations

import regex

from ..regex_cache import compile_regex
from .anchor import infer_anchor
from .base import Anchor, Context

# A byline line: 本报记者 陶阳 / 记者 叶燕 宋嘉问 / 作者：… 编辑：… / 四川农村日报全媒体记者 唐雪梅
# (an outlet and desk of up to 12 characters before the press role, no bracket: a
# bracketed credit （长江日报记者 王敏） is read as one below)
_BYLINE = compile_regex(
    r"^[ \t\u3000]*((?:(?:本报|新华社|[^\s，。：:（）()]{0,12})?(?:记者|通讯员|实习生)|作者|文|撰文|编辑|责任编辑|责编)"
    r"[ \t\u3000：:]*[^\n，。]{1,60}?)[ \t\u3000]*$",      # a credit, not a sentence (记者：据…，…。)
    regex.M,
)
_TITLE_END = compile_regex(r"[。；;，,]$")


def find_title(text: str, limit: int = 600) -> str | None:
    """The first non-empty line that reads like a headline (no sentence-final mark,
    mostly Chinese, not a kicker in Latin capitals), looked for near the top."""
    for line in text[:limit].split("\n"):
        line = line.strip()
        if len(line) < 6 or len(line) > 60 or _TITLE_END.search(line):
            continue
        if sum("\u4e00" <= c <= "\u9fff" for c in line) < len(line) / 2:
            continue
        return line
    return None


# A credit in brackets closing the article: （作者：…记者 钟小韵 编辑：杜弘禹）, （齐和宁）.
_END_CREDIT = compile_regex(r"[（(]([^（）()\n]{2,60})[）)][ \t\u3000]*\s*\Z")
# A credit after the dateline: 本报讯（记者 林琳 通讯员 王刚）, …电（记者 王希）.
_DATELINE_CREDIT = compile_regex(r"[讯电][ \t\u3000]*[（(]([^（）()\n]{0,20}?(?:记者|通讯员)[^（）()\n]{1,40})[）)]")
_CREDIT_START = compile_regex(r"(?:作者|记者|本报记者|通讯员|文|撰文|编辑|责任编辑|责编)[ \t\u3000：:/]")
_BARE_NAME = compile_regex(r"\p{Han}{2,4}")


def find_byline(text: str, limit: int = 1500) -> str | None:
    """An author line near the top (本报记者 陶阳), else a credit in brackets that
    closes the article (（作者：南方财经全媒体记者 钟小韵 编辑：杜弘禹）, （齐和宁）)."""
    m = _BYLINE.search(text[:limit])
    if m:
        line = m.group(1).strip()
        if line[:1] in "（(" and line[-1:] in "）)":
            line = line[1:-1].strip()      # （本报记者 赵晓明 杨帆）
        return line or None
    m = _DATELINE_CREDIT.search(text[:300])
    if m:
        return m.group(1).strip()          # 广州日报讯（全媒体记者 林琳）
    m = _END_CREDIT.search(text[-400:])
    if not m:
        return None
    credit = m.group(1).strip()
    if _CREDIT_START.match(credit) or regex.search(r"(?:记者|通讯员)[ \t\u3000]", credit):
        return credit
    if _BARE_NAME.fullmatch(credit) and _is_person_name(credit):
        return credit
    return None


def _is_person_name(name: str) -> bool:
    from .people import rules

    r = rules()
    slen = 2 if name[:2] in r.compound else 1 if name[0] in r.surnames else 0
    return bool(slen) and len(name) - slen in (1, 2) and not any(c in r.not_given for c in name[slen:])


def describe_document(ctx: Context, given_date: str | None) -> None:
    """Fill the context's title, byline and anchor."""
    ctx.title = find_title(ctx.text)
    ctx.byline = find_byline(ctx.text)
    ctx.anchor = Anchor.from_iso(given_date, "input") if given_date else infer_anchor(ctx.text)
