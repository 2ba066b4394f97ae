"""`--segmenter pkuseg`: the real loading path, with a tiny model that the test
trains (in seconds) with spacy-pkuseg's own trainer from a few segmented
sentences; and the error when no model is given (spacy-pkuseg ships none and
nothing is downloaded)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("spacy_pkuseg")

EXE = Path(sys.executable).parent / "zhextract"
CLI = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "zhextract"]

# Segmented sentences written for this test (space between words). The trainer
# needs at least 10 (it updates its decay rates every len/10 sentences).
TRAINING = """\
沈阳 市 今年 新 开工 项目 120 个 。
全市 实现 地区 生产 总值 同比 增长 5.2% 。
辽宁省 发展 和 改革 委员会 发布 重点 项目 名单 。
本报 记者 陶阳 报道 。
公司 总经理 张伟 表示 ， 投资 约 35亿 元 。
前 5 个 月 ， 全省 外贸 进出口 总额 增长 6.1% 。
苏州 工业 园区 举行 重点 项目 集中 开工 仪式 。
该 项目 总 投资 约 120亿 元 ， 预计 明年 建成 投产 。
市 政府 常务 会议 研究 部署 经济 工作 。
新松 机器人 公司 新增 订单 超过 2万 台 。
他 说 ， 今年 要 完成 固定 资产 投资 300亿 元 。
浙江省 宁波市 港口 货物 吞吐量 再 创 新高 。
"""

ARTICLE = ("本报讯 3月15日，苏州工业园区举行重点项目集中开工仪式，总投资约120亿元的15个项目同时开工。\n"
           "园区 管委会主任张伟表示，今年计划完成固定资产投资300亿元，同比增长8.5%。\n\n  宁波市港口吞吐量再创新高。\n")


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> Path:
    """Train a model with spacy_pkuseg.train in a subprocess (its trainer keeps
    global state and prints), a few iterations: about a second."""
    root = tmp_path_factory.mktemp("pkuseg")
    train = root / "train.txt"
    train.write_text(TRAINING, encoding="utf-8")
    model = root / "model"
    code = ("import sys, spacy_pkuseg; "
            "spacy_pkuseg.train(sys.argv[1], sys.argv[1], sys.argv[2], train_iter=3)")
    res = subprocess.run([sys.executable, "-c", code, str(train), str(model)], capture_output=True,
                         text=True, timeout=120, cwd=root)
    assert res.returncode == 0, res.stderr[-2000:]
    assert (model / "weights.npz").exists(), list(model.iterdir())
    return model


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, timeout=300, cwd=cwd)


def check(text: str, out: bytes, doc_id: str) -> list[dict]:
    records = [json.loads(line) for line in out.decode("utf-8").splitlines()]
    assert records[0]["type"] == "document" and records[0]["doc"] == doc_id
    assert records[0]["chars"] == len(text)
    for r in records[1:]:
        assert text[r["start"]:r["end"]] == r["text"]
    return records




def test_trained_model_has_what_spacy_pkuseg_loads(tiny_model):
    import spacy_pkuseg

    seg = spacy_pkuseg.pkuseg(model_name=str(tiny_model))
    words = seg.cut("沈阳市今年新开工项目120个。")
    assert "".join(words) == "沈阳市今年新开工项目120个。"
    assert sorted(p.name for p in tiny_model.iterdir()) == ["features.msgpack", "weights.npz"]


def test_pkuseg_segmenter_words_join_into_text(tiny_model):
    from zhextract.segment import make_segmenter

    seg = make_segmenter("pkuseg", str(tiny_model))
    for text in (ARTICLE, " 前后 有空格 ", "\n\n", "ABC 123 沈阳", "沈阳\u3000市\t今年"):
        assert "".join(seg.words(text)) == text


def test_cli_with_trained_pkuseg_model(tiny_model, tmp_path):
    article = tmp_path / "suzhou.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    res = run("extract", "--segmenter", "pkuseg", "--pkuseg-model", str(tiny_model), str(article))
    assert res.returncode == 0, res.stderr.decode()
    assert res.stderr == b""
    check(ARTICLE, res.stdout, "suzhou")


def test_library_with_trained_pkuseg_model(tiny_model):
    import zhextract
    from zhextract.pipeline import Pipeline

    records = Pipeline("pkuseg", str(tiny_model)).records("a", ARTICLE)
    check(ARTICLE, b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records), "a")
    nlp = zhextract.load(segmenter="pkuseg", pkuseg_model=str(tiny_model))
    assert zhextract.extract(ARTICLE, doc_id="a", nlp=nlp) == records


def test_pkuseg_without_model_says_none_is_shipped(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    res = run("extract", "--segmenter", "pkuseg", str(article))
    assert res.returncode == 2
    assert res.stdout == b""
    err = res.stderr.decode("utf-8")
    assert len(err.strip().splitlines()) == 1, err
    assert "--pkuseg-model" in err
    assert "ships no model" in err
    assert "spacy_pkuseg.train" in err  # how to train one
    assert "download" in err  # how to get one


def test_pkuseg_model_folder_that_is_not_a_model(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "not-a-model"
    empty.mkdir()
    for model in (empty, tmp_path / "missing"):
        res = run("extract", "--segmenter", "pkuseg", "--pkuseg-model", str(model), str(article))
        assert res.returncode == 2
        assert res.stdout == b""
        assert str(model) in res.stderr.decode("utf-8")
