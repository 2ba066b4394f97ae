"""Sharding for worker processes: documents keep their order, problems travel alone,
and the end of the input goes out one document at a time so workers finish together."""
from __future__ import annotations

import pytest

from zhextract import batch
from zhextract.io.inputs import InputDoc, InputProblem


def docs(n: int, size: int = 10) -> list:
    return [InputDoc(f"d{i}", "字" * size, None, f"f:{i}") for i in range(n)]


def test_shards_keep_order_and_size(monkeypatch):
    monkeypatch.setattr(batch, "SHARD_CHARS", 30)
    shards = list(batch.shard_items(docs(7)))
    assert [[d.id for d in s] for s in shards] == [["d0", "d1", "d2"], ["d3", "d4", "d5"], ["d6"]]


def test_a_problem_travels_alone(monkeypatch):
    monkeypatch.setattr(batch, "SHARD_CHARS", 1000)
    items = docs(2) + [InputProblem("f:3", "malformed JSON line")] + docs(1)
    shards = list(batch.shard_items(items))
    assert [len(s) for s in shards] == [2, 1, 1]
    assert isinstance(shards[1][0], InputProblem)


@pytest.mark.parametrize("n_shards,hold", [(0, 2), (1, 2), (5, 2), (5, 1), (3, 3)])
def test_balanced_splits_only_the_last_shards(n_shards, hold):
    shards = [[f"s{k}-{i}" for i in range(3)] for k in range(n_shards)]
    out = list(batch.balanced(iter(shards), hold))
    assert [x for s in out for x in s] == [x for s in shards for x in s]  # same items, same order
    kept = max(0, n_shards - hold)
    assert out[:kept] == shards[:kept]
    assert all(len(s) == 1 for s in out[kept:])


def test_jobs_two_gives_the_records_of_jobs_one():
    from io import BytesIO

    texts = ["沈阳市今年新开工项目120个。", "据新华社北京3月5日电，全年GDP增长5.2%。"] * 20
    items = [InputDoc(f"d{i}", t, "2024-06-01", f"x:{i}") for i, t in enumerate(texts)]
    outs = []
    for jobs in (1, 2):
        out = BytesIO()
        stats = batch.run_batch(iter(items), out, jobs=jobs)
        assert stats.documents == len(items)
        outs.append(out.getvalue())
    assert outs[0] == outs[1]
