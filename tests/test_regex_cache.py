"""Compiled patterns kept between runs (zhextract/regex_cache.py): a pattern read
back from the cache file behaves exactly like a freshly compiled one, and a
second run compiles nothing it compiled before."""
import os
import subprocess
import sys
import textwrap

import pytest
import regex

from zhextract import regex_cache

# Patterns using what the rules use: named lists, lookbehind, possessive and
# atomic parts, Unicode properties, REVERSE, MULTILINE, V0 and named groups.
CASES = [
    (r"(?P<n>[0-9]++(?:\.[0-9]+)?)(?P<u>\L<units>)", 0, {"units": ["亿元", "万吨", "%"]},
     "投资3.5亿元，产量12万吨，增长8%。"),
    (r"(?<![\d.])(?P<y>(?:19|20)\d\d)年(?P<m>1[0-2]|[1-9])月", regex.V0, {}, "2024年6月20日、1999年12月"),
    (r"\p{Han}{2,4}?(?:有限公司|集团)", 0, {}, "辽宁某科技有限公司与华润集团签约"),
    (r"[，。]", regex.REVERSE, {}, "甲，乙。丙"),
    (r"^(?P<name>\p{Han}{3,4})[ \t]*$", regex.M, {}, "王小明\n第二行文字很长很长\n李四"),
    (r"(?>记者|通讯员)(?P<n>\p{Han}{2,3})", 0, {}, "（记者王明 通讯员李华）"),
]


def _matches(pattern: "regex.Pattern[str]", text: str) -> list:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("source,flags,lists,text", CASES, ids=[c[0][:24] for c in CASES])
def test_a_stored_pattern_matches_like_a_fresh_one(source, flags, lists, text, tmp_path, monkeypatch):
    monkeypatch.setenv("ZHEXTRACT_CACHE", str(tmp_path))
    fresh = regex.compile(source, flags, **lists)
    first = regex_cache.compile_regex(source, flags, **lists)
    stored = regex_cache.pickle.loads(regex_cache.pickle.dumps(first))  # what the next run reads
    assert _matches(first, text) == _matches(fresh, text) == _matches(stored, text)
    assert _matches(fresh, text), "the case must match something"
    assert (stored.pattern, stored.flags, stored.groupindex) == (fresh.pattern, fresh.flags, fresh.groupindex)


def test_named_lists_are_part_of_the_key():
    a = regex_cache.compile_regex(r"\L<w>", w=["甲"])
    b = regex_cache.compile_regex(r"\L<w>", w=["乙"])
    assert a.fullmatch("甲") and not a.fullmatch("乙")
    assert b.fullmatch("乙") and not b.fullmatch("甲")
    assert regex_cache.compile_regex(r"\L<w>", w=["乙"]) is b


_RUN = textwrap.dedent("""
    import sys, regex
    from zhextract import regex_cache
    if sys.argv[1] == "second":
        def refuse(*a, **k):
            raise AssertionError("compiled again: " + a[0])
        regex.compile = refuse
    p = regex_cache.compile_regex(r"(?<=[0-9])(?P<u>\\L<u>)", u=["亿元", "万元"])
    q = regex_cache.compile_regex(r"\\p{Han}+?公司", regex.V0)
    print(p.search("投资3亿元").group("u"), q.search("某某公司").group())
""")


def test_a_second_run_reads_what_the_first_compiled(tmp_path):
    env = {**os.environ, "ZHEXTRACT_CACHE": str(tmp_path)}
    outs = [subprocess.run([sys.executable, "-c", _RUN, run], env=env, capture_output=True, text=True)
            for run in ("first", "second")]
    assert [o.stdout.strip() for o in outs] == ["亿元 某某公司"] * 2, [o.stderr for o in outs]
    assert len(list(tmp_path.glob("regex-*.pickle"))) == 1


def test_a_forked_worker_does_not_write(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHEXTRACT_CACHE", str(tmp_path))
    monkeypatch.setattr(regex_cache, "_reader_pid", os.getpid() + 1)  # as seen from a child
    monkeypatch.setattr(regex_cache, "_changed", True)
    regex_cache._write()
    assert not list(tmp_path.glob("regex-*.pickle"))


def test_a_full_file_keeps_only_the_patterns_used(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHEXTRACT_CACHE", str(tmp_path))
    old = {("old%d" % i, 0, False, ()): regex.compile("old%d" % i) for i in range(5)}
    monkeypatch.setattr(regex_cache, "_stored", dict(old))
    monkeypatch.setattr(regex_cache, "_used", set())
    monkeypatch.setattr(regex_cache, "_reader_pid", os.getpid())
    monkeypatch.setattr(regex_cache, "_changed", True)
    monkeypatch.setattr(regex_cache, "MAX_STORED", 5)
    regex_cache.compile_regex("new")
    regex_cache._write()
    with open(regex_cache.cache_file(), "rb") as f:
        assert [k[0] for k in regex_cache.pickle.load(f)] == ["new"]


def test_an_unreadable_file_only_costs_the_compile(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHEXTRACT_CACHE", str(tmp_path))
    regex_cache.cache_file().write_bytes(b"not a pickle")
    monkeypatch.setattr(regex_cache, "_stored", None)
    assert regex_cache.compile_regex(r"[0-9]+亿").search("3亿").group() == "3亿"
