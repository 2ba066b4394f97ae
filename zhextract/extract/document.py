"""Document-level facts: headline, byline and the anchor date."""
from __future__ import annotations

import regex

from .anchor import infer_anchor
from .base import Anchor, Context

# A byline line: 本报记者 陶阳 / 记者 叶燕 宋嘉问 / 作者：… 编辑：…
_BYLINE = regex.compile(
    r"^[ \t\u3000]*((?:(?:本报|新华社|[^\s，。：:]{0,8})?(?:记者|通讯员|实习生)|作者|文|撰文|编辑|责任编辑|责编)"
    r"[ \t\u3000：:]*[^\n]{1,60}?)[ \t\u3000]*$",
    regex.M,
)
_TITLE_END = regex.compile(r"[。；;，,]$")


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


def find_byline(text: str, limit: int = 1500) -> str | None:
    m = _BYLINE.search(text[:limit])
    return m.group(1).strip() if m else None


def describe_document(ctx: Context, given_date: str | None) -> None:
    """Fill the context's title, byline and anchor."""
    ctx.title = find_title(ctx.text)
    ctx.byline = find_byline(ctx.text)
    ctx.anchor = Anchor.from_iso(given_date, "input") if given_date else infer_anchor(ctx.text)
