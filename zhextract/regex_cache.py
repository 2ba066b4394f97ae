"""Compiled regular expressions kept between runs.

The `regex` module parses and compiles a pattern in Python: the rules' ~600
patterns cost about 0.13 s at every start, a quarter of the start-up, and paid
again by every process. A compiled `regex` pattern pickles as its compiled code
(unpickling does not parse the pattern again), so the patterns a run compiles
are kept in one pickle in the user cache folder and the next start reads them
(~0.01 s). Every pattern of the package is compiled through `compile_regex`.

The file is per installation, `regex` version and Python version; it is written
once, at exit, by the process that read it, and only when that process compiled
something new. A missing, unreadable or foreign file only costs the compile time.
"""
from __future__ import annotations

import atexit
import os
import pickle
import sys
import threading
from pathlib import Path
from typing import Any, Iterable

import regex

# Past this many patterns the file keeps only those the writing run used: patterns
# of earlier rule versions do not pile up.
MAX_STORED = 2000

_lock = threading.Lock()
_stored: dict[tuple, "regex.Pattern[str]"] | None = None  # read from the file on first use
_used: set[tuple] = set()
_reader_pid = 0
_changed = False


def compile_regex(pattern: str, flags: int = 0, ignore_unused: bool = False,
                  **named_lists: Iterable[str]) -> "regex.Pattern[str]":
    """`regex.compile(pattern, flags, ignore_unused, **named_lists)`, read from the
    cache file when an earlier run compiled the same pattern with the same lists."""
    key = (pattern, int(flags), ignore_unused,
           tuple(sorted((name, tuple(sorted(values))) for name, values in named_lists.items())))
    with _lock:
        stored = _stored if _stored is not None else _read()
        found = stored.get(key)
        _used.add(key)
        if found is not None:
            return found
    compiled = regex.compile(pattern, flags, ignore_unused=ignore_unused, **named_lists)
    with _lock:
        _remember(stored, key, compiled)
    return compiled


def cache_file() -> Path:
    from .ruleset import cache_dir, install_id

    version = f"{regex.__version__}-py{sys.version_info[0]}.{sys.version_info[1]}"
    return cache_dir() / f"regex-{install_id()}-{version}.pickle"


def _read() -> dict[tuple, Any]:
    global _stored, _reader_pid
    try:
        with open(cache_file(), "rb") as f:
            stored = pickle.load(f)
        if not isinstance(stored, dict):
            stored = {}
    except Exception:  # missing, truncated, from another version: compile as usual
        stored = {}
    _stored, _reader_pid = stored, os.getpid()
    return stored


def _remember(stored: dict, key: tuple, compiled: Any) -> None:
    global _changed
    stored[key] = compiled
    if not _changed:
        _changed = True
        atexit.register(_write)


def _write() -> None:
    """Write the patterns out (atomically); forked workers leave it to their parent."""
    if not _changed or os.getpid() != _reader_pid or _stored is None:
        return
    from .ruleset import write_pickle

    path = cache_file()
    keep = _stored if len(_stored) <= MAX_STORED else {k: v for k, v in _stored.items() if k in _used}
    write_pickle(path, keep, replaces=f"regex-{path.name.split('-')[1]}-*.pickle")  # other versions
