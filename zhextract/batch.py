"""Batch extraction: documents in, JSONL out, in input order, streaming.

With `jobs > 1`, worker processes take shards (small groups of documents); at
most a few shards per worker are in flight, so memory stays bounded whatever
the input size, and the input's last shards go out one document at a time so
that the workers finish together. Where processes fork (Linux), the pipeline is built and warmed
once, here, and the workers inherit it ready: start-up is paid once, not once
per worker, and the rule tables' pages stay shared. Elsewhere each worker builds
its own. spaCy's own `n_process` is not used: on two cores it ran slower than
one process.
"""
from __future__ import annotations

import collections
import gc
import multiprocessing
import sys
from dataclasses import dataclass, field
from typing import Any, BinaryIO, Callable, Iterable, Iterator

from .io.inputs import InputDoc, InputProblem, Item
from .output.jsonl import dumps

SHARD_CHARS = 50_000  # text per shard sent to a worker: ~0.1 s of work, so workers finish together
SHARD_DOCS = 64


@dataclass(frozen=True)
class PipelineConfig:
    segmenter: str = "jieba"
    pkuseg_model: str | None = None
    lexicons: tuple[str, ...] = ()


@dataclass
class BatchStats:
    documents: int = 0
    records: int = 0
    problems: list[str] = field(default_factory=list)


_worker_nlp: Any = None  # this worker's pipeline (inherited ready where processes fork)


def _build(config: PipelineConfig):
    from .pipeline import Pipeline

    return Pipeline(config.segmenter, config.pkuseg_model, config.lexicons)


def _process_one(pipeline, doc: InputDoc, default_date: str | None) -> tuple[bytes, int, str | None]:
    records = pipeline.records(doc.id, doc.text, doc.date or default_date)
    error = records[0].get("error")
    return b"".join(dumps(r) for r in records), len(records), error


# A short text that touches every step, so that its lazily built tables exist.
_WARM_UP = "据新华社北京3月5日电（记者王明）辽宁省沈阳市某科技股份有限公司今年一季度投资3.5亿元建设新项目，同比增长12%。"


def _init_worker(config: PipelineConfig) -> None:
    global _worker_nlp
    if _worker_nlp is None:  # spawned, not forked from a parent that built it
        _worker_nlp = _build(config)


def _process_shard(shard: list[InputDoc], default_date: str | None) -> list[tuple[bytes, int, str | None]]:
    return [_process_one(_worker_nlp, doc, default_date) for doc in shard]


def shard_items(items: Iterable[Item]) -> Iterator[list[Item]]:
    """Groups of documents; a problem travels alone so it is reported in order."""
    shard: list[Item] = []
    size = 0
    for item in items:
        if isinstance(item, InputProblem):
            if shard:
                yield shard
                shard, size = [], 0
            yield [item]
            continue
        shard.append(item)
        size += len(item.text)
        if size >= SHARD_CHARS or len(shard) >= SHARD_DOCS:
            yield shard
            shard, size = [], 0
    if shard:
        yield shard


def balanced(shards: Iterable[list[Item]], hold: int) -> Iterator[list[Item]]:
    """The shards in order, the last `hold` of them split into one-document shards:
    a whole shard left to one worker at the end would keep the others idle."""
    held: collections.deque[list[Item]] = collections.deque()
    for shard in shards:
        held.append(shard)
        if len(held) > hold:
            yield held.popleft()
    for shard in held:
        for item in shard:
            yield [item]


def run_batch(items: Iterable[Item], out: BinaryIO, config: PipelineConfig = PipelineConfig(),
              jobs: int = 1, default_date: str | None = None,
              report: Callable[[str], None] = lambda msg: None,
              progress: Callable[[int], None] = lambda n: None) -> BatchStats:
    """Extract from every document and write its records to `out` as they come.
    `report` gets one line per problem (bad input, a rule timeout); `progress`
    gets the number of documents just finished."""
    stats = BatchStats()

    def emit(doc: InputDoc, result: tuple[bytes, int, str | None]) -> None:
        blob, n, error = result
        out.write(blob)
        stats.documents += 1
        stats.records += n
        if error:
            problem(f"{doc.where}: {error}")
        progress(1)

    def problem(msg: str) -> None:
        stats.problems.append(msg)
        report(msg)

    if jobs <= 1:
        nlp = _build(config)
        for item in items:
            if isinstance(item, InputProblem):
                problem(str(item))
                continue
            emit(item, _process_one(nlp, item, default_date))
        return stats

    global _worker_nlp
    forks = sys.platform == "linux"
    ctx = multiprocessing.get_context("fork" if forks else "spawn")
    pending: collections.deque[tuple[list[Item], Any]] = collections.deque()
    if forks:
        nlp = _build(config)
        nlp.records("warm-up", _WARM_UP)
        _worker_nlp = nlp
        # Frozen objects are never touched by the workers' collector, so their pages stay
        # shared; the parent unfreezes once the workers exist.
        gc.freeze()
    try:
        pool = ctx.Pool(jobs, initializer=_init_worker, initargs=(config,))
    finally:
        if forks:
            gc.unfreeze()
            _worker_nlp = None
    with pool:
        def drain_one() -> None:
            shard, result = pending.popleft()
            if result is None:
                problem(str(shard[0]))
                return
            for doc, res in zip(shard, result.get()):
                emit(doc, res)

        for shard in balanced(shard_items(items), jobs):
            if isinstance(shard[0], InputProblem):
                pending.append((shard, None))
            else:
                pending.append((shard, pool.apply_async(_process_shard, (shard, default_date))))
            while len(pending) > jobs * 3:
                drain_one()
        while pending:
            drain_one()
    return stats
