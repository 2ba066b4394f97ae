"""Hostile input: the pipeline finishes in linear time, never crashes, and
reports a rule that timed out as an `error` on the document record.

Time bounds (in CPU time) are relative to a baseline measured in the same test (plain
`jieba.lcut` on the same text, or the same input at a quarter of the size), so
they hold on a slow or busy machine: a catastrophic pattern or a quadratic loop
is off by orders of magnitude, not by the factor of slack given here.

The streaming test (a large JSONL through the CLI with bounded memory) is slow;
set ZHEXTRACT_SKIP_SLOW=1 to skip it locally. CI runs it.
"""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "seeds" / "shenyang-gongjian.txt").read_text(encoding="utf-8")
EXE = Path(sys.executable).parent / "zhextract"
CLI = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "zhextract"]
SKIP_SLOW = os.environ.get("ZHEXTRACT_SKIP_SLOW") == "1"


@pytest.fixture(scope="module")
def pipeline():
    """The path the CLI and `zhextract.extract` take (no spaCy)."""
    from zhextract.pipeline import Pipeline

    p = Pipeline()
    p.records("warm-up", SEED)  # lazily built automata and rule files
    return p


@pytest.fixture(scope="module")
def lcut():
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba.lcut


def clock(fn, *args) -> tuple[float, object]:
    """(CPU seconds of this process, result): other users of the machine do not count."""
    t0 = time.process_time()
    result = fn(*args)
    return time.process_time() - t0, result


def check_records(text: str, records: list[dict]) -> None:
    assert records[0]["type"] == "document" and records[0]["chars"] == len(text)
    assert all(r["type"] != "document" for r in records[1:])
    keys = [(r["start"], -r["end"]) for r in records[1:]]
    assert keys == sorted(keys)
    for r in records[1:]:
        assert 0 <= r["start"] < r["end"] <= len(text)
        assert text[r["start"]:r["end"]] == r["text"], r


def _child(conn, pipeline, name, text) -> None:
    t0 = time.process_time()
    records = pipeline.records(name, text)
    conn.send((time.process_time() - t0, records))
    conn.close()


def bounded_records(pipeline, name: str, text: str, limit: float) -> tuple[float, list[dict]]:
    """(CPU seconds, records) of `pipeline.records` run in a forked child (the
    warm pipeline is inherited), killed after `limit` wall seconds so that a
    quadratic step fails the test instead of stalling CI."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return clock(pipeline.records, name, text)
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, pipeline, name, text))
    proc.start()
    child.close()
    if not parent.poll(limit):
        proc.kill()
        proc.join()
        prefix = text[:100_000]
        pytest.fail(f"{name}: not finished after {limit:.1f} s on {len(text):,} chars (killed); per step on the "
                    f"first {len(prefix):,} chars: {step_times(prefix)}")
    result = parent.recv()
    proc.join()
    return result


def step_times(text: str) -> str:
    """Seconds per pipeline step on `text`, for failure messages: which step is slow."""
    from zhextract.pipeline import STEPS, new_context, run_steps
    from zhextract.segment import make_segmenter, token_spans

    seg = make_segmenter("jieba")
    t0 = time.process_time()
    tokens = token_spans(seg.words(text))
    t1 = time.process_time()
    ctx = new_context(text, tokens, None, None)
    parts = [f"segment {t1 - t0:.2f}", f"context {time.process_time() - t1:.2f}"]
    for step in STEPS:
        t0 = time.process_time()
        err = run_steps(ctx, [step])
        parts.append(f"{step[0].replace('zhextract_', '')} {time.process_time() - t0:.2f}{' TIMEOUT' if err else ''}")
        if err:
            break
    return ", ".join(parts)


def _no_punct(text: str) -> str:
    return re.sub(r"[\W\s_]", "", text)


def one_mb_line() -> str:
    """News text with every punctuation mark and line break removed, to 1 M chars."""
    body = _no_punct(SEED)
    return (body * (1_000_000 // len(body) + 1))[:1_000_000]


# name -> (text builder, K, C): extraction must take <= K x jieba.lcut + C seconds.
HOSTILE = {
    "100k-digits": (lambda: "投资" + "1" * 100_000 + "亿元", 15, 1.0),
    "100k-digits-bare": (lambda: "7" * 100_000, 15, 1.0),
    "100k-wan": (lambda: "万" * 100_000, 15, 1.0),
    "100k-yi-wan-mix": (lambda: "亿万" * 50_000 + "元", 15, 1.0),
    "chinese-numerals": (lambda: "一二三四五六七八九十百千万亿两零〇" * 6_000, 15, 1.0),
    "digits-with-dots": (lambda: "1." * 50_000 + "5%", 15, 1.0),
    "digits-with-commas": (lambda: "1,234，" * 20_000 + "万元", 15, 1.0),
    "width-mix-digits": (lambda: "１2３4５．6,7，8％" * 10_000, 15, 1.0),
    "width-mix-amounts": (lambda: "增长１２.5％，投资3．2亿元，" * 8_000, 15, 1.0),
    "1mb-line-no-punct": (one_mb_line, 5, 2.0),
    "nested-quotes": (lambda: "“" * 30_000 + "沈阳市" + "”" * 30_000, 15, 1.0),
    "nested-brackets": (lambda: "（【《「『‘" * 10_000 + "沈阳市工业有限公司" + "’』」》】）" * 10_000, 15, 1.0),
    "unclosed-quotes": (lambda: ("他说：“沈阳市投资" * 10_000), 15, 1.0),
    "date-run": (lambda: "2024年" * 20_000 + "6月" * 20_000, 15, 1.0),
    "long-latin-word": (lambda: "ABC" * 100_000, 15, 1.0),
    "whitespace": (lambda: " \u3000\t" * 100_000 + "沈阳", 15, 1.0),
    "newlines": (lambda: "\n" * 100_000 + "沈阳市" + "\r\n" * 50_000, 15, 1.0),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_input_finishes_in_linear_time(name, pipeline, lcut):
    build, k, c = HOSTILE[name]
    text = build()
    t_jieba, _ = clock(lcut, text)
    bound = k * t_jieba + c
    t_ours, records = bounded_records(pipeline, name, text, 2 * bound + 5)
    check_records(text, records)
    if "error" in records[0] or t_ours > bound:
        pytest.fail(f"{t_ours:.2f} s vs jieba.lcut {t_jieba:.2f} s on {len(text):,} chars "
                    f"(bound {k} x jieba + {c} s); error: {records[0].get('error')}; "
                    f"per step: {step_times(text[:200_000])}")


# Text that repeats what a rule anchors on, so that mentions come by thousands:
# a step that is quadratic in the number of mentions (or scans the text once per
# mention) shows here. Built at n and 4n repeats; 4n must take <= 4 x 2 x (n).
REPEATS = {
    "company-suffix": "沈阳市有限公司",
    "company-full": "沈阳新松机器人自动化股份有限公司与",
    "place-names": "沈阳市大连市",
    "project-suffix": "沈阳市重点建设项目",
    "organization-suffix": "辽宁省发展和改革委员会",
    "person-role": "总经理张伟表示",
    "amounts": "投资3.5亿元，增长12%，",
    "dates": "2024年6月20日至7月1日，",
    "digits-block": "1234567890",
}


@pytest.mark.parametrize("name", list(REPEATS))
def test_many_mentions_scale_linearly(name, pipeline):
    unit = REPEATS[name]
    n = max(1, 12_000 // len(unit))
    small, big = unit * n, unit * (4 * n)
    t_small = min(clock(pipeline.records, name, small)[0] for _ in range(2))
    bound = 8 * t_small + 0.3
    t_big, records = bounded_records(pipeline, name, big, 2 * bound + 5)
    check_records(big, records)
    if "error" in records[0] or t_big > bound:
        pytest.fail(f"{len(big):,} chars took {t_big:.2f} s, {len(small):,} chars {t_small:.2f} s "
                    f"({len(records) - 1} records); error: {records[0].get('error')}; per step at 4n: "
                    f"{step_times(big)}; at n: {step_times(small)}")


CONTROL_TEXTS = {
    "nul-and-c0": "沈阳市\x00\x01\x02今年投资\x07\x08\x0b\x0c3亿元。",
    "ansi-escape": "\x1b[31m沈阳市\x1b[0m新开工项目120个。",
    "zero-width-and-bom": "沈\u200b阳市\ufeff新开工\u200d项目\u2060120个。",
    "line-separators": "沈阳市\u2028新开工项目\u2029120个。\x85第二段",
    "bidi-marks": "\u202e沈阳市\u202c新开工\u200f项目120个。",
    "lone-high-surrogate": "沈阳市\ud800新开工项目120个，投资3亿元。",
    "lone-low-surrogate": "\udfff沈阳市新开工项目\udc80120个。",
    "surrogates-everywhere": "".join(c + "\ud83d" for c in "沈阳市新开工项目120个，投资3亿元。"),
    "private-use-and-nonchar": "沈阳市\ue000\uffff\U0010ffff新开工项目120个。",
    "astral": "𠮷野家在杭州市开设3家门店𝟏𝟐𝟑，投资约2000万元。🎉",
}


@pytest.mark.parametrize("name", list(CONTROL_TEXTS))
def test_control_characters_and_surrogates(name, pipeline):
    """No exception on either path; every record is written as UTF-8 JSON that
    reads back to the same record (a lone surrogate, which has no UTF-8 form,
    is written as a \\u escape), so `text == doc[start:end]` still holds."""
    import zhextract
    from zhextract.output.jsonl import dumps

    text = CONTROL_TEXTS[name] * 50
    records = pipeline.records(name, text)
    check_records(text, records)
    for r in records:
        line = dumps(r)
        assert line.endswith(b"\n") and line.count(b"\n") == 1
        assert json.loads(line.decode("utf-8")) == r
    assert zhextract.extract(text, doc_id=name) == records


@pytest.fixture(scope="module")
def nlp():
    import zhextract

    return zhextract.load()


@pytest.mark.parametrize("name", list(CONTROL_TEXTS))
def test_control_characters_on_spacy_path(name, nlp):
    import zhextract

    text = CONTROL_TEXTS[name]
    records = zhextract.extract(text, doc_id=name, nlp=nlp)
    check_records(text, records)
    assert records == zhextract.extract(text, doc_id=name), name


def test_batch_survives_a_surrogate_document():
    from zhextract.batch import run_batch
    from zhextract.io.inputs import InputDoc

    texts = [SEED[:500], CONTROL_TEXTS["lone-high-surrogate"], SEED[500:1000]]
    docs = [InputDoc(f"d{i}", t, None, f"mem:{i}") for i, t in enumerate(texts)]
    out, problems = io.BytesIO(), []
    stats = run_batch(docs, out, report=problems.append)
    assert problems == [] and stats.documents == 3
    records = [json.loads(line) for line in out.getvalue().decode("utf-8").splitlines()]
    by_doc: dict[str, list[dict]] = {}
    for r in records:
        by_doc.setdefault(r["doc"], []).append(r)
    assert list(by_doc) == ["d0", "d1", "d2"]
    for i, t in enumerate(texts):
        check_records(t, by_doc[f"d{i}"])


# ------------------------------------------------------------------ the regex timeout guard

def _catastrophic(ctx):
    """A rule that backtracks exponentially, guarded as every rule must be."""
    import regex

    from zhextract.ruleset import MATCH_TIMEOUT

    assert MATCH_TIMEOUT > 0
    return list(regex.finditer(r"(?:a|aa)+b", "a" * 80, timeout=0.05))


@pytest.fixture
def patch_step():
    """Replace one step's function by `_catastrophic` (in place: the pipeline's
    STEPS list is what Pipeline and the spaCy components read), restored after."""
    from zhextract import pipeline

    saved = list(pipeline.STEPS)

    def patch(step_name: str) -> str:
        i = next(i for i, s in enumerate(pipeline.STEPS) if s[0] == step_name)
        name, kind, _fn = pipeline.STEPS[i]
        pipeline.STEPS[i] = (name, kind, _catastrophic)
        return name

    yield patch
    pipeline.STEPS[:] = saved


TIMEOUT_TEXT = "2024年6月20日，沈阳市新开工项目120个，投资约35亿元。辽宁省大连市同比增长5.2%。"


def test_rule_timeout_gives_error_record_and_keeps_earlier_mentions(patch_step):
    from zhextract.pipeline import Pipeline

    clean = Pipeline().records("t", TIMEOUT_TEXT)
    step = patch_step("zhextract_claims")
    t, records = clock(Pipeline().records, "t", TIMEOUT_TEXT)
    assert t < 5, "the guard stops the rule; the document does not hang"
    assert records[0]["type"] == "document"
    assert step in records[0]["error"]
    check_records(TIMEOUT_TEXT, records)
    # Every step before claims ran: what they found is kept.
    assert [r for r in records[1:]] == [r for r in clean[1:] if r["type"] != "claim"]


def test_rule_timeout_on_spacy_path(patch_step):
    import zhextract

    step = patch_step("zhextract_companies")
    records = zhextract.extract(TIMEOUT_TEXT, nlp=zhextract.load())
    assert step in records[0]["error"]
    check_records(TIMEOUT_TEXT, records)
    assert not any(r["type"] in ("company", "claim") for r in records)


def test_rule_timeout_in_batch_is_reported_and_batch_goes_on(patch_step):
    from zhextract.batch import run_batch
    from zhextract.io.inputs import InputDoc

    patch_step("zhextract_places")
    docs = [InputDoc(f"d{i}", TIMEOUT_TEXT, None, f"in.jsonl:{i + 1}") for i in range(3)]
    out, problems = io.BytesIO(), []
    stats = run_batch(docs, out, report=problems.append)
    assert stats.documents == 3
    assert len(problems) == 3 and problems[1].startswith("in.jsonl:2")
    docs_out = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["doc"] for r in docs_out if r["type"] == "document"] == ["d0", "d1", "d2"]
    assert all("error" in r for r in docs_out if r["type"] == "document")


# ------------------------------------------------------------------ streaming a large input

SENTENCES = [s for s in re.split(r"(?<=[。！？])", SEED.replace("\n", "")) if len(s) > 8]


def _jsonl_chunks(total_bytes: int):
    """Short documents (a seed sentence or two, numbers varied so that the
    vocabulary keeps growing as in a real archive), each line padded with a
    field the reader must parse and drop, so that most bytes cost little
    extraction time: about 10 KB a line, 20 MB a chunk."""
    written, i = 0, 0
    pad = "<p>" + "x" * 10_000 + "</p>"
    while written < total_bytes:
        lines = []
        for _ in range(2000):
            sents = [SENTENCES[(i * 7 + k) % len(SENTENCES)] for k in range(1 + i % 2)]
            text = f"{2000 + i % 25}年{1 + i % 12}月，第{i}号：" + "".join(sents)
            lines.append(json.dumps({"id": f"n{i}", "text": text, "html": pad}, ensure_ascii=False))
            i += 1
        chunk = ("\n".join(lines) + "\n").encode("utf-8")
        written += len(chunk)
        yield chunk


def _rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


# The CLI runs under bench/launcher.py, which reports its own peak RSS from wait4
# (a CLI forked straight from pytest would report pytest's size).
LAUNCHER = str(Path(__file__).resolve().parent.parent / "bench" / "launcher.py")


def _stream_through_cli(total_mb: int, tmp: Path, jobs: int = 1) -> tuple[float, list[float], int, int]:
    """(peak RSS MB, RSS samples after each chunk, documents written, exit status)
    for a JSONL generated on the fly into the CLI's standard input."""
    info = tmp / "launcher.txt"
    p = subprocess.Popen([sys.executable, "-I", "-S", LAUNCHER, str(info), *CLI, "extract", "-",
                          "--jobs", str(jobs)],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    counts = {"docs": 0}

    def drain() -> None:
        for line in p.stdout:
            if b'"type":"document"' in line[:300]:
                counts["docs"] += 1

    reader = threading.Thread(target=drain)
    reader.start()
    err: list[bytes] = []
    err_reader = threading.Thread(target=lambda: err.append(p.stderr.read()))
    err_reader.start()
    cli_pid = None
    samples = []
    for chunk in _jsonl_chunks(total_mb * 1_000_000):
        p.stdin.write(chunk)  # the pipe holds 64 KB: the CLI has read almost all of it
        if cli_pid is None and info.exists():
            first = info.read_text().split("\n")[0]
            cli_pid = int(first) if first else None
        rss = _rss_mb(cli_pid) if cli_pid else None
        if rss is not None:
            samples.append(rss)
    p.stdin.close()
    p.wait()
    reader.join()
    err_reader.join()
    assert err == [b""], err[0][:500]
    lines = info.read_text().split()
    return int(lines[1]) / 1024, samples, counts["docs"], p.returncode


@pytest.mark.skipif(SKIP_SLOW, reason="ZHEXTRACT_SKIP_SLOW=1")
def test_large_jsonl_streams_with_bounded_memory(tmp_path):
    """A JSONL of ZHEXTRACT_STREAM_MB (default 150) MB through `zhextract extract -`:
    the CLI's resident memory in the second half of the input is no higher than
    in the first half (plus 10%), and its peak stays within 250 MB."""
    total_mb = int(os.environ.get("ZHEXTRACT_STREAM_MB", "150"))
    peak, samples, docs, rc = _stream_through_cli(total_mb, tmp_path)
    assert rc == 0
    assert docs >= total_mb * 1_000_000 // 10_200 * 0.95
    assert peak <= 250, f"peak RSS {peak:.0f} MB"
    if len(samples) >= 4:
        half = len(samples) // 2
        first, second = max(samples[:half]), max(samples[half:])
        assert second <= first * 1.10 + 5, (
            f"memory grows with input: {first:.0f} MB in the first half, {second:.0f} MB in the second "
            f"(samples {[round(s) for s in samples]})")
