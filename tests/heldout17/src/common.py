"""Reuse the shared annotation helper (tests/heldout/src/h.py)."""
import os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "heldout", "src"))
from h import Doc  # noqa: E402
OUT = os.path.abspath(os.path.join(HERE, ".."))
