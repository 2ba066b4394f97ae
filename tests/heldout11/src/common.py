"""Reuse the shared annotation helper (tests/heldout/src/h.py)."""
import os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "heldout", "src"))
from h import Doc  # noqa: E402
OUT = os.path.abspath(os.path.join(HERE, ".."))
_claim = Doc.claim
def _int_claim(s, text, value, *a, **kw):
    """Integral floats (1.6e12) are written as ints, as in the earlier sets."""
    if isinstance(value, float) and value.is_integer(): value = int(value)
    if isinstance(kw.get("vmax"), float) and kw["vmax"].is_integer(): kw["vmax"] = int(kw["vmax"])
    return _claim(s, text, value, *a, **kw)
Doc.claim = _int_claim
