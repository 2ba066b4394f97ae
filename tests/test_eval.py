"""`zhextract eval` and `zhextract.evaluate`: the scoring rules one by one, agreement
with the reference scorer (shared/eval/score.py) on the same files, and the CLI."""
from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhextract.cli import app
from zhextract.evaluate import char_f1, exact_pairs, overlap_pairs, score

ROOT = Path(__file__).resolve().parent.parent
SCORE_PY = ROOT.parent / "shared" / "eval" / "score.py"
DEV = ROOT.parent / "shared" / "eval" / "dev"

TEXT = "今年前5个月，杭州市实现规模以上工业增加值1520.3亿元，同比增长9.2%；阿里巴巴集团在杭州新设研发中心。"


def rec(type_: str, start: int, end: int, **fields) -> dict:
    return {"doc": "a", "type": type_, "text": TEXT[start:end], "start": start, "end": end, **fields}


DOC = {"doc": "a", "type": "document", "schema": 1, "chars": len(TEXT)}
GOLD = [
    DOC,
    rec("date", 0, 6, value="2024-01/2024-05", mod=None, dtype="DATE", alt=["2024"]),
    rec("place", 7, 10, name="杭州市"),
    rec("claim", 21, 29, value=152030000000, unit="元", kind="money", qualifier=None,
        metric="规模以上工业增加值", change=None, period="2024-01/2024-05", place="杭州"),
    rec("claim", 34, 38, value=9.2, unit="%", kind="percent", qualifier=None, metric="规模以上工业增加值",
        change={"direction": "up", "basis": "yoy"}, period="2024-01/2024-05", place="杭州"),
    rec("company", 39, 45, name="阿里巴巴集团"),
    rec("place", 46, 48, name="杭州", optional=True),
]


def row(report: dict, kind: str) -> dict:
    return report[kind]


def test_perfect_prediction_scores_one():
    pred = [{k: v for k, v in r.items() if k not in ("optional", "alt")} for r in GOLD]
    report, misses = score(GOLD, pred)
    for kind in ("date", "claim", "company", "place"):
        assert row(report, kind)["strict_f1"] == 1.0, kind
    assert row(report, "claim")["correct_f1"] == 1.0
    assert row(report, "claim")["metric_acc"] == 1.0
    assert misses == []


def test_overlap_counts_for_partial_not_strict():
    pred = [DOC, rec("company", 39, 43, name="阿里巴巴")]  # 阿里巴巴 inside 阿里巴巴集团
    report, misses = score(GOLD, pred)
    company = row(report, "company")
    assert (company["strict_f1"], company["partial_f1"]) == (0.0, 1.0)
    assert not [m for m in misses if m.type == "company"]


def test_optional_gold_counts_neither_way():
    with_it = [DOC, rec("place", 7, 10, name="杭州市"), rec("place", 46, 48, name="杭州")]
    without = [DOC, rec("place", 7, 10, name="杭州市")]
    for pred in (with_it, without):
        place = row(score(GOLD, pred)[0], "place")
        assert (place["gold"], place["pred"], place["strict_f1"]) == (1, 1, 1.0)


def test_date_alt_value_accepted_and_wrong_value_listed():
    ok = score(GOLD, [DOC, rec("date", 0, 6, value="2024")])[0]
    assert row(ok, "date")["correct_f1"] == 1.0
    report, misses = score(GOLD, [DOC, rec("date", 2, 6, value="2024-05")])
    assert row(report, "date")["partial_f1"] == 1.0 and row(report, "date")["correct_f1"] == 0.0
    assert [m.kind for m in misses if m.type == "date"] == ["WRONG"]


def test_claim_value_needs_same_unit_synonyms_folded():
    base = dict(kind="money", qualifier=None, metric="规模以上工业增加值", change=None,
                period="2024-01/2024-05", place="杭州")
    same = score(GOLD, [DOC, rec("claim", 21, 29, value=1.520300000001e11, unit="人民币", **base)])[0]
    assert row(same, "claim")["correct_p"] == 1.0
    other = score(GOLD, [DOC, rec("claim", 21, 29, value=152030000000, unit="美元", **base)])[0]
    assert row(other, "claim")["correct_p"] == 0.0


def test_claim_attributes_are_scored_on_correct_values_only():
    pred = [DOC,
            rec("claim", 21, 29, value=152030000000, unit="元", qualifier="approx", metric="工业增加值",
                change=None, period=None, place="杭州"),
            rec("claim", 34, 38, value=9.3, unit="%")]
    claim = row(score(GOLD, pred)[0], "claim")
    assert claim["correct_p"] == 0.5
    assert (claim["qualifier_acc"], claim["period_acc"], claim["place_acc"], claim["change_acc"]) == \
        (0.0, 0.0, 1.0, 1.0)
    assert claim["metric_acc"] == 1.0  # 工业增加值 vs 规模以上工业增加值: char F1 0.71 >= 0.5


def test_entity_name_accuracy_on_exact_pairs():
    company = row(score(GOLD, [DOC, rec("company", 39, 45, name="阿里巴巴")])[0], "company")
    assert company["strict_f1"] == 1.0 and company["name_acc"] == 0.0


def test_documents_absent_from_gold_are_not_scored():
    other = {"doc": "b", "type": "company", "text": "华为", "start": 0, "end": 2, "name": "华为"}
    assert row(score(GOLD, [DOC, other])[0], "company")["pred"] == 0


def test_matching_is_one_to_one():
    golds = [{"start": 0, "end": 4}, {"start": 0, "end": 4}]
    preds = [{"start": 0, "end": 4}]
    assert len(exact_pairs(golds, preds)) == 1
    assert len(overlap_pairs(golds, [{"start": 1, "end": 3}, {"start": 2, "end": 6}])) == 2


@pytest.mark.parametrize("gold,pred,expect", [("规模以上工业增加值", "工业增加值", 0.7143), ("", "", 1.0),
                                              ("产量", "", 0.0), ("增加值", "增速", 0.4), ("产量", "投资", 0.0)])
def test_char_f1(gold, pred, expect):
    assert round(char_f1(gold, pred), 4) == expect


def _perturbed(gold: list[dict], seed: int) -> list[dict]:
    """A prediction that drops, shifts, widens, renames and revalues gold mentions."""
    rnd = random.Random(seed)
    pred = []
    for r in gold:
        r = {k: v for k, v in r.items() if k not in ("optional", "alt")}
        x = rnd.random()
        if r["type"] != "document":
            if x < 0.15:
                continue
            if x < 0.3:
                r["start"] += rnd.choice([-1, 1])
            elif x < 0.4 and "value" in r:
                r["value"] = rnd.choice([3, "2020", r["value"]])
            elif x < 0.5 and "name" in r:
                r["name"] = "某某"
            elif x < 0.55 and "metric" in r:
                r["metric"] = None
            elif x < 0.6:
                r["end"] += rnd.randint(1, 4)
            elif x < 0.65:
                pred.append({**r, "start": r["start"] + 1, "end": r["end"] + 2})
        pred.append(r)
    return pred


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _gold_sets() -> list[list[dict]]:
    sets = [GOLD]
    if DEV.is_dir():
        for p in sorted(DEV.glob("*.gold.jsonl")):
            sets.append([json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()])
    return sets


@pytest.mark.skipif(not SCORE_PY.exists(), reason=f"reference scorer not found at {SCORE_PY}")
@pytest.mark.parametrize("seed", range(4))
def test_same_figures_as_reference_scorer(tmp_path, seed):
    gold = [r for records in _gold_sets() for r in records]
    gold_path = _write(tmp_path / "gold.jsonl", gold)
    pred_path = _write(tmp_path / "pred.jsonl", _perturbed(gold, seed))
    ours = CliRunner().invoke(app, ["eval", str(gold_path), str(pred_path), "--json"])
    assert ours.exit_code == 0, ours.output
    ref = subprocess.run([sys.executable, str(SCORE_PY), str(gold_path), str(pred_path), "--json"],
                         capture_output=True, text=True, check=True)
    assert json.loads(ours.output) == json.loads(ref.stdout)
    # and the same misses, listed by --show
    ours_show = CliRunner().invoke(app, ["eval", str(gold_path), str(pred_path), "--show"]).output
    ref_show = subprocess.run([sys.executable, str(SCORE_PY), str(gold_path), str(pred_path), "--show"],
                              capture_output=True, text=True, check=True).stdout

    def kinds(out: str) -> list[tuple[str, str]]:
        return sorted(tuple(line.split()[:2]) for line in out.splitlines()
                      if line.split()[:1] and line.split()[0] in ("MISSED", "SPURIOUS", "WRONG"))

    assert kinds(ours_show) == kinds(ref_show)


def test_cli_table_show_and_type_filter(tmp_path):
    gold_path = _write(tmp_path / "gold.jsonl", GOLD)
    pred_path = _write(tmp_path / "pred.jsonl", [DOC, rec("date", 2, 6, value="2024-05"), rec("company", 0, 2)])
    result = CliRunner().invoke(app, ["eval", str(gold_path), str(pred_path), "--show", "--type", "date"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("type ")
    assert "core_f1" in result.output
    listed = [line for line in result.output.splitlines() if line.startswith(("MISSED", "SPURIOUS", "WRONG"))]
    assert listed and all(line.split()[1] == "date" for line in listed)
    assert any(line.startswith("WRONG") and "2024-05" in line for line in listed)
    as_json = CliRunner().invoke(app, ["eval", str(gold_path), str(pred_path), "--json", "--show"])
    report = json.loads(as_json.output)
    assert report["date"]["partial_f1"] == 1.0 and any(m["kind"] == "WRONG" for m in report["misses"])


def test_cli_exit_codes(tmp_path):
    gold_path = _write(tmp_path / "gold.jsonl", GOLD)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc": "a", "type": "document"}\nnot json\n', encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["eval", str(gold_path), str(bad)]).exit_code == 1
    assert runner.invoke(app, ["eval", str(gold_path), str(tmp_path / "missing.jsonl")]).exit_code == 1
    assert runner.invoke(app, ["eval", str(gold_path), str(gold_path), "--type", "thing"]).exit_code == 2
    assert runner.invoke(app, ["eval", str(gold_path)]).exit_code == 2
