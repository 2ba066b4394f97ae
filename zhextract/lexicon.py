"""User lexicons (`--lexicon FILE`): TSV lines `surface<TAB>type<TAB>canonical`.

They let a user teach the tool names of their region (a local business
register, say) without code changes. `type` is one of company, organization,
project, person, place; `canonical` may be empty (the surface is its own name).
A header line `surface	type	canonical` is allowed; `#` starts a comment.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

LEXICON_TYPES = ("company", "organization", "project", "person", "place")


@dataclass
class UserLexicon:
    # surface -> (type, canonical name)
    entries: dict[str, tuple[str, str]] = field(default_factory=dict)

    def of_type(self, kind: str) -> dict[str, str]:
        """surface -> canonical for one type."""
        return {s: c for s, (t, c) in self.entries.items() if t == kind}

    def __bool__(self) -> bool:
        return bool(self.entries)


def load_user_lexicon(paths: list[str] | tuple[str, ...]) -> UserLexicon:
    lexicon = UserLexicon()
    for path in paths:
        try:
            lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as e:
            raise InputError(f"{path}: cannot read lexicon: {e}") from e
        for n, line in enumerate(lines, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = line.split("\t")
            if n == 1 and cells[:2] == ["surface", "type"]:
                continue
            if len(cells) < 2 or not cells[0].strip():
                raise InputError(f"{path}:{n}: expected surface<TAB>type<TAB>canonical")
            surface, kind = cells[0].strip(), cells[1].strip()
            if kind not in LEXICON_TYPES:
                raise InputError(f"{path}:{n}: type {kind!r} is not one of {', '.join(LEXICON_TYPES)}")
            canonical = cells[2].strip() if len(cells) > 2 and cells[2].strip() else surface
            lexicon.entries[surface] = (kind, canonical)
    return lexicon
