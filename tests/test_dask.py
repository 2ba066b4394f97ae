"""Scale-out on Dask: on a LocalCluster with 2 workers, the output equals the
single-process output record for record (the CLI path, the library path and a bag)."""
from __future__ import annotations

import io
import json

import pytest

pytest.importorskip("dask.bag", reason="needs the dask extra: pip install 'zhextract[dask]'")
distributed = pytest.importorskip("distributed", reason="needs the dask extra: pip install 'zhextract[dask]'")

import dask.bag as db  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from zhextract.batch import run_batch  # noqa: E402
from zhextract.cli import app  # noqa: E402
from zhextract.dask import extract_bag, extract_with_dask  # noqa: E402
from zhextract.io.inputs import iter_inputs  # noqa: E402

# Short news-style articles written for these tests.
ARTICLES = [
    {"id": "a1", "date": "2024-06-20",
     "text": "今年前5个月，宁波市实现外贸进出口总额5630.2亿元，同比增长6.1%。宁波舟山港集团有限公司货物吞吐量达到5.8亿吨。"},
    {"id": "a2", "date": None,
     "text": "本报讯（记者 王明）2023年3月15日，苏州工业园区举行重点项目集中开工仪式，总投资约120亿元的15个项目同时开工。"},
    {"id": "a3", "date": "2021-08-30",
     "text": "1—7月，全区扩大有效投资重大项目完成投资856亿元，占年度计划的62.3%。银川市新建5G基站1200个。"},
    {"id": "a4", "date": "2022-01-05",
     "text": "华为技术有限公司与辽宁省人民政府签署战略合作协议，双方将在沈阳市共建人工智能计算中心。"},
    {"id": "a5", "date": None, "text": "无数字的一段话。"},
]


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as c:
        yield c


@pytest.fixture
def input_file(tmp_path):
    path = tmp_path / "articles.jsonl"
    lines = [json.dumps(a, ensure_ascii=False) for a in ARTICLES]
    lines.insert(2, "{not json")  # a bad line is reported in order, the rest still extracted
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def single_process(path) -> tuple[bytes, list[str]]:
    out = io.BytesIO()
    stats = run_batch(iter_inputs([str(path)]), out)
    return out.getvalue(), stats.problems


def test_extract_with_dask_equals_single_process(cluster, input_file):
    expected, expected_problems = single_process(input_file)
    out = io.BytesIO()
    stats = extract_with_dask(iter_inputs([str(input_file)]), out, scheduler=cluster.scheduler_address,
                              default_date=None)
    assert out.getvalue().splitlines() == expected.splitlines()
    assert out.getvalue() == expected
    assert stats.problems == expected_problems and len(stats.problems) == 1
    assert stats.documents == len(ARTICLES)


def test_small_shards_keep_input_order(cluster, input_file, monkeypatch):
    import zhextract.batch as batch

    monkeypatch.setattr(batch, "SHARD_DOCS", 1)  # one document per future: many in flight
    expected, _ = single_process(input_file)
    out = io.BytesIO()
    with distributed.Client(cluster) as client:
        extract_with_dask(iter_inputs([str(input_file)]), out, scheduler=client)
    assert out.getvalue() == expected


def test_cli_extract_dask(cluster, input_file, tmp_path):
    expected, _ = single_process(input_file)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["extract", str(input_file), "-o", str(out),
                                      "--dask", cluster.scheduler_address])
    assert result.exit_code == 1  # the bad line
    assert out.read_bytes() == expected


def test_bag_of_dicts(cluster):
    import zhextract

    nlp = zhextract.load()
    expected = [r for a in ARTICLES for r in zhextract.extract(a["text"], a["date"] or "2024-06-20", a["id"], nlp)]
    with distributed.Client(cluster):
        bag = db.from_sequence(ARTICLES, npartitions=2)
        got = extract_bag(bag, default_date="2024-06-20").compute()
    assert got == expected


def test_bad_scheduler_address_is_an_error(input_file, monkeypatch):
    import zhextract.dask
    from zhextract.errors import ZhextractError

    monkeypatch.setattr(zhextract.dask, "CONNECT_TIMEOUT", "2s")
    with pytest.raises(ZhextractError):
        extract_with_dask(iter_inputs([str(input_file)]), io.BytesIO(), scheduler="tcp://127.0.0.1:9")
