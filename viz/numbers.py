"""One number format for everything a user reads: page, graph, exports, code.

Students compare figures across the page, the graph and the notebook, so every
place must print the same value the same way.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

SCI_HIGH = 1e6
SCI_LOW = 1e-4


def fmt(value: float) -> str:
    """Fixed 4 decimals; scientific for huge or tiny magnitudes; never ``-0.0000``."""
    v = float(value)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    magnitude = abs(v)
    if magnitude >= SCI_HIGH or (0 < magnitude < SCI_LOW):
        return f"{v:.4e}"
    text = f"{v:.4f}"
    return "0.0000" if text == "-0.0000" else text


def fmt_values(values: Sequence[float], per_line: int = 0) -> str:
    """A scalar as ``fmt``; a vector as ``[a, b, c]`` (wrapped every ``per_line``)."""
    if len(values) == 1:
        return fmt(values[0])
    parts = [fmt(v) for v in values]
    if per_line <= 0:
        return "[" + ", ".join(parts) + "]"
    rows = [", ".join(parts[i : i + per_line]) for i in range(0, len(parts), per_line)]
    return "[" + ",\n ".join(rows) + "]"


def fmt_sig(value: float, digits: int = 7) -> str:
    """Significant digits, for factors whose product the page also prints: rounded to 4
    decimals, 813.4058 × 0.0012 × 6.7 would not give the 6.6918 beside it."""
    return f"{float(value):.{digits}g}"


LINK_DECIMALS = 6


def url_number(value: float) -> str:
    """Canonical text of a number in a link: at most 6 decimals and no trailing zeros when
    that is the same number, else the shortest text that is (``5e-324``): a link that
    round-trips never changes a value."""
    v = float(value)
    text = f"{round(v, LINK_DECIMALS):.{LINK_DECIMALS}f}".rstrip("0").rstrip(".")
    text = "0" if text in ("-0", "") else text
    return text if float(text) == v or not math.isfinite(v) else repr(v)


def link_precision(value: float) -> float:
    """A number from a widget rounded as a link writes it (the slider's 0.30000000000000004 is 0.3)."""
    return round(float(value), LINK_DECIMALS)
