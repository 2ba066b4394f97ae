"""Anchor inference: the article's own date, from its text only (never the clock)."""
from __future__ import annotations

from pathlib import Path

import pytest

import zhextract
from zhextract.extract.anchor import infer_anchor

# (text, expected (year, month, day), expected source)
CASES = [
    # a labelled publication date wins over everything
    ("苏州高新区投资120亿开展20个重点项目\n\n发布时间：2011-03-29\n\n今年3月25日，项目开工。2012年投产。",
     (2011, 3, 29), "text"),
    ("标题\n日期：2024年7月1日\n正文2025年目标。", (2024, 7, 1), "text"),
    ("正文……\n\n发布日期：2023/12/05", (2023, 12, 5), "text"),
    ("２０２４年７月１日　星期一\n时间：２０２４年７月１日", (2024, 7, 1), "text"),
    # a dateline, its year from the text when it has none
    ("新华社北京7月1日电（记者 王五）今年以来，全国经济稳中向好。2024年上半年……", (2024, 7, 1), "text"),
    ("新华社北京2024年7月1日电 记者从国家统计局获悉", (2024, 7, 1), "text"),
    ("本报讯（记者 张三）6月20日，沈阳市召开会议，部署2024年重点工作。", (2024, 6, 20), "text"),
    ("本报沈阳6月20日讯 记者从市发改委获悉，2023年全市投资增长。", (2023, 6, 20), "text"),
    ("中新网7月1日电 今年以来，各地积极推进项目建设。", (None, 7, 1), "none"),
    # the latest explicit full date
    ("2024年5月30日，博览会开幕。2023年3月1日，筹备工作启动。", (2024, 5, 30), "text"),
    ("二〇二四年七月一日，科技城开园。", (2024, 7, 1), "text"),
    # a later year than the latest full date: that year alone
    ("1949年10月1日，中华人民共和国成立。2024年，全市经济稳中有进。", (2024, None, None), "text"),
    # the most recent explicit year, targets and range ends left out
    ("到2025年，全市上市公司突破100家。2024年度申报工作启动。", (2024, None, None), "text"),
    ("发布《行动计划(2024-2026年)》，2023年度城市改革案例。", (2024, None, None), "text"),
    ("力争2035年前基本实现现代化。2023年，全省GDP增长5%。", (2023, None, None), "text"),
    ("2021青岛新增A股上市公司14家\n\n今年以来，青岛上市工作均有突破。", (2021, None, None), "text"),
    ("规上工业增加值比2019年同期增长11.1%，2021年1-2月经济持续恢复。", (2021, None, None), "text"),
    ("高新技术企业总数突破7000家，较2020年净增近四成。今年一季度，长沙……", (None, None, None), "none"),
    # nothing tells the year
    ("今年以来，沈阳市坚持把创新作为高质量发展的首要动力。", (None, None, None), "none"),
    ("今天是新征程的开始。7月1日，科技城开园。", (None, None, None), "none"),
    ("全市新增企业2000多家，2019家企业获得补贴。", (None, None, None), "none"),
    ("", (None, None, None), "none"),
]


@pytest.mark.parametrize("text,want,source", CASES, ids=[c[0][:16] for c in CASES])
def test_infer_anchor(text, want, source):
    a = infer_anchor(text)
    assert (a.year, a.month, a.day) == want
    assert a.source == source


def test_dev_shenyang_page_is_2024():
    path = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev" / "shenyang-gongjian.txt"
    if not path.exists():
        pytest.skip("dev set not present")
    a = infer_anchor(path.read_text(encoding="utf-8"))
    assert (a.year, a.source) == (2024, "text")


def test_document_record_states_inferred_anchor():
    recs = zhextract.extract("本报讯 6月20日，沈阳召开2024年工作会议。今年一季度经济增长5%。")
    doc = recs[0]
    assert (doc["anchor_date"], doc["anchor_source"]) == ("2024-06-20", "text")
    dates = {r["text"]: r["value"] for r in recs if r["type"] == "date"}
    assert dates["今年一季度"] == "2024-Q1"


def test_given_date_wins_over_text():
    recs = zhextract.extract("发布时间：2011-03-29 今年一季度", date="2024-07-05")
    assert (recs[0]["anchor_date"], recs[0]["anchor_source"]) == ("2024-07-05", "input")
    assert [r["value"] for r in recs if r["type"] == "date" and r["text"] == "今年一季度"] == ["2024-Q1"]


def test_no_year_gives_x_values():
    recs = zhextract.extract("6月19日，平台上线。今年以来服务持续增长。")
    assert recs[0]["anchor_source"] == "none" and recs[0]["anchor_date"] is None
    values = [r["value"] for r in recs if r["type"] == "date"]
    assert values == ["XXXX-06-19", "XXXX"]


def test_dateline_without_year_still_places_today():
    recs = zhextract.extract("中新网7月1日电 今天，各地积极推进项目建设。")
    assert recs[0]["anchor_source"] == "none"
    assert [r["value"] for r in recs if r["type"] == "date" and r["text"] == "今天"] == ["XXXX-07-01"]
