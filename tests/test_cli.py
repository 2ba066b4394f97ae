"""The CLI end to end, as a user runs it: a subprocess of the installed console
script (or `python -m zhextract`), on seeds/, on each input form, encoding and
bad-input class. Every output is checked against the record invariants."""
from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SAMPLE = SEEDS / "shenyang-gongjian.txt"
SHARED_EVAL = ROOT.parent / "shared" / "eval"
DEV = SHARED_EVAL / "dev"
EXE = Path(sys.executable).parent / "zhextract"
CLI = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "zhextract"]

# Short news-style articles written for these tests (not from the dev set).
ARTICLE_A = ("本报讯（记者 王明）3月15日，苏州工业园区举行重点项目集中开工仪式，"
             "总投资约120亿元的15个项目同时开工。\n园区管委会主任张伟表示，今年计划完成固定资产投资300亿元，同比增长8.5%。\n")
ARTICLE_B = ("今年前5个月，宁波市实现外贸进出口总额5630.2亿元，同比增长6.1%。"
             "其中，出口3800亿元，增长7.2个百分点；“浙江吉利控股集团有限公司”新增订单超过2万台。\n")
# A character outside the BMP (two UTF-16 units, one code point) before the text.
ARTICLE_ASTRAL = "𠮷野家在杭州市开设3家门店，投资约2000万元。\n"


def run(*args: str, stdin: bytes | None = None, cmd: list[str] | None = None,
        cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*(cmd or CLI), *args], input=stdin, capture_output=True, cwd=cwd,
                          timeout=300, env={**os.environ, **env} if env else None)


def parse(out: bytes) -> list[dict]:
    """JSONL per the contract: UTF-8, one object a line, no blank lines, no \\u escapes of CJK."""
    assert out == b"" or out.endswith(b"\n")
    lines = out.split(b"\n")[:-1]
    assert all(lines), "blank line in output"
    for line in lines:
        assert b"\\u4e" not in line and b"\\u5" not in line, "non-ASCII written as \\u escapes"
    return [json.loads(line) for line in lines]


def check_records(records: list[dict], texts: dict[str, str]) -> dict[str, list[dict]]:
    """Documents contiguous, document record first, offsets exact, sorted; returns
    the records grouped by document id, in output order."""
    docs: dict[str, list[dict]] = {}
    current = None
    for r in records:
        if r["type"] == "document":
            assert r["doc"] not in docs, f"document {r['doc']} twice or not contiguous"
            current = r["doc"]
            docs[current] = [r]
            assert r["schema"] == 1
            if current in texts:
                assert r["chars"] == len(texts[current])
            continue
        assert r["doc"] == current, "a mention outside its document's block"
        docs[current].append(r)
    for doc_id, recs in docs.items():
        text = texts.get(doc_id)
        keys = [(r["start"], -r["end"]) for r in recs[1:]]
        assert keys == sorted(keys), f"{doc_id}: records not sorted by (start, -end)"
        for r in recs[1:]:
            assert 0 <= r["start"] < r["end"] <= recs[0]["chars"], r
            if text is not None:
                assert text[r["start"]:r["end"]] == r["text"], r
    return docs


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def jsonl(rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


# ------------------------------------------------------------------ the main job

def test_seeds_folder_clean_run():
    res = run("extract", str(SEEDS))
    assert res.returncode == 0, res.stderr.decode()
    assert res.stderr == b"", "nothing on stderr when all is fine"
    docs = check_records(parse(res.stdout), {"shenyang-gongjian": SAMPLE.read_text(encoding="utf-8")})
    assert list(docs) == ["shenyang-gongjian"]


def test_output_option_writes_file(tmp_path):
    out = tmp_path / "out.jsonl"
    res = run("extract", str(SAMPLE), "-o", str(out))
    assert res.returncode == 0 and res.stdout == b"" and res.stderr == b""
    ref = run("extract", str(SAMPLE))
    assert out.read_bytes() == ref.stdout


def test_two_runs_byte_identical_and_python_m_matches_console_script():
    a = run("extract", str(SEEDS))
    b = run("extract", str(SEEDS))
    c = run("extract", str(SEEDS), cmd=[sys.executable, "-m", "zhextract"])
    assert a.returncode == b.returncode == c.returncode == 0
    assert a.stdout == b.stdout == c.stdout
    assert c.stderr == b""


def test_python_m_usage_matches_console_script():
    a = run("--help")
    b = run("--help", cmd=[sys.executable, "-m", "zhextract"])
    assert a.returncode == b.returncode == 0
    assert b"extract" in b.stdout


# ------------------------------------------------------------------ input forms

def test_single_txt_file_id_is_stem(tmp_path):
    p = write(tmp_path / "ningbo-trade.txt", ARTICLE_B)
    res = run("extract", str(p))
    assert res.returncode == 0 and res.stderr == b""
    docs = check_records(parse(res.stdout), {"ningbo-trade": ARTICLE_B})
    assert list(docs) == ["ningbo-trade"]


def test_folder_recursive_ids_are_relative_paths_sorted(tmp_path):
    root = tmp_path / "in"
    write(root / "b.txt", ARTICLE_B)
    write(root / "a" / "x.txt", ARTICLE_A)
    write(root / "a" / "deeper" / "y.txt", ARTICLE_ASTRAL)
    write(root / "notes.md", "不是文章")  # not a .txt: ignored
    res = run("extract", str(root))
    assert res.returncode == 0, res.stderr.decode()
    assert res.stderr == b""
    texts = {"b": ARTICLE_B, "a/x": ARTICLE_A, "a/deeper/y": ARTICLE_ASTRAL}
    docs = check_records(parse(res.stdout), texts)
    assert list(docs) == ["a/deeper/y", "a/x", "b"]


def test_folder_given_as_dot_and_with_trailing_slash(tmp_path):
    root = tmp_path / "in"
    write(root / "x" / "one.txt", ARTICLE_A)
    write(root / "two.txt", ARTICLE_B)
    texts = {"x/one": ARTICLE_A, "two": ARTICLE_B}
    dot = run("extract", ".", cwd=root)
    slash = run("extract", str(root) + "/")
    assert dot.returncode == slash.returncode == 0
    assert list(check_records(parse(dot.stdout), texts)) == ["two", "x/one"]
    assert dot.stdout == slash.stdout


def test_jsonl_file_ids_and_order(tmp_path):
    rows = [{"id": "z-first", "text": ARTICLE_B}, {"id": "a-second", "text": ARTICLE_A, "date": "2024-03-15"},
            {"id": 42, "text": ARTICLE_ASTRAL}]
    p = write(tmp_path / "batch.jsonl", jsonl(rows))
    res = run("extract", str(p))
    assert res.returncode == 0 and res.stderr == b""
    docs = check_records(parse(res.stdout), {"z-first": ARTICLE_B, "a-second": ARTICLE_A, "42": ARTICLE_ASTRAL})
    assert list(docs) == ["z-first", "a-second", "42"]


def test_several_inputs_in_argument_order(tmp_path):
    a = write(tmp_path / "one.txt", ARTICLE_A)
    j = write(tmp_path / "more.jsonl", jsonl([{"id": "j1", "text": ARTICLE_B}]))
    res = run("extract", str(j), str(a))
    assert res.returncode == 0
    assert list(check_records(parse(res.stdout), {"one": ARTICLE_A, "j1": ARTICLE_B})) == ["j1", "one"]


def test_stdin_jsonl():
    data = ("\n  " + jsonl([{"id": "s1", "text": ARTICLE_A}, {"id": "s2", "text": ARTICLE_B}])).encode()
    res = run("extract", "-", stdin=data)
    assert res.returncode == 0 and res.stderr == b""
    assert list(check_records(parse(res.stdout), {"s1": ARTICLE_A, "s2": ARTICLE_B})) == ["s1", "s2"]


def test_stdin_plain_text_is_one_article():
    res = run("extract", "-", stdin=ARTICLE_A.encode("utf-8"))
    assert res.returncode == 0 and res.stderr == b""
    records = parse(res.stdout)
    docs = check_records(records, {})
    assert len(docs) == 1
    (doc_id, recs), = docs.items()
    assert doc_id and recs[0]["chars"] == len(ARTICLE_A)
    check_records(records, {doc_id: ARTICLE_A})


def test_jsonl_with_bom_and_crlf_lines(tmp_path):
    body = codecs.BOM_UTF8 + jsonl([{"id": "a", "text": ARTICLE_A}, {"id": "b", "text": ARTICLE_B}]).replace(
        "\n", "\r\n").encode("utf-8")
    p = write(tmp_path / "crlf.jsonl", body)
    res = run("extract", str(p))
    assert res.returncode == 0 and res.stderr == b""
    assert list(check_records(parse(res.stdout), {"a": ARTICLE_A, "b": ARTICLE_B})) == ["a", "b"]


@pytest.mark.parametrize("encoding", ["utf-8-bom", "gb18030", "utf-16-le-bom"])
def test_stdin_plain_text_encodings(encoding):
    text = ARTICLE_A + ARTICLE_B
    res = run("extract", "-", stdin=ENCODINGS[encoding](text))
    assert res.returncode == 0 and res.stderr == b""
    ref = run("extract", "-", stdin=text.encode("utf-8"))
    assert res.stdout == ref.stdout
    (recs,) = check_records(parse(res.stdout), {}).values()
    assert recs[0]["chars"] == len(text)


@pytest.mark.parametrize("target", ["missing-dir/out.jsonl", "."], ids=["missing-folder", "a-directory"])
def test_unwritable_output_is_one_line_error(tmp_path, target):
    out = tmp_path / target
    res = run("extract", str(SAMPLE), "-o", str(out))
    err = res.stderr.decode("utf-8")
    assert res.returncode in (1, 2)
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and str(out).rstrip("/.") in err


# ------------------------------------------------------------------ encodings

ENCODINGS: dict = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "gb18030": lambda t: t.encode("gb18030"),
    "gbk": lambda t: t.encode("gbk"),
    "utf-16-le-bom": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16-be-bom": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
}


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_encodings_decode_to_the_same_records(tmp_path, encoding):
    """Offsets count code points of the decoded text, whatever the encoding; the
    records equal those of the UTF-8 file (the BOM is not part of the text)."""
    text = ARTICLE_A + ARTICLE_B
    if encoding != "gbk":  # GBK has no code for U+20BB7
        text += ARTICLE_ASTRAL
    p = write(tmp_path / "article.txt", ENCODINGS[encoding](text))
    ref = write(tmp_path / "ref" / "article.txt", text)
    res, expect = run("extract", str(p)), run("extract", str(ref))
    assert res.returncode == 0, res.stderr.decode()
    assert res.stderr == b""
    check_records(parse(res.stdout), {"article": text})
    assert res.stdout == expect.stdout


def test_seed_article_in_gbk_matches_utf8(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    p = write(tmp_path / "shenyang-gongjian.txt", text.encode("gbk"))
    res, ref = run("extract", str(p)), run("extract", str(SAMPLE))
    assert res.returncode == 0
    assert res.stdout == ref.stdout


# ------------------------------------------------------------------ bad input

GOOD = {"good-a": ARTICLE_A, "good-b": ARTICLE_B}


def _bad_txt(tmp_path: Path, body: bytes) -> tuple[list[str], str]:
    p = write(tmp_path / "bad.txt", body)
    return [str(p)], str(p)


BAD_FILES = {
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 50,
    "undecodable": "沈阳市开工项目".encode("utf-8") + b"\xff\xff\xfe\x80\x81" * 20,
    "empty": b"",
    "blank": b" \n\r\n\t\n",
    "bom-only": codecs.BOM_UTF8,
    "utf-16-bom-then-garbage": codecs.BOM_UTF16_LE + b"\x00\xd8\x41",
}


def _assert_one_problem(res: subprocess.CompletedProcess, names: list[str], good: dict[str, str]) -> str:
    err = res.stderr.decode("utf-8")
    lines = err.splitlines()
    assert res.returncode == 1, (res.returncode, err)
    assert len(lines) == 1, f"one line on stderr, got {lines!r}"
    for name in names:
        assert name in lines[0], f"{name!r} not named in {lines[0]!r}"
    docs = check_records(parse(res.stdout), good)
    assert list(docs) == list(good), "the other documents are still processed, in order"
    return lines[0]


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_txt_file_is_reported_others_processed(tmp_path, kind):
    a = write(tmp_path / "good-a.txt", ARTICLE_A)
    b = write(tmp_path / "good-b.txt", ARTICLE_B)
    bad = write(tmp_path / "bad.txt", BAD_FILES[kind])
    res = run("extract", str(a), str(bad), str(b))
    _assert_one_problem(res, [str(bad)], GOOD)


def test_bad_file_inside_folder_named_by_path(tmp_path):
    root = tmp_path / "in"
    write(root / "good-a.txt", ARTICLE_A)
    write(root / "sub" / "broken.txt", BAD_FILES["binary"])
    write(root / "zz" / "good-b.txt", ARTICLE_B)
    res = run("extract", str(root))
    line = _assert_one_problem(res, ["broken.txt"], {"good-a": ARTICLE_A, "zz/good-b": ARTICLE_B})
    assert "sub" in line


def test_missing_file_is_reported_others_processed(tmp_path):
    a = write(tmp_path / "good-a.txt", ARTICLE_A)
    b = write(tmp_path / "good-b.txt", ARTICLE_B)
    missing = tmp_path / "no-such-article.txt"
    res = run("extract", str(a), str(missing), str(b))
    _assert_one_problem(res, [str(missing)], GOOD)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_unreadable_file_is_reported_others_processed(tmp_path):
    a = write(tmp_path / "good-a.txt", ARTICLE_A)
    b = write(tmp_path / "good-b.txt", ARTICLE_B)
    bad = write(tmp_path / "locked.txt", ARTICLE_A)
    bad.chmod(0)
    try:
        res = run("extract", str(a), str(bad), str(b))
    finally:
        bad.chmod(0o644)
    _assert_one_problem(res, [str(bad)], GOOD)


def test_unreadable_file_in_process(tmp_path, monkeypatch):
    """The same path as a chmod 000 file, for when tests run as root: the read
    raises PermissionError; one problem naming the file, the rest processed."""
    import io

    from zhextract.batch import run_batch
    from zhextract.io.inputs import iter_inputs

    a = write(tmp_path / "good-a.txt", ARTICLE_A)
    bad = write(tmp_path / "locked.txt", ARTICLE_A)
    b = write(tmp_path / "good-b.txt", ARTICLE_B)
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    out, problems = io.BytesIO(), []
    stats = run_batch(iter_inputs([str(a), str(bad), str(b)]), out, report=problems.append)
    assert len(problems) == 1 and str(bad) in problems[0], problems
    assert stats.problems == problems
    assert list(check_records(parse(out.getvalue()), GOOD)) == list(GOOD)


def test_broken_link_in_folder_is_reported(tmp_path):
    root = tmp_path / "in"
    write(root / "good-a.txt", ARTICLE_A)
    write(root / "good-b.txt", ARTICLE_B)
    (root / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    res = run("extract", str(root))
    _assert_one_problem(res, ["gone.txt"], GOOD)


JSONL_BAD_LINES = {
    "malformed": '{"id": "x", "text": "沈阳市',
    "no-text": '{"id": "x", "title": "只有标题"}',
    "text-not-string": '{"id": "x", "text": 12}',
    "not-an-object": '["沈阳市"]',
    "empty-text": '{"id": "x", "text": ""}',
    "bad-date": '{"id": "x", "text": "沈阳市开工。", "date": "2024-13-45"}',
    "lone-surrogate-escape": '{"id": "x", "text": "沈阳\\ud800市"}',
}


@pytest.mark.parametrize("kind", list(JSONL_BAD_LINES))
def test_bad_jsonl_line_names_file_and_line(tmp_path, kind):
    body = (json.dumps({"id": "good-a", "text": ARTICLE_A}, ensure_ascii=False) + "\n"
            + JSONL_BAD_LINES[kind] + "\n"
            + json.dumps({"id": "good-b", "text": ARTICLE_B}, ensure_ascii=False) + "\n")
    p = write(tmp_path / "batch.jsonl", body)
    res = run("extract", str(p))
    _assert_one_problem(res, [f"{p}:2"], GOOD)


def test_bad_stdin_jsonl_line_named(tmp_path):
    body = (json.dumps({"id": "good-a", "text": ARTICLE_A}, ensure_ascii=False) + "\n{oops\n"
            + json.dumps({"id": "good-b", "text": ARTICLE_B}, ensure_ascii=False) + "\n")
    res = run("extract", "-", stdin=body.encode())
    _assert_one_problem(res, ["stdin", ":2"], GOOD)


def test_empty_stdin_is_reported():
    res = run("extract", "-", stdin=b"")
    assert res.returncode == 1
    assert len(res.stderr.decode().splitlines()) == 1
    assert res.stdout == b""


@pytest.mark.parametrize("args", [
    [],                                          # no input
    ["--jobs", "0"],
    ["--date", "2024-13-01"],
    ["--date", "yesterday"],
    ["--segmenter", "thulac"],
    ["--no-such-option"],
], ids=["no-input", "jobs-0", "bad-date", "date-word", "bad-segmenter", "unknown-option"])
def test_wrong_usage_exits_2(args):
    inputs = [] if not args else [str(SAMPLE)]
    res = run("extract", *args, *inputs)
    assert res.returncode == 2, (res.returncode, res.stderr.decode())
    assert res.stdout == b""
    assert res.stderr.strip()


# ------------------------------------------------------------------ anchor dates

def _doc_records(res) -> dict[str, dict]:
    return {r["doc"]: r for r in parse(res.stdout) if r["type"] == "document"}


def test_date_option_and_jsonl_date_precedence(tmp_path):
    rows = [{"id": "own-date", "text": ARTICLE_A, "date": "2021-03-05"},
            {"id": "no-date", "text": ARTICLE_B},
            {"id": "null-date", "text": ARTICLE_B, "date": None}]
    p = write(tmp_path / "batch.jsonl", jsonl(rows))
    with_opt = _doc_records(run("extract", str(p), "--date", "2024-06-20"))
    assert with_opt["own-date"]["anchor_date"] == "2021-03-05"
    assert with_opt["own-date"]["anchor_source"] == "input"
    for d in ("no-date", "null-date"):
        assert with_opt[d]["anchor_date"] == "2024-06-20"
        assert with_opt[d]["anchor_source"] == "input"
    without = _doc_records(run("extract", str(p)))
    assert without["own-date"]["anchor_date"] == "2021-03-05"
    assert without["own-date"]["anchor_source"] == "input"
    # Without a given date it is inferred from the text or absent; never the clock.
    for d in ("no-date", "null-date"):
        src = without[d]["anchor_source"]
        assert src in ("text", "none")
        if src == "none":
            assert without[d]["anchor_date"] is None


def test_date_option_on_txt_and_stdin(tmp_path):
    p = write(tmp_path / "a.txt", ARTICLE_A)
    rec = _doc_records(run("extract", str(p), "--date", "2023-01-31"))["a"]
    assert (rec["anchor_date"], rec["anchor_source"]) == ("2023-01-31", "input")
    res = run("extract", "-", "--date", "2023-01-31", stdin=ARTICLE_B.encode())
    (rec,) = _doc_records(res).values()
    assert (rec["anchor_date"], rec["anchor_source"]) == ("2023-01-31", "input")


# ------------------------------------------------------------------ jobs, determinism, validator

def _many_docs_jsonl(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """Enough documents for several shards: the seed article's paragraphs, the
    test articles, and the dev articles when ../shared is there."""
    texts: dict[str, str] = {}
    paras = [p for p in SAMPLE.read_text(encoding="utf-8").split("\n") if p.strip()]
    for i, para in enumerate(paras * 3):
        texts[f"p{i:03d}"] = para
    texts.update({"a": ARTICLE_A, "b": ARTICLE_B, "astral": ARTICLE_ASTRAL})
    for p in sorted(DEV.glob("*.txt")) if DEV.is_dir() else []:
        texts[p.stem] = p.read_text(encoding="utf-8")
    path = write(tmp_path / "many.jsonl", jsonl([{"id": k, "text": v} for k, v in texts.items()]))
    return path, texts


def test_jobs_2_output_identical_to_jobs_1(tmp_path):
    path, texts = _many_docs_jsonl(tmp_path)
    one = run("extract", str(path), "--jobs", "1", "--date", "2024-06-20")
    two = run("extract", str(path), "--jobs", "2", "--date", "2024-06-20")
    assert one.returncode == two.returncode == 0
    assert one.stderr == two.stderr == b""
    assert one.stdout == two.stdout
    assert list(check_records(parse(one.stdout), texts)) == list(texts)


def test_output_does_not_depend_on_hash_seed(tmp_path):
    """Set and dict-of-set iteration order changes with PYTHONHASHSEED: output must not."""
    path, _texts = _many_docs_jsonl(tmp_path)
    outs = [run("extract", str(path), env={"PYTHONHASHSEED": seed}) for seed in ("0", "1", "12345")]
    assert all(o.returncode == 0 for o in outs)
    assert outs[0].stdout == outs[1].stdout == outs[2].stdout


def test_jobs_2_with_bad_lines_keeps_order_and_reports(tmp_path):
    rows = [json.dumps({"id": f"d{i}", "text": ARTICLE_A if i % 2 else ARTICLE_B}, ensure_ascii=False)
            for i in range(150)]
    rows[70] = "{broken"
    p = write(tmp_path / "b.jsonl", "\n".join(rows) + "\n")
    one = run("extract", str(p), "--jobs", "1")
    two = run("extract", str(p), "--jobs", "2")
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    assert one.stderr == two.stderr
    assert f"{p}:71" in two.stderr.decode()
    assert len(_doc_records(two)) == 149


@pytest.mark.skipif(not (SHARED_EVAL / "validate.py").exists(), reason="../shared/eval is not beside the clone")
def test_validator_passes_on_dev_output(tmp_path):
    out = tmp_path / "dev.jsonl"
    res = run("extract", str(DEV / "input.jsonl"), "-o", str(out))
    assert res.returncode == 0, res.stderr.decode()
    assert res.stderr == b""
    val = subprocess.run([sys.executable, str(SHARED_EVAL / "validate.py"), str(out), "--texts", str(DEV)],
                         capture_output=True, text=True, timeout=120)
    assert val.returncode == 0, val.stdout + val.stderr
    texts = {p.stem: p.read_text(encoding="utf-8") for p in DEV.glob("*.txt")}
    docs = check_records(parse(out.read_bytes()), texts)
    assert set(docs) == set(texts)
    again = run("extract", str(DEV / "input.jsonl"))
    assert again.stdout == out.read_bytes(), "two runs byte-identical"


# ------------------------------------------------------------------ progress bar

def _run_with_tty_stderr(args: list[str]) -> tuple[subprocess.CompletedProcess, bytes]:
    """Run the CLI with standard error on a pseudo-terminal; returns what it wrote there."""
    import fcntl
    import pty
    import select
    import struct
    import termios

    master, slave = pty.openpty()
    # A new pty has 0 columns: tqdm would draw an empty bar. Make it 24 x 80.
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    try:
        p = subprocess.Popen([*CLI, *args], stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL)
        os.close(slave)
        chunks, out = [], []
        reader = __import__("threading").Thread(target=lambda: out.append(p.stdout.read()))
        reader.start()
        while True:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # the pty closes when the process ends
                    break
                if not data:
                    break
                chunks.append(data)
            elif p.poll() is not None:
                break
        p.wait(timeout=300)
        reader.join()
    finally:
        os.close(master)
    return subprocess.CompletedProcess(p.args, p.returncode, out[0], b""), b"".join(chunks)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminal test")
def test_progress_bar_only_on_a_terminal_and_a_long_run(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    # About a million characters: longer than the 2 s after which the bar appears.
    path = write(tmp_path / "long.jsonl", jsonl([{"id": f"d{i}", "text": text} for i in range(150)]))
    res, tty = _run_with_tty_stderr(["extract", str(path)])
    assert res.returncode == 0
    assert tty.strip(), "a long run on a terminal shows progress on standard error"
    assert b"doc" in tty
    docs = check_records(parse(res.stdout), {f"d{i}": text for i in range(150)})
    assert len(docs) == 150, "the bar never touches the output"
    short, tty_short = _run_with_tty_stderr(["extract", str(SAMPLE)])
    assert short.returncode == 0 and tty_short.strip() == b"", "a short run shows nothing"
