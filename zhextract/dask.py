"""Scale out on Dask: the pipeline over a Dask bag, or the CLI's `extract --dask`.

Each worker process builds the pipeline once (on first use, kept in a
module-level cache keyed by the configuration) and reuses it for every
partition it gets. Needs the `dask` extra (`pip install 'zhextract[dask]'`)
on the client and on every worker; paths in the configuration (user lexicons,
a pkuseg model) must exist on the workers.

    import dask.bag as db
    from zhextract.dask import extract_bag

    docs = db.read_text("articles-*.jsonl").map(json.loads)     # {"id","text","date"}
    records = extract_bag(docs)                                  # a bag of record dicts
    records.map(lambda r: json.dumps(r, ensure_ascii=False)).to_textfiles("out/*.jsonl")

`extract_with_dask` is the streaming path of `zhextract extract --dask`:
documents go out in bounded shards as futures (a few per worker in flight),
and records are written in input order as the shards come back, so a huge
input is never held in memory.
"""
from __future__ import annotations

import collections
import threading
from typing import TYPE_CHECKING, Any, BinaryIO, Callable, Iterable, Iterator

from .batch import BatchStats, PipelineConfig, shard_items
from .errors import ZhextractError
from .io.inputs import InputDoc, InputProblem, Item

if TYPE_CHECKING:
    import dask.bag

LOCAL_WORKERS = 2
IN_FLIGHT_PER_WORKER = 3
CONNECT_TIMEOUT = "20s"  # how long to try reaching a scheduler address

_pipelines: dict[PipelineConfig, Any] = {}
_lock = threading.Lock()  # one pipeline use at a time per process (threads share it)


def _pipeline(config: PipelineConfig) -> Any:
    """This process's pipeline for `config`, built on first use."""
    nlp = _pipelines.get(config)
    if nlp is None:
        from . import load

        nlp = load(config.segmenter, config.pkuseg_model, config.lexicons)
        _pipelines[config] = nlp
    return nlp


def _as_doc(obj: dict[str, Any], n: int) -> InputDoc:
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        raise ValueError(f"item {n} of the partition is not a {{'id', 'text', 'date'}} dict with a string `text`")
    doc_id = obj.get("id")
    return InputDoc("" if doc_id is None else str(doc_id), obj["text"], obj.get("date") or None, f"id {doc_id}")


def extract_records(docs: Iterable[InputDoc], config: PipelineConfig = PipelineConfig(),
                    default_date: str | None = None) -> list[list[dict[str, Any]]]:
    """The records of each document (document record first), with this process's pipeline."""
    from .runner import process

    with _lock:
        nlp = _pipeline(config)
        return [process(nlp, d.id, d.text, d.date or default_date) for d in docs]


def _extract_partition(items: Iterable[dict[str, Any]], config: PipelineConfig,
                       default_date: str | None) -> list[dict[str, Any]]:
    docs = [_as_doc(obj, n) for n, obj in enumerate(items)]
    return [rec for records in extract_records(docs, config, default_date) for rec in records]


def extract_bag(bag: "dask.bag.Bag", config: PipelineConfig = PipelineConfig(),
                default_date: str | None = None) -> "dask.bag.Bag":
    """A bag of `{"id","text","date"}` dicts → a bag of records (dicts, as in OUTPUT.md),
    each document's records contiguous, document record first, partition order kept.
    `date` in an item, else `default_date`, anchors its relative dates.
    (A Dask DataFrame with those columns, with `dask[dataframe]` installed:
    ``extract_bag(df.to_bag(format="dict"))``.)"""
    return bag.map_partitions(_extract_partition, config, default_date)


def _process_shard(shard: list[InputDoc], config: PipelineConfig,
                   default_date: str | None) -> list[tuple[bytes, int, str | None]]:
    """On a worker: each document's JSONL bytes, record count and error (if any)."""
    from .output.jsonl import dumps

    out = []
    for records in extract_records(shard, config, default_date):
        out.append((b"".join(dumps(r) for r in records), len(records), records[0].get("error")))
    return out


def connect(scheduler: str) -> tuple[Any, Any]:
    """(client, cluster or None): 'local' starts a LocalCluster of 2 worker processes;
    anything else is a scheduler address (tcp://host:8786)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ZhextractError("--dask needs Dask: pip install 'zhextract[dask]' "
                             "(dask[bag] and distributed)") from None
    if scheduler == "local":
        cluster = LocalCluster(n_workers=LOCAL_WORKERS, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        return Client(cluster), cluster
    try:
        return Client(scheduler, timeout=CONNECT_TIMEOUT), None
    except (OSError, TimeoutError, ValueError) as e:
        raise ZhextractError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None


def _ordered_results(client: Any, shards: Iterator[list[Item]], config: PipelineConfig,
                     default_date: str | None, window: int) -> Iterator[tuple[list[Item], Any]]:
    """(shard, its results or None for a problem) in input order, at most `window` shards in flight."""
    pending: collections.deque[tuple[list[Item], Any]] = collections.deque()
    for shard in shards:
        if isinstance(shard[0], InputProblem):
            pending.append((shard, None))
        else:
            pending.append((shard, client.submit(_process_shard, shard, config, default_date, pure=False)))
        while len(pending) > window:
            shard0, fut = pending.popleft()
            yield shard0, None if fut is None else fut.result()
    while pending:
        shard0, fut = pending.popleft()
        yield shard0, None if fut is None else fut.result()


def extract_with_dask(items: Iterable[Item], out: BinaryIO, config: PipelineConfig = PipelineConfig(),
                      scheduler: str | Any = "local", default_date: str | None = None,
                      report: Callable[[str], None] = lambda msg: None) -> BatchStats:
    """Like `batch.run_batch`, but on a Dask cluster: `scheduler` is 'local' (a
    LocalCluster of 2 workers), a scheduler address, or a `distributed.Client`.
    Output is byte for byte what a single process writes, in input order."""
    stats = BatchStats()

    def problem(msg: str) -> None:
        stats.problems.append(msg)
        report(msg)

    cluster = None
    if isinstance(scheduler, str):
        client, cluster = connect(scheduler)
    else:
        client = scheduler
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        window = workers * IN_FLIGHT_PER_WORKER
        for shard, results in _ordered_results(client, shard_items(items), config, default_date, window):
            if results is None:
                problem(str(shard[0]))
                continue
            for doc, (blob, n, error) in zip(shard, results):
                out.write(blob)
                stats.documents += 1
                stats.records += n
                if error:
                    problem(f"{doc.where}: {error}")
    finally:
        if isinstance(scheduler, str):
            client.close()
            if cluster is not None:
                cluster.close()
    return stats
