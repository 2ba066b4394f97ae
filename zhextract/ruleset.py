"""Load the declarative data in `zhextract/rules/`, check it, and cache it.

Rule files are YAML with `fragments` (named sub-patterns), `lists` (named
lists for the `regex` module's ``\\L<name>``, given inline or as a data file)
and `rules` (each an `id` and a `pattern`). Patterns are expanded and compiled
once, when first asked for; a bad rule fails at load time with its file and id.
Lexicons are sorted plain text or TSV with a header line; `#` starts a comment.

The shipped data files, parsed, are kept in one pickle in the user cache folder
(`cache_dir()`), keyed by the files' names, sizes and times: it loads in a
fifth of the time parsing takes, and start-up counts once per worker process.
"""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any, Callable, TypeVar

import regex

from .errors import RuleError
from .regex_cache import compile_regex

RULES_DIR = Path(__file__).parent / "rules"
_SHIPPED_RULES = RULES_DIR  # only these are cached: a RULES_DIR swapped by a test is parsed as is
T = TypeVar("T")
# Guard against catastrophic backtracking on hostile input (seconds per match call).
MATCH_TIMEOUT = 2.0


def rules_path(name: str) -> Path:
    return RULES_DIR / name


def cache_dir() -> Path:
    """The user cache folder: $ZHEXTRACT_CACHE, else $XDG_CACHE_HOME/zhextract, else
    ~/.cache/zhextract; the temp folder when it cannot be made."""
    base = os.environ.get("ZHEXTRACT_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache"), "zhextract"
    )
    path = Path(base)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        import tempfile

        path = Path(tempfile.gettempdir())
    return path


def cached(path: Path, build: Callable[[], T], replaces: str | None = None) -> T:
    """`build()`'s result kept as a pickle at `path`: read from there when it can
    be, else built and written by `write_pickle` (which first removes the files
    matching `replaces`)."""
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except Exception:  # missing, truncated or from another version: build it again
        pass
    value = build()
    write_pickle(path, value, replaces)
    return value


def write_pickle(path: Path, value: Any, replaces: str | None = None) -> None:
    """`value` pickled to `path` atomically (parallel workers never read half a file),
    after removing the other files of `path`'s folder matching the glob `replaces`
    (a cache's stale versions); a read-only folder only costs time."""
    for stale in path.parent.glob(replaces) if replaces else ():
        if stale != path:
            try:
                stale.unlink()
            except OSError:
                pass
    try:
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass


_MISSING = object()


def install_id() -> str:
    """A short id of this installation (its folder): each install keeps its own cache
    files, so two installs (two venvs, a checkout beside a release) never delete each
    other's at every start."""
    return hashlib.sha1(str(_SHIPPED_RULES.resolve()).encode()).hexdigest()[:8]


@functools.lru_cache(maxsize=1)
def _shipped_parsed() -> dict[tuple[str, str], Any]:
    """(loader, file name) -> parsed content of every shipped data file, through the cache."""
    files = sorted((p.name, st.st_size, st.st_mtime_ns) for p in _SHIPPED_RULES.iterdir()
                   if p.suffix in _PARSERS for st in (p.stat(),))
    me = Path(__file__).stat()  # a change to the parsers below makes a new cache
    key = hashlib.sha1(repr((files, me.st_size, me.st_mtime_ns, sys.version_info[:2])).encode()).hexdigest()
    path = cache_dir() / f"rules-{install_id()}-{key[:16]}.pickle"
    return cached(path, _parse_all, replaces=f"rules-{install_id()}-*.pickle")  # this install's earlier files


def _parse_all() -> dict[tuple[str, str], Any]:
    parsed = {}
    for p in sorted(_SHIPPED_RULES.iterdir()):
        parse = _PARSERS.get(p.suffix)
        if parse is None or p.name.startswith("LICENSE"):
            continue
        try:
            parsed[(p.suffix, p.name)] = parse(p.name)
        except RuleError:
            pass  # not cached: the loader asked for it raises the error itself
    return parsed


def _cached_parse(suffix: str, name: str) -> Any:
    if RULES_DIR != _SHIPPED_RULES:
        return _MISSING
    return _shipped_parsed().get((suffix, name), _MISSING)


@functools.lru_cache(maxsize=None)
def load_yaml(name: str) -> Any:
    hit = _cached_parse(".yaml", name)
    return _parse_yaml(name) if hit is _MISSING else hit


def _parse_yaml(name: str) -> Any:
    import yaml

    path = rules_path(name)
    # libyaml's loader parses our rule files ten times faster than the pure-Python
    # one: it is most of the start-up time otherwise.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with open(path, encoding="utf-8") as f:
            return yaml.load(f, Loader=loader)
    except (OSError, yaml.YAMLError) as e:
        raise RuleError(f"{path}: {e}") from e


def _data_lines(name: str):
    path = rules_path(name)
    try:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                yield n, line
    except OSError as e:
        raise RuleError(f"{path}: {e}") from e


@functools.lru_cache(maxsize=None)
def load_lines(name: str) -> tuple[str, ...]:
    """A plain word list: one entry a line."""
    hit = _cached_parse(".txt", name)
    return _parse_lines(name) if hit is _MISSING else hit


def _parse_lines(name: str) -> tuple[str, ...]:
    return tuple(line.strip() for _, line in _data_lines(name))


@functools.lru_cache(maxsize=None)
def load_tsv(name: str) -> tuple[dict[str, str], ...]:
    """A TSV with a header line; every row must have as many fields as the header."""
    hit = _cached_parse(".tsv", name)
    return _parse_tsv(name) if hit is _MISSING else hit


def _parse_tsv(name: str) -> tuple[dict[str, str], ...]:
    rows = _data_lines(name)
    try:
        _, header_line = next(rows)
    except StopIteration:
        return ()
    header = header_line.split("\t")
    out = []
    for n, line in rows:
        cells = line.split("\t")
        if len(cells) < len(header):
            cells += [""] * (len(header) - len(cells))
        if len(cells) > len(header):
            raise RuleError(f"{rules_path(name)}:{n}: {len(cells)} fields, header has {len(header)}")
        out.append(dict(zip(header, cells)))
    return tuple(out)


_PARSERS: dict[str, Callable[[str], Any]] = {".yaml": _parse_yaml, ".txt": _parse_lines, ".tsv": _parse_tsv}


class Rule:
    """One rule of a rule file: its `id`, `meta` (the file's other keys for it) and
    `pattern`, compiled when first used, so that start-up pays only for the rules a
    text needs. A pattern that does not compile, or matches the empty string, raises
    RuleError naming the file and the rule then (`check_rules` compiles them all)."""

    __slots__ = ("id", "meta", "source", "_lists", "_path", "_pattern")

    def __init__(self, id: str, source: str, meta: dict, lists: dict[str, list[str]], path: Path) -> None:
        self.id, self.meta, self.source = id, meta, source
        self._lists, self._path, self._pattern = lists, path, None

    @property
    def pattern(self) -> "regex.Pattern[str]":
        if self._pattern is None:
            try:
                # ignore_unused: a file's named lists are offered to every rule in it.
                pattern = compile_regex(self.source, regex.V0, ignore_unused=True, **self._lists)
            except (regex.error, TypeError, ValueError) as e:
                raise RuleError(f"{self._path}: rule {self.id}: {e}") from e
            if pattern.fullmatch(""):
                raise RuleError(f"{self._path}: rule {self.id}: pattern matches the empty string")
            self._pattern = pattern
        return self._pattern


@functools.lru_cache(maxsize=None)
def load_rules(name: str) -> tuple[Rule, ...]:
    """The `rules` of a YAML rule file, `{fragment}`s expanded, `\\L<list>`s given
    their lists; ids and fragments are checked here, patterns on first use."""
    spec = load_yaml(name) or {}
    path = rules_path(name)
    fragments: dict[str, str] = dict(spec.get("fragments") or {})
    lists = {k: _load_list(v, path, k) for k, v in (spec.get("lists") or {}).items()}

    def expand(text: str, rule_id: str, depth: int = 0) -> str:
        if depth > 10:
            raise RuleError(f"{path}: rule {rule_id}: fragments nest too deep")

        def sub(m: "regex.Match[str]") -> str:
            key = m.group(1)
            if key not in fragments:
                raise RuleError(f"{path}: rule {rule_id}: unknown fragment {{{key}}}")
            return expand(fragments[key], rule_id, depth + 1)

        # {name} is a fragment; {2,3} and the like stay regex quantifiers.
        return regex.sub(r"\{([A-Za-z_][A-Za-z_0-9]*)\}", sub, text)

    rules, seen = [], set()
    for i, item in enumerate(spec.get("rules") or []):
        rule_id = item.get("id")
        if not rule_id:
            raise RuleError(f"{path}: rule #{i + 1} has no id")
        if rule_id in seen:
            raise RuleError(f"{path}: duplicate rule id {rule_id}")
        seen.add(rule_id)
        meta = {k: v for k, v in item.items() if k not in ("id", "pattern")}
        rules.append(Rule(rule_id, expand(item.get("pattern", ""), rule_id), meta, lists, path))
    return tuple(rules)


def check_rules(name: str) -> tuple[Rule, ...]:
    """`load_rules`, every pattern compiled now: a bad one raises RuleError."""
    rules = load_rules(name)
    for rule in rules:
        rule.pattern
    return rules


def _load_list(value: Any, path: Path, key: str) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, str):
        return list(load_lines(value))
    raise RuleError(f"{path}: list {key} must be a list or a file name")
