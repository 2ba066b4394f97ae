"""One small exception family. The library raises; only the CLI prints."""
from __future__ import annotations


class ZhextractError(Exception):
    """Base of every error zhextract raises on purpose."""


class RuleError(ZhextractError):
    """A rule or lexicon file is malformed; the message names the file and the rule."""


class InputError(ZhextractError):
    """An input could not be read; the message names the file and the line."""


class SegmenterError(ZhextractError):
    """The segmenter cannot be built (a missing pkuseg model, say)."""


class RuleTimeout(ZhextractError):
    """A rule ran past its time guard on hostile input."""
