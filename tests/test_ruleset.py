"""The parsed-rules cache in the user cache folder gives exactly what parsing gives."""
from __future__ import annotations

import pickle

import pytest

from zhextract import ruleset


def test_cached_builds_once_then_reads_the_file(tmp_path):
    path = tmp_path / "x.pickle"
    calls = []

    def build():
        calls.append(1)
        return {"a": (1, 2)}

    assert ruleset.cached(path, build) == {"a": (1, 2)}
    assert ruleset.cached(path, build) == {"a": (1, 2)}
    assert len(calls) == 1
    assert pickle.loads(path.read_bytes()) == {"a": (1, 2)}


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps({"a": 1})[:-3]])
def test_cached_rebuilds_an_unreadable_file(tmp_path, content):
    path = tmp_path / "x.pickle"
    path.write_bytes(content)
    assert ruleset.cached(path, lambda: [3]) == [3]
    assert pickle.loads(path.read_bytes()) == [3]


def test_cached_works_without_a_writable_folder(tmp_path):
    path = tmp_path / "missing-folder" / "x.pickle"
    assert ruleset.cached(path, lambda: "v") == "v"
    assert not path.exists()


def test_cache_folder_honours_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHEXTRACT_CACHE", str(tmp_path / "c"))
    assert ruleset.cache_dir() == tmp_path / "c" and (tmp_path / "c").is_dir()


def shipped_files():
    return sorted(p.name for p in ruleset.RULES_DIR.iterdir()
                  if p.suffix in (".tsv", ".txt", ".yaml") and not p.name.startswith("LICENSE"))


@pytest.mark.parametrize("name", shipped_files())
def test_cached_rules_equal_freshly_parsed(name):
    suffix = name[name.rindex("."):]
    parse = {".tsv": ruleset._parse_tsv, ".txt": ruleset._parse_lines, ".yaml": ruleset._parse_yaml}[suffix]
    assert ruleset._cached_parse(suffix, name) == parse(name)


def test_cache_key_follows_the_files(tmp_path, monkeypatch):
    """A changed data file makes a new cache file, never a stale read."""
    monkeypatch.setenv("ZHEXTRACT_CACHE", str(tmp_path))
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "w.txt").write_text("甲\n乙\n", encoding="utf-8")
    monkeypatch.setattr(ruleset, "RULES_DIR", rules)
    monkeypatch.setattr(ruleset, "_SHIPPED_RULES", rules)
    ruleset._shipped_parsed.cache_clear()
    try:
        assert ruleset._cached_parse(".txt", "w.txt") == ("甲", "乙")
        (rules / "w.txt").write_text("甲\n乙\n丙\n", encoding="utf-8")
        ruleset._shipped_parsed.cache_clear()
        assert ruleset._cached_parse(".txt", "w.txt") == ("甲", "乙", "丙")
        assert len(list(tmp_path.glob("rules-*.pickle"))) == 1  # the stale one is removed
    finally:
        ruleset._shipped_parsed.cache_clear()


def test_two_installs_keep_their_own_cache(tmp_path, monkeypatch):
    """Two installations sharing one cache folder must not delete each other's file."""
    monkeypatch.setenv("ZHEXTRACT_CACHE", str(tmp_path))
    installs = []
    for name, words in (("a", "甲\n"), ("b", "乙\n")):
        rules = tmp_path / name / "rules"
        rules.mkdir(parents=True)
        (rules / "w.txt").write_text(words, encoding="utf-8")
        installs.append(rules)
    try:
        for _ in range(2):
            for rules, expected in zip(installs, (("甲",), ("乙",))):
                monkeypatch.setattr(ruleset, "RULES_DIR", rules)
                monkeypatch.setattr(ruleset, "_SHIPPED_RULES", rules)
                ruleset._shipped_parsed.cache_clear()
                assert ruleset._cached_parse(".txt", "w.txt") == expected
        caches = list(tmp_path.glob("rules-*.pickle"))
        assert len(caches) == 2
        mtimes = {p: p.stat().st_mtime_ns for p in caches}
        ruleset._shipped_parsed.cache_clear()
        ruleset._cached_parse(".txt", "w.txt")  # a third start of install b: a cache hit, nothing rewritten
        assert {p: p.stat().st_mtime_ns for p in tmp_path.glob("rules-*.pickle")} == mtimes
    finally:
        ruleset._shipped_parsed.cache_clear()


@pytest.mark.parametrize("name", [n for n in shipped_files() if n.endswith(".yaml")
                                  and (ruleset.load_yaml(n) or {}).get("rules")
                                  and n not in ("claims.yaml",)])  # claims.py compiles its own
def test_every_shipped_rule_compiles(name):
    """Rules compile on first use; every shipped one must compile and match something."""
    assert all(rule.pattern is not None for rule in ruleset.check_rules(name))
