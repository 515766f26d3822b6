import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from viz.numbers import fmt, fmt_values, link_precision, url_number


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (6.0, "6.0000"),
        (-5.466781571308061, "-5.4668"),
        (-0.00001, "-1.0000e-05"),
        (-0.0, "0.0000"),
        (-0.00004999, "-4.9990e-05"),
        (0.0, "0.0000"),
        (1e-4, "0.0001"),
        (999999.0, "999999.0000"),
        (1e6, "1.0000e+06"),
        (-2.5e7, "-2.5000e+07"),
        (math.inf, "inf"),
        (-math.inf, "-inf"),
        (math.nan, "nan"),
    ],
)
def test_fmt(value: float, text: str) -> None:
    assert fmt(value) == text


def test_tiny_negative_rounding_to_zero_never_shows_minus() -> None:
    # -0.00004 would be "-0.0000" in fixed notation; it is shown in scientific instead,
    # and a value that rounds to zero in fixed notation never carries a sign.
    assert fmt(-0.00004) == "-4.0000e-05"
    assert not fmt(-1e-12).startswith("-0.0000")


def test_fmt_values_scalar_and_vector() -> None:
    assert fmt_values((0.41211849,)) == "0.4121"
    assert fmt_values((2 / 3, 4 / 3, 2.0)) == "[0.6667, 1.3333, 2.0000]"
    wrapped = fmt_values(tuple(float(i) for i in range(6)), per_line=4)
    assert wrapped.count("\n") == 1


@pytest.mark.parametrize(
    ("value", "text"),
    [(3.0, "3"), (6.7, "6.7"), (-0.0, "0"), (0.1 + 0.2, "0.30000000000000004"), (4.9e-324, "5e-324"),
     (1 / 3, "0.3333333333333333"), (link_precision(1 / 3), "0.333333"), (-2.5e-7, "-2.5e-07")],
)  # fmt: skip
def test_url_number_is_short_and_never_changes_the_value(value: float, text: str) -> None:
    assert url_number(value) == text
    assert float(text) == value


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_every_number_round_trips_through_a_link(value: float) -> None:
    assert float(url_number(value)) == value
