"""Benchmark: throughput, start-up, memory, parallel speed-up and linearity, as ONE table.

    python bench/bench.py                 # seeds/ repeated to 2 MB, + 10 MB for one --jobs row (~3 minutes)
    python bench/bench.py --quick         # 0.3 MB, one repeat: a smoke run in ~20 s
    python bench/bench.py --mb 5 --repeat 3
    python bench/bench.py --profile       # also: where the time goes, per pipeline step

Every figure is measured in the same run on the same text (the seed articles,
`seeds/*.txt`, repeated as separate documents until the size asked for):

- extract chars/s: the library batch path (`zhextract.batch.run_batch`, one
  process, JSON written to /dev/null), timed from the first document pulled
  from the input to the end, so the one-off pipeline build is not counted
  (it is in "time to first record");
- jieba.lcut chars/s: plain `jieba.lcut` (jieba's global tokenizer) over the same
  documents; measurements of the two are interleaved and the best of `--repeat`
  runs is kept, which damps the noise of a shared machine; the ratio is also
  given in CPU time (less sensitive to other users of the machine);
- the CLI rows run the package byte-compiled, as `pip install` leaves it;
- time to first record: `zhextract extract seeds/shenyang-gongjian.txt` as a
  subprocess, from just before the process starts to its first line of stdout
  (median of 3, after one warm-up run that fills jieba's dictionary cache);
- peak RSS `--jobs 1` and wall time `--jobs 1` vs `--jobs 2`: the CLI on a JSONL
  file of the same documents, output to /dev/null (max RSS from wait4 in a small
  launcher process; for --jobs 2 the largest single process); the speed-up is also given net of the
  fixed start-up (CLI on one tiny document); best wall time of `--repeat` runs;
- linearity: library batch CPU time for x10 the input over 10 x the time for x1, for
  many documents (x1 = a tenth of the text) and for one long document (the
  articles joined: 1/20 vs 1/2 of the size asked for).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEEDS = ROOT / "seeds"
SAMPLE = SEEDS / "shenyang-gongjian.txt"

# Targets from issue 7 (and the preamble).
TARGET_RATIO = 0.6
TARGET_FIRST = 1.0
TARGET_RSS_MB = 250
TARGET_SPEEDUP = 1.8
TARGET_LINEAR = 0.15
REFERENCE_KEY = "(segmentation with jieba-py)"


# ---------------------------------------------------------------- inputs

def seed_articles() -> list[tuple[str, str]]:
    arts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    if not arts:
        sys.exit(f"bench: no seed articles in {SEEDS}")
    return arts


def make_docs(target_chars: int) -> list[tuple[str, str]]:
    """The seed articles repeated, as separate documents, until >= target_chars."""
    arts = seed_articles()
    docs, total, i = [], 0, 0
    while total < target_chars:
        stem, text = arts[i % len(arts)]
        docs.append((f"{stem}#{i}", text))
        total += len(text)
        i += 1
    return docs


def one_long_doc(target_chars: int) -> list[tuple[str, str]]:
    """The seed articles joined into a single document of >= target_chars."""
    arts = [t for _, t in seed_articles()]
    parts, total, i = [], 0, 0
    while total < target_chars:
        parts.append(arts[i % len(arts)])
        total += len(parts[-1])
        i += 1
    return [("long", "\n".join(parts))]


def chars(docs: list[tuple[str, str]]) -> int:
    return sum(len(t) for _, t in docs)


# ---------------------------------------------------------------- library timings

class Timer:
    def __init__(self) -> None:
        self.wall = self.cpu = 0.0

    def __enter__(self) -> "Timer":
        self._w, self._c = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.wall = time.perf_counter() - self._w
        self.cpu = time.process_time() - self._c


def time_jieba(docs: list[tuple[str, str]]) -> Timer:
    import jieba

    with Timer() as t:
        for _, text in docs:
            jieba.lcut(text)
    return t


def time_batch(docs: list[tuple[str, str]], segmenter: str = "jieba") -> Timer:
    """run_batch with one job. A warm-up document (a whole seed article, so that
    lazily built automata and rule files are loaded) goes first; the clock starts
    when the next document is pulled and stops when run_batch returns."""
    from zhextract.batch import PipelineConfig, run_batch
    from zhextract.io.inputs import InputDoc

    t = Timer()
    warm_id, warm_text = seed_articles()[0]

    def items() -> Iterator[InputDoc]:
        yield InputDoc("warm-up", warm_text, None, "warm-up")
        t.__enter__()
        for doc_id, text in docs:
            yield InputDoc(doc_id, text, None, doc_id)

    with open(os.devnull, "wb") as out:
        stats = run_batch(items(), out, PipelineConfig(segmenter), jobs=1)
    t.__exit__()
    if stats.documents != len(docs) + 1:
        sys.exit(f"bench: run_batch processed {stats.documents} of {len(docs)} documents")
    t.problems = stats.problems  # type: ignore[attr-defined]
    return t


def best(runs: list[Timer]) -> Timer:
    return min(runs, key=lambda t: t.wall)


# ---------------------------------------------------------------- CLI timings

def cli_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "zhextract"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "zhextract"]


def time_to_first_record(runs: int) -> tuple[float, list[float]]:
    """Median seconds from process start to its first stdout line (after a warm-up)."""
    samples = []
    for i in range(runs + 1):
        t0 = time.perf_counter()
        p = subprocess.Popen([*cli_cmd(), "extract", str(SAMPLE)], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL)
        first = p.stdout.readline()
        dt = time.perf_counter() - t0
        p.stdout.read()
        p.wait()
        if not first.startswith(b"{"):
            sys.exit("bench: the CLI gave no record")
        if i:  # run 0 is the warm-up
            samples.append(dt)
    return statistics.median(samples), samples


def byte_compile() -> None:
    """Write the package's .pyc files, as `pip install` does. An editable install
    run with PYTHONDONTWRITEBYTECODE=1 (set on some machines, this one included)
    never writes them and recompiles every module at each start: +0.07 s."""
    import compileall

    compileall.compile_dir(str(ROOT / "zhextract"), quiet=1)


# Peak RSS and CPU time of the CLI come from a tiny launcher process (see launcher.py).
LAUNCHER = str(Path(__file__).with_name("launcher.py"))


def run_cli(args: list[str]) -> tuple[float, float, int, float]:
    """(wall seconds, peak RSS MB of the largest process, exit status, CPU seconds
    of the CLI and the workers it waited for)."""
    with tempfile.TemporaryDirectory(prefix="zhextract-bench-") as tmp:
        info, errf = Path(tmp) / "rss", Path(tmp) / "stderr"
        with open(errf, "wb") as err:
            t0 = time.perf_counter()
            rc = subprocess.run([sys.executable, "-I", "-S", LAUNCHER, str(info), *cli_cmd(), *args],
                                stdout=subprocess.DEVNULL, stderr=err).returncode
            wall = time.perf_counter() - t0
        lines = info.read_text().split()
        rss = int(lines[1]) / 1024 if len(lines) > 1 else float("nan")
        cpu = float(lines[2]) if len(lines) > 2 else float("nan")
        if rc != 0:
            print(f"bench: CLI exit {rc}: {errf.read_text('utf-8', 'replace').strip()[:500]}", file=sys.stderr)
    return wall, rss, rc, cpu


def write_jsonl(docs: list[tuple[str, str]], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for doc_id, text in docs:
            f.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------- profile

CONTEXT_KEY = "context (sentences, title, byline, anchor)"


def profile(docs: list[tuple[str, str]]) -> None:
    """Where time goes: each pipeline step as a plain function on contexts built
    the way the document component builds them, then the same documents through
    the spaCy pipeline component by component (the difference is spaCy glue).
    Times are process CPU time, so that other users of the machine do not count."""
    from zhextract import load
    from zhextract.lexicon import load_user_lexicon
    from zhextract.output.jsonl import dumps
    from zhextract.output.records import document_records
    from zhextract.pipeline import STEPS, all_mentions, new_context, run_steps
    from zhextract.runner import process
    from zhextract.segment import make_segmenter, token_spans
    from zhextract.sentences import split_sentences

    n = chars(docs)
    seg = make_segmenter("jieba")
    lexicon = load_user_lexicon([])
    nlp = load()
    # Warm-up: lazily built automata and rule files load on first use.
    with Timer() as warm:
        process(nlp, "warm-up", docs[0][1], None)

    pure: dict[str, float] = {}
    errors: list[str] = []

    def add(key: str, t0: float) -> float:
        t1 = time.process_time()
        pure[key] = pure.get(key, 0.0) + t1 - t0
        return t1

    seg_py = make_segmenter("jieba-py")
    for doc_id, text in docs:
        t = time.process_time()
        seg_py.words(text)
        t = add(REFERENCE_KEY, t)
        tokens = token_spans(seg.words(text))
        t = add("segmentation (jieba words)", t)
        ctx = new_context(text, tokens, None, lexicon)
        t = add(CONTEXT_KEY, t)
        split_sentences(text)
        t = add("sentences (alone)", t)
        for name, _kind, _fn in STEPS:
            err = run_steps(ctx, [(name, _kind, _fn)])
            t = add(name, t)
            if err:
                errors.append(f"{doc_id}: {err}")
                break
        records = document_records(doc_id, ctx, all_mentions(ctx))
        t = add("records", t)
        b"".join(dumps(r) for r in records)
        add("JSON writing (orjson)", t)

    spacy_t: dict[str, float] = {}
    for doc_id, text in docs:
        t = time.process_time()
        doc = nlp.make_doc(text)
        t1 = time.process_time()
        spacy_t["tokenizer (words + spaCy Doc)"] = spacy_t.get("tokenizer (words + spaCy Doc)", 0.0) + t1 - t
        for name, proc in nlp.pipeline:
            t = time.process_time()
            doc = proc(doc)
            t1 = time.process_time()
            spacy_t[name] = spacy_t.get(name, 0.0) + t1 - t

    total = sum(v for k, v in pure.items() if k not in ("sentences (alone)", REFERENCE_KEY))
    print(f"\nWhere the time goes (CPU time): {len(docs)} documents, {n:,} chars "
          f"(first document, with lazy loading: {warm.wall * 1000:.0f} ms, not counted)")
    print(f"{'step (plain functions)':44} {'s':>7} {'%':>6} {'M chars/s':>10}")
    for key, sec in pure.items():
        if key == "sentences (alone)":
            print(f"{'  of which sentences':44} {sec:7.3f} {100 * sec / total:6.1f} {n / sec / 1e6:10.2f}")
            continue
        if key == REFERENCE_KEY:
            print(f"{key + ', not in total':44} {sec:7.3f} {'':6} {n / sec / 1e6:10.2f}")
            continue
        rate = n / sec / 1e6 if sec > 0 else float("inf")
        print(f"{key:44} {sec:7.3f} {100 * sec / total:6.1f} {rate:10.2f}")
    print(f"{'total':44} {total:7.3f} {100.0:6.1f} {n / total / 1e6:10.2f}")
    stotal = sum(spacy_t.values())
    print(f"\n{'spaCy component':44} {'s':>7} {'%':>6}  (component - plain step = glue: doc.spans etc.)")
    for key, sec in spacy_t.items():
        glue = ""
        plain_key = CONTEXT_KEY if key == "zhextract_document" else key
        if plain_key in pure:
            glue = f"glue {sec - pure[plain_key]:+.3f} s"
        print(f"{key:44} {sec:7.3f} {100 * sec / stotal:6.1f}  {glue}")
    print(f"{'total':44} {stotal:7.3f} {100.0:6.1f}")
    if errors:
        print(f"\n{len(errors)} document(s) stopped early: {errors[0]}")


# ---------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=2.0, help="input size in millions of characters (default 2)")
    ap.add_argument("--repeat", type=int, default=2, help="runs of each library timing; the best is kept")
    ap.add_argument("--quick", action="store_true", help="0.3 M chars, one repeat, 2 start-up samples")
    ap.add_argument("--profile", action="store_true", help="also print where the time goes per step")
    ap.add_argument("--profile-only", action="store_true", help="only the per-step profile")
    ap.add_argument("--no-cli", action="store_true", help="skip the CLI rows (start-up, memory, --jobs)")
    ap.add_argument("--archive-mb", type=float, default=10.0,
                    help="also time --jobs 1 vs 2 once on this many M chars (an archive-sized run; 0: skip)")
    a = ap.parse_args(argv)
    if a.quick:
        a.mb, a.repeat = 0.3, 1
    target = int(a.mb * 1_000_000)
    docs = make_docs(target)
    n = chars(docs)

    if a.profile_only:
        profile(docs)
        return

    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load1 = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")

    # Throughput, interleaved with the baseline.
    jb, ex, ex_py = [], [], []
    for _ in range(a.repeat):
        jb.append(time_jieba(docs))
        ex.append(time_batch(docs))
        if not a.quick:
            ex_py.append(time_batch(docs, "jieba-py"))
    jb_t, ex_t = best(jb), best(ex)
    problems = getattr(ex_t, "problems", [])

    # Linearity: many documents (x1 = a tenth) and one long document.
    small = make_docs(target // 10)
    lin_small = best([time_batch(small) for _ in range(a.repeat)])
    # x10 of the tenth, scaled to the same number of documents x10.
    per_char_small = lin_small.cpu / chars(small)
    per_char_big = ex_t.cpu / n
    lin_many = per_char_big / per_char_small  # CPU time: steadier on a shared machine
    long1, long10 = one_long_doc(target // 20), one_long_doc(target // 2)
    t_long1 = best([time_batch(long1) for _ in range(a.repeat)])
    t_long10 = best([time_batch(long10) for _ in range(a.repeat)])
    lin_long = (t_long10.cpu / chars(long10)) / (t_long1.cpu / chars(long1))

    rows: list[tuple[str, str, str, str]] = []

    def row(name: str, value: str, target_s: str = "", ok: bool | None = None) -> None:
        rows.append((name, value, target_s, "" if ok is None else ("ok" if ok else "MISS")))

    jb_rate, ex_rate = n / jb_t.wall, n / ex_t.wall
    ratio = ex_rate / jb_rate
    cpu_ratio = (n / ex_t.cpu) / (n / jb_t.cpu) if ex_t.cpu and jb_t.cpu else float("nan")
    row("input", f"{len(docs)} docs, {n / 1e6:.2f} M chars", "")
    row("jieba.lcut", f"{jb_rate / 1e6:.3f} M chars/s", "")
    row("extract (run_batch, 1 process)", f"{ex_rate / 1e6:.3f} M chars/s", "")
    row("extract / jieba.lcut (wall)", f"{ratio:.2f}", f">= {TARGET_RATIO}", ratio >= TARGET_RATIO)
    row("extract / jieba.lcut (CPU time)", f"{cpu_ratio:.2f}", f">= {TARGET_RATIO}", cpu_ratio >= TARGET_RATIO)
    if ex_py:
        # The same pipeline segmenting with the reference Python jieba: shows what the rules cost.
        py_t = best(ex_py)
        row("  same, --segmenter jieba-py (wall / CPU)", f"{(n / py_t.wall) / jb_rate:.2f} / "
            f"{jb_t.cpu / py_t.cpu:.2f}", "(reference)")
    row("linearity, many docs: x10 / (10 * x1), CPU", f"{lin_many:.3f}", f"1 +- {TARGET_LINEAR}",
        abs(lin_many - 1) <= TARGET_LINEAR)
    row(f"linearity, one doc ({chars(long1) // 1000}k vs {chars(long10) // 1000}k chars), CPU",
        f"{lin_long:.3f}", f"1 +- {TARGET_LINEAR}", abs(lin_long - 1) <= TARGET_LINEAR)

    if not a.no_cli:
        byte_compile()
        first, samples = time_to_first_record(2 if a.quick else 3)
        row("time to first record (CLI)", f"{first:.2f} s ({', '.join(f'{s:.2f}' for s in samples)})",
            f"<= {TARGET_FIRST} s", first <= TARGET_FIRST)
        with tempfile.TemporaryDirectory(prefix="zhextract-bench-") as tmp:
            data = Path(tmp) / "input.jsonl"
            write_jsonl(docs, data)
            tiny = Path(tmp) / "tiny.jsonl"
            write_jsonl([("tiny", "沈阳市今年新开工项目120个。")], tiny)
            base1, _, _, _ = run_cli(["extract", str(tiny), "-o", os.devnull, "--jobs", "1"])
            base2, _, _, _ = run_cli(["extract", str(tiny), "-o", os.devnull, "--jobs", "2"])
            runs1, runs2 = [], []
            for _ in range(a.repeat):  # interleaved, best of --repeat
                runs1.append(run_cli(["extract", str(data), "-o", os.devnull, "--jobs", "1"]))
                runs2.append(run_cli(["extract", str(data), "-o", os.devnull, "--jobs", "2"]))
            w1, rss1, rc1, cpu1 = min(runs1)
            w2, rss2, rc2, cpu2 = min(runs2)
            rss1, rss2 = max(r[1] for r in runs1), max(r[1] for r in runs2)
            rc1, rc2 = max(r[2] for r in runs1), max(r[2] for r in runs2)
        row("peak RSS --jobs 1", f"{rss1:.0f} MB", f"<= {TARGET_RSS_MB} MB", rss1 <= TARGET_RSS_MB)
        row("peak RSS --jobs 2 (largest process)", f"{rss2:.0f} MB", "")
        row("wall --jobs 1 / --jobs 2", f"{w1:.2f} s / {w2:.2f} s", "")
        row(f"speed-up --jobs 2 ({cpus} CPUs)", f"{w1 / w2:.2f}", f">= {TARGET_SPEEDUP}", w1 / w2 >= TARGET_SPEEDUP)
        net = (w1 - base1) / max(w2 - base2, 1e-9)
        row("CPU --jobs 1 / --jobs 2 (all processes)", f"{cpu1:.2f} s / {cpu2:.2f} s: at most "
            f"{min(cpus, 2) * cpu1 / cpu2:.2f} x on idle cores", "")
        row("speed-up net of start-up", f"{net:.2f} (start-up {base1:.2f} s / {base2:.2f} s)", "")
        if a.archive_mb and not a.quick:
            # The fixed start-up (~0.5 s) is a tenth of a 2 M-character run; an archive run
            # is minutes long. One run each (interleaved), for information: no target here.
            with tempfile.TemporaryDirectory(prefix="zhextract-bench-") as tmp:
                big = Path(tmp) / "archive.jsonl"
                write_jsonl(make_docs(int(a.archive_mb * 1_000_000)), big)
                b1 = run_cli(["extract", str(big), "-o", os.devnull, "--jobs", "1"])[0]
                b2 = run_cli(["extract", str(big), "-o", os.devnull, "--jobs", "2"])[0]
            row(f"  same on {a.archive_mb:g} M chars (one run each)", f"{b1:.1f} s / {b2:.1f} s: {b1 / b2:.2f}",
                "(information)")
        if rc1 or rc2:
            row("CLI exit status", f"{rc1} / {rc2}", "0", False)
    if problems:
        row("documents with an error", f"{len(problems)}: {problems[0][:60]}", "0", False)
    row("machine", f"{cpus} CPUs, load {load1:.2f} at start, wall/CPU extract {ex_t.wall / max(ex_t.cpu, 1e-9):.2f}", "")

    w = [max(len(r[i]) for r in rows + [("measure", "value", "target", "")]) for i in range(4)]
    print(f"{'measure':{w[0]}}  {'value':{w[1]}}  {'target':{w[2]}}  ")
    print(f"{'-' * w[0]}  {'-' * w[1]}  {'-' * w[2]}  {'-' * 4}")
    for r in rows:
        print(f"{r[0]:{w[0]}}  {r[1]:{w[1]}}  {r[2]:{w[2]}}  {r[3]}")

    if a.profile:
        profile(make_docs(min(target, 500_000)))


if __name__ == "__main__":
    main()
