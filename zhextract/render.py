"""A review page: one self-contained HTML file showing every document of a run
with its mentions highlighted by type (displaCy's colours and labels), the
attributes of each mention on hover, and per document a summary (companies,
organizations, projects, people, places) beside the text and a table of its
claims (value, unit, metric, change, period, place) below it; hovering a row
outlines the claim in the text, a click scrolls to it.

The stylesheet and script (`zhextract/static/`) are inlined: the page loads no
network resource and can be mailed or archived as one file.

Overlapping mentions nest (<mark> inside <mark>); a mention that crosses the end
of another is drawn in two pieces, the second without its label (class `cont`);
both pieces share `data-mid`.
"""
from __future__ import annotations

import bisect
import html
from collections import Counter
from importlib import resources
from typing import Any, Iterable, TextIO

from .annotated import MENTION_TYPES, AnnotatedDoc

LABELS = {
    "company": "company", "organization": "org", "project": "project", "person": "person",
    "place": "place", "date": "date", "claim": "claim",
}
SUMMARY_TYPES = ("company", "organization", "project", "person", "place")
HEADINGS = {"company": "Companies", "organization": "Organizations", "project": "Projects",
            "person": "People", "place": "Places", "date": "Dates", "claim": "Statistics"}


def _static(name: str) -> str:
    return resources.files("zhextract").joinpath("static", name).read_text(encoding="utf-8")


def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def format_number(value: Any) -> str:
    """15882000000 → '15,882,000,000'; 17.9 → '17.9'; anything else as text."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "" if value is None else str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:,.6g}" if abs(value) >= 1e6 else repr(value)


def format_change(change: Any) -> str:
    if not isinstance(change, dict):
        return ""
    arrow = {"up": "↑", "down": "↓"}.get(change.get("direction"), "?")
    basis = change.get("basis")
    return f"{arrow} {change.get('direction')}" + (f" ({basis})" if basis else "")


def claim_amount(rec: dict[str, Any]) -> str:
    amount = format_number(rec.get("value"))
    if rec.get("value_max") is not None:
        amount += "–" + format_number(rec["value_max"])
    return amount


def describe(rec: dict[str, Any]) -> str:
    """The hover text of a mention: its type and normalized fields, one a line."""
    kind = rec.get("type")
    lines = [f"{kind}: {rec.get('text')}"]
    if kind == "claim":
        lines.append(f"value: {claim_amount(rec)} {rec.get('unit') or ''}".rstrip())
        for key in ("kind", "qualifier", "metric"):
            if rec.get(key) is not None:
                lines.append(f"{key}: {rec[key]}")
        if rec.get("change"):
            lines.append(f"change: {format_change(rec['change'])}")
        for key in ("period", "place"):
            if rec.get(key) is not None:
                lines.append(f"{key}: {rec[key]}")
    elif kind == "date":
        lines.append(f"value: {rec.get('value')}")
        for key in ("mod", "dtype"):
            if rec.get(key) is not None:
                lines.append(f"{key}: {rec[key]}")
    else:
        if rec.get("name") is not None:
            lines.append(f"name: {rec['name']}")
        if rec.get("role"):
            lines.append(f"role: {rec['role']}")
    if rec.get("rule"):
        lines.append(f"rule: {rec['rule']}")
    return "\n".join(lines)


def highlight(text: str, mentions: list[dict[str, Any]], prefix: str) -> str:
    """The text as HTML with each mention in a <mark>; overlaps nest, crossings split."""
    # Fragments (start, -end, index, is_continuation), sorted by start, longest first.
    frags = sorted((int(m["start"]), -int(m["end"]), i, False) for i, m in enumerate(mentions)
                   if int(m["end"]) > int(m["start"]))

    def open_tag(i: int, cont: bool) -> str:
        m = mentions[i]
        kind = m.get("type", "")
        classes = f"ent t-{_esc(kind)}" + (" cont" if cont else "")
        return (f'<mark class="{classes}" data-type="{_esc(kind)}" data-mid="{prefix}-{i}" '
                f'title="{_esc(describe(m))}">')

    def close_tag(i: int, cont: bool) -> str:
        label = "" if cont else f'<span class="lbl">{_esc(LABELS.get(mentions[i].get("type"), ""))}</span>'
        return label + "</mark>"

    def emit(lo: int, hi: int, items: list[tuple[int, int, int, bool]]) -> str:
        out: list[str] = []
        pos, k = lo, 0
        while k < len(items):
            start, neg_end, i, cont = items[k]
            end = -neg_end
            inner: list[tuple[int, int, int, bool]] = []
            k += 1
            while k < len(items) and items[k][0] < end:
                c_start, c_neg_end, c_i, c_cont = items[k]
                if -c_neg_end <= end:
                    inner.append(items[k])
                else:  # crosses our end: the part inside nests, the rest comes after
                    inner.append((c_start, -end, c_i, c_cont))
                    bisect.insort(items, (end, c_neg_end, c_i, True), lo=k + 1)
                k += 1
            out.append(html.escape(text[pos:start], quote=False))
            out.append(open_tag(i, cont) + emit(start, end, inner) + close_tag(i, cont))
            pos = end
        out.append(html.escape(text[pos:hi], quote=False))
        return "".join(out)

    return emit(0, len(text), frags)


def _names_list(mentions: list[dict[str, Any]], kind: str) -> str:
    counts = Counter(str(m.get("name") or m.get("text")) for m in mentions if m.get("type") == kind)
    if not counts:
        return '<p class="none">none</p>'
    items = []
    for name, n in counts.most_common():
        roles = sorted({str(m["role"]) for m in mentions if m.get("type") == "person"
                        and str(m.get("name") or m.get("text")) == name and m.get("role")})
        extra = f" ({_esc('、'.join(roles))})" if roles else ""
        items.append(f"<li>{_esc(name)}{extra}" + (f" ×{n}" if n > 1 else "") + "</li>")
    return f'<ul class="names" data-kind="{kind}">' + "".join(items) + "</ul>"


def _claims_table(mentions: list[dict[str, Any]], prefix: str) -> str:
    rows = []
    for i, m in enumerate(mentions):
        if m.get("type") != "claim":
            continue
        rows.append(
            f'<tr data-mid="{prefix}-{i}"><td>{_esc(m.get("text"))}</td>'
            f'<td class="num">{_esc(claim_amount(m))}</td><td>{_esc(m.get("unit"))}</td>'
            f'<td>{_esc(m.get("metric"))}</td><td>{_esc(format_change(m.get("change")))}</td>'
            f'<td>{_esc(m.get("period"))}</td><td>{_esc(m.get("place"))}</td>'
            f'<td>{_esc(m.get("qualifier"))}</td></tr>')
    if not rows:
        return '<p class="none">none</p>'
    head = "".join(f"<th>{h}</th>" for h in ("text", "value", "unit", "metric", "change", "period",
                                              "place", "qualifier"))
    return f'<table class="claims"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def render_document(doc: AnnotatedDoc, n: int) -> str:
    """One <article>: heading, metadata, highlighted text beside its summary, then its claims."""
    prefix = f"d{n}"
    d = doc.document
    counts = Counter(m.get("type") for m in doc.mentions)
    meta = [f"id: {_esc(doc.id)}", f"{len(doc.text)} characters"]
    if d.get("anchor_date") or d.get("anchor_source"):
        meta.append(f"anchor date: {_esc(d.get('anchor_date') or 'none')} ({_esc(d.get('anchor_source') or 'none')})")
    if d.get("byline"):
        meta.append(_esc(d["byline"]))
    error = f'<p class="error">stopped early: {_esc(d["error"])}</p>' if d.get("error") else ""
    count_rows = "".join(f'<tr><td><span class="swatch t-{k}">{LABELS[k]}</span></td>'
                         f'<td class="num" data-count="{k}">{counts.get(k, 0)}</td></tr>'
                         for k in MENTION_TYPES)
    aside = [f'<table class="summary"><tbody>{count_rows}</tbody></table>']
    for kind in SUMMARY_TYPES:
        aside.append(f"<h3>{HEADINGS[kind]}</h3>" + _names_list(doc.mentions, kind))
    stats = f'<section class="stats"><h3>{HEADINGS["claim"]}</h3>{_claims_table(doc.mentions, prefix)}</section>'
    return (f'<article class="doc" id="doc-{n}" data-doc="{_esc(doc.id)}">'
            f"<h2>{_esc(d.get('title') or doc.id)}</h2>"
            f'<p class="meta">{" · ".join(meta)}</p>{error}'
            f'<div class="layout"><div class="text">{highlight(doc.text, doc.mentions, prefix)}</div>'
            f'<aside>{"".join(aside)}</aside></div>{stats}</article>')


def render_html(docs: Iterable[AnnotatedDoc], title: str = "zhextract review") -> str:
    """The whole page, as a string."""
    articles: list[str] = []
    index_rows: list[str] = []
    totals: Counter[str] = Counter()
    for n, doc in enumerate(docs):
        articles.append(render_document(doc, n))
        counts = Counter(m.get("type") for m in doc.mentions)
        totals.update(counts)
        cells = "".join(f'<td class="num">{counts.get(k, 0)}</td>' for k in MENTION_TYPES)
        index_rows.append(f'<tr><td><a href="#doc-{n}">{_esc(doc.id)}</a></td>'
                          f"<td>{_esc(doc.document.get('title') or '')}</td>{cells}</tr>")
    legend = "".join(
        f'<label><input type="checkbox" checked data-toggle="{k}"> '
        f'<span class="swatch t-{k}">{LABELS[k]}</span> {totals.get(k, 0)}</label>' for k in MENTION_TYPES)
    head_cells = "".join(f"<th>{LABELS[k]}</th>" for k in MENTION_TYPES)
    index = (f'<table class="index"><thead><tr><th>document</th><th>title</th>{head_cells}</tr></thead>'
             f'<tbody>{"".join(index_rows)}</tbody></table>')
    return (
        '<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_esc(title)}</title><style>{_static('render.css')}</style></head>\n"
        f'<body><header class="page"><h1>{_esc(title)}</h1>'
        f'<div class="legend">{len(articles)} documents, {sum(totals.values())} mentions: {legend}</div>'
        f"</header><main>{index}{''.join(articles)}</main>"
        f"<script>{_static('render.js')}</script></body></html>\n"
    )


def write_html(docs: Iterable[AnnotatedDoc], out: TextIO, title: str = "zhextract review") -> None:
    out.write(render_html(docs, title))
