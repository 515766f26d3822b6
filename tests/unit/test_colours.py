"""Colour is never the only cue, and the colours that carry meaning stay apart for every student:
node kinds and ∇ / −∇, compared in CAM02-UCS with full deuteranopia, protanopia and tritanopia
simulated (colorspacious), and text on every fill at WCAG AA contrast or better."""

import itertools

import numpy as np
import pytest
from colorspacious import cspace_convert, deltaE

from viz.graph_style import KIND_CUES, THEMES
from viz.plot_style import DESCENT_COLOR, GRAD_COLOR

VISION = [None, "deuteranomaly", "protanomaly", "tritanomaly"]
APART = 12.0  # ΔE in CAM02-UCS: two colours any student tells apart at a glance
KINDS = ("leaf", "op", "output", "constant")


def rgb(hex_colour: str) -> np.ndarray:
    h = hex_colour.lstrip("#")
    return np.array([int(h[i : i + 2], 16) for i in (0, 2, 4)]) / 255


def seen(colour: np.ndarray, vision: str | None) -> np.ndarray:
    if vision is None:
        return colour
    cvd = {"name": "sRGB1+CVD", "cvd_type": vision, "severity": 100}
    return np.clip(cspace_convert(colour, cvd, "sRGB1"), 0, 1)


def contrast(a: np.ndarray, b: np.ndarray) -> float:
    def luminance(c: np.ndarray) -> float:
        lin = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
        return float(0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2])

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("theme", list(THEMES))
@pytest.mark.parametrize("vision", VISION)
def test_node_kinds_stay_apart_in_every_vision(theme: str, vision: str | None) -> None:
    t = THEMES[theme]
    for a, b in itertools.combinations(KINDS, 2):
        d = deltaE(seen(rgb(t.fill(a)), vision), seen(rgb(t.fill(b)), vision), input_space="sRGB1")
        assert d >= APART, (theme, vision, a, b, round(d, 1))


@pytest.mark.parametrize("vision", VISION)
def test_gradient_and_descent_arrows_stay_apart(vision: str | None) -> None:
    assert deltaE(seen(rgb(GRAD_COLOR), vision), seen(rgb(DESCENT_COLOR), vision), input_space="sRGB1") >= 30


@pytest.mark.parametrize("theme", list(THEMES))
def test_text_on_every_fill_meets_wcag_aa(theme: str) -> None:
    t = THEMES[theme]
    assert all(contrast(rgb(t.font), rgb(t.fill(kind))) >= 4.5 for kind in KINDS)


def test_every_kind_has_a_cue_besides_colour() -> None:
    cues = {kind: tuple(sorted(KIND_CUES[kind].items())) for kind in KINDS}
    assert len(set(cues.values())) == len(KINDS)  # four different outlines


def test_the_check_can_fail() -> None:
    """The old palette: light green output and pale yellow constants merge for a tritanope."""
    old = {"op": "#e6e6e6", "constant": "#fff5cc"}
    d = deltaE(
        seen(rgb(old["op"]), "tritanomaly"), seen(rgb(old["constant"]), "tritanomaly"), input_space="sRGB1"
    )
    assert d < APART
