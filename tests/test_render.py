"""`zhextract render`: the review page. Structure checked in Python; then the page is
loaded in a real headless Chromium (Debian's `chromium`), its DOM dumped after the
script ran, and a screenshot taken."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhextract.annotated import AnnotatedDoc
from zhextract.cli import app
from zhextract.render import highlight, render_html

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Written for these tests.
TEXT = ("苏州工业园区管委会3月15日宣布，总投资约120亿元的苏州纳米城二期项目开工。\n"
        "园区主任张伟表示，今年前5个月园区实现工业总产值2300亿元，同比增长8.5%。")


def _find(sub: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(sub, start + 1)
    return start, start + len(sub)


def _m(type_: str, sub: str, nth: int = 0, **fields) -> dict:
    s, e = _find(sub, nth)
    return {"doc": "sz", "type": type_, "text": sub, "start": s, "end": e, "sent": 0, "rule": "test", **fields}


MENTIONS = [
    _m("organization", "苏州工业园区管委会", name="苏州工业园区管委会"),
    _m("place", "苏州", 0, name="苏州市"),  # nested inside the organization
    _m("date", "3月15日", value="2024-03-15", mod=None, dtype="DATE"),
    _m("claim", "约120亿元", value=12000000000, unit="元", kind="money", qualifier="approx",
       metric="总投资", change=None, period=None, place=None),
    _m("project", "苏州纳米城二期项目", name="苏州纳米城二期项目"),
    _m("person", "张伟", name="张伟", role="园区主任"),
    _m("date", "今年前5个月", value="2024-01/2024-05", mod=None, dtype="DATE"),
    _m("claim", "2300亿元", value=230000000000, unit="元", kind="money", qualifier=None,
       metric="工业总产值", change=None, period="2024-01/2024-05", place=None),
    _m("claim", "8.5%", value=8.5, unit="%", kind="percent", qualifier=None, metric="工业总产值",
       change={"direction": "up", "basis": "yoy"}, period="2024-01/2024-05", place=None),
]
DOCUMENT = {"doc": "sz", "type": "document", "schema": 1, "chars": len(TEXT), "anchor_date": "2024-06-20",
            "anchor_source": "input", "title": "苏州纳米城二期开工", "byline": None}


VOID = {"meta", "input", "br", "link", "img", "hr", "wbr"}


class _Marks(HTMLParser):
    """Collects <mark> elements (attributes and inner text without labels) and checks nesting."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.open_marks: list[dict] = []
        self.marks: list[dict] = []
        self.text: list[str] = []
        self.in_label = 0
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("src", "href"):
            if a.get(key) and not a[key].startswith("#"):
                self.external.append(a[key])
        if tag == "link":
            self.external.append(str(a))
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag == "mark":
            rec = {**a, "inner": ""}
            self.open_marks.append(rec)
            self.marks.append(rec)
        if tag == "span" and a.get("class") == "lbl":
            self.in_label += 1

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()
        if tag == "mark":
            self.open_marks.pop()
        if tag == "span" and self.in_label:
            self.in_label -= 1

    def handle_data(self, data):
        if self.in_label:
            return
        for m in self.open_marks:
            m["inner"] += data


def _text_of_article(page: str) -> str:
    """The article text as shown: everything inside <div class="text">, labels left out."""
    body = page.split('<div class="text">', 1)[1].split("</div><aside>", 1)[0]

    class Collect(HTMLParser):
        out: list[str] = []
        skip = 0

        def handle_starttag(self, tag, attrs):
            if tag == "span" and ("class", "lbl") in attrs:
                self.skip += 1

        def handle_endtag(self, tag):
            if tag == "span" and self.skip:
                self.skip -= 1

        def handle_data(self, data):
            if not self.skip:
                self.out.append(data)

    c = Collect()
    c.out = []
    c.feed(body)
    return "".join(c.out)


def _page() -> str:
    return render_html([AnnotatedDoc("sz", TEXT, DOCUMENT, MENTIONS)], title="测试页")


def test_page_is_well_formed_and_keeps_the_text():
    page = _page()
    parser = _Marks()
    parser.feed(page)
    assert _text_of_article(page) == TEXT
    assert len({m["data-mid"] for m in parser.marks}) == len(MENTIONS)
    for m in parser.marks:
        i = int(m["data-mid"].split("-")[1])
        assert m["inner"] == MENTIONS[i]["text"]
        assert m["data-type"] == MENTIONS[i]["type"]


def test_page_is_self_contained():
    page = _page()
    parser = _Marks()
    parser.feed(page)
    assert parser.external == []
    assert "http://" not in page and "https://" not in page and "@import" not in page
    assert "<style>" in page and "<script>" in page


def test_claim_attributes_on_hover_and_in_table():
    page = _page()
    assert "metric: 工业总产值" in page and "period: 2024-01/2024-05" in page  # title (hover) text
    table = page.split('<table class="claims">', 1)[1].split("</table>", 1)[0]
    assert table.count("<tr data-mid=") == 3
    assert "230,000,000,000" in table and "↑ up (yoy)" in table


def test_crossing_mentions_split_and_stay_balanced():
    text = "沈阳金丰春航空科技有限公司"
    ms = [{"type": "company", "start": 2, "end": 13, "text": text[2:13]},
          {"type": "project", "start": 0, "end": 5, "text": text[0:5]}]
    html = highlight(text, ms, "x")
    parser = _Marks()
    parser.feed(html)
    assert not parser.stack
    pieces = [m for m in parser.marks if m["data-mid"] == "x-0"]
    assert "".join(p["inner"] for p in pieces) == text[2:13]
    assert any("cont" in p["class"] for p in pieces)


def test_html_in_text_is_escaped():
    text = "<script>alert(1)</script>华为"
    html = highlight(text, [{"type": "company", "start": 25, "end": 27, "text": "华为"}], "x")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_cli_render_records_with_texts(tmp_path):
    records = tmp_path / "out.jsonl"
    records.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [DOCUMENT, *MENTIONS]),
                       encoding="utf-8")
    texts = tmp_path / "articles.jsonl"
    texts.write_text(json.dumps({"id": "sz", "text": TEXT}, ensure_ascii=False) + "\n", encoding="utf-8")
    page = tmp_path / "review.html"
    result = CliRunner().invoke(app, ["render", str(records), "--texts", str(texts), "-o", str(page)])
    assert result.exit_code == 0, result.output
    assert page.read_text(encoding="utf-8").count('<mark class="ent') == len(MENTIONS)
    no_texts = CliRunner().invoke(app, ["render", str(records), "-o", str(page)])
    assert no_texts.exit_code == 2


def test_page_in_headless_chromium(tmp_path):
    if CHROMIUM is None:
        if os.environ.get("ZHEXTRACT_REQUIRE_CHROMIUM"):
            pytest.fail("ZHEXTRACT_REQUIRE_CHROMIUM is set but chromium is not installed")
        pytest.skip("Chromium is not installed (apt-get install -y chromium); "
                    "the page is not checked in a real browser")
    page = tmp_path / "review.html"
    page.write_text(_page(), encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="zhx-chromium-") as profile:
        base = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}"]
        dom = subprocess.run([*base, "--dump-dom", page.as_uri()], capture_output=True, text=True,
                             timeout=120).stdout
    assert 'data-ready="1"' in dom, "the page's script did not run"
    parser = _Marks()
    parser.feed(dom)
    found = {(m["data-type"], m["inner"]) for m in parser.marks if "cont" not in m.get("class", "")}
    assert found == {(m["type"], m["text"]) for m in MENTIONS}
    assert dom.count('<tr data-mid="') == 3
    shot = tmp_path / "review.png"
    with tempfile.TemporaryDirectory(prefix="zhx-chromium-") as profile:
        subprocess.run([CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--screenshot={shot}",
                        "--window-size=1280,900", page.as_uri()], capture_output=True, timeout=120)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def test_cli_render_articles_extracts_on_the_spot(tmp_path):
    article = tmp_path / "sz.txt"
    article.write_text(TEXT, encoding="utf-8")
    page = tmp_path / "review.html"
    result = CliRunner().invoke(app, ["render", str(article), "-o", str(page), "--date", "2024-06-20"])
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert html.count('<article class="doc"') == 1 and 'data-doc="sz"' in html
    assert _text_of_article(html) == TEXT
