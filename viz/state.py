"""The URL is the state: parse query parameters into a validated view, and back.

Bad values never raise: each falls back to a default or is clamped, and a
``Notice`` names the parameter so the page can say what happened.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from viz.display import KEYS as DISPLAY_KEYS
from viz.display import Display, display_query, parse_display
from viz.lesson import KEYS as LESSON_KEYS
from viz.lesson import Lesson, lesson_query, parse_lesson
from viz.notice import Notice
from viz.numbers import fmt, url_number
from viz.scenario import REGISTRY, Input, Scenario, Value, default_id, get

SCENARIO_KEY = "scenario"
AXES_KEY = "axes"
PLOT_KEY = "plot"
PLOT_KINDS_1D = ("curve",)
PLOT_KINDS_2D = ("contour", "surface3d")


@dataclass(frozen=True)
class ViewState:
    scenario: str
    values: Mapping[str, Value]
    axes: tuple[int, ...] = ()
    plot: str = ""
    lesson: Lesson = field(default_factory=Lesson)
    display: Display = field(default_factory=Display)

    @property
    def spec(self) -> Scenario:
        return get(self.scenario)

    def with_step(self, step: int | None) -> ViewState:
        return replace(self, lesson=replace(self.lesson, step=step))

    def with_value(self, name: str, value: Value) -> ViewState:
        values = dict(self.values)
        values[name] = value
        return normalise(replace(self, values=values))


def default_axes(n: int) -> tuple[int, ...]:
    return (0, 1) if n >= 2 else (0,)


def plot_kinds(spec: Scenario, axes: tuple[int, ...]) -> tuple[str, ...]:
    """Which figures a view offers: a curve for one plotted input, else contour or 3D."""
    n_axes = sum(len(axes) if spec.input(name).kind == "vector" else 1 for name in spec.plot_inputs)
    return PLOT_KINDS_1D if n_axes == 1 else PLOT_KINDS_2D


def _plot_for(spec: Scenario, axes: tuple[int, ...], text: str | None, notices: list[Notice]) -> str:
    kinds = plot_kinds(spec, axes)
    if text is None or text in kinds:
        return text or kinds[0]
    notices.append(Notice(PLOT_KEY, f"`plot={text}` is not one of {', '.join(kinds)}; using {kinds[0]}"))
    return kinds[0]


def default_state(scenario_id: str | None = None) -> ViewState:
    spec = get(scenario_id or default_id())
    values = spec.defaults()
    axes = _axes_for(spec, values, None, [])
    return ViewState(spec.id, values, axes, plot_kinds(spec, axes)[0])


def _parse_float(text: str, spec: Input, param: str, notices: list[Notice]) -> float | None:
    try:
        value = float(text)
    except ValueError:
        notices.append(Notice(param, f"`{param}={text}` is not a number"))
        return None
    if not math.isfinite(value):
        notices.append(Notice(param, f"`{param}={text}` is not a finite number"))
        return None
    if not spec.lo <= value <= spec.hi:
        clamped = min(max(value, spec.lo), spec.hi)
        notices.append(
            Notice(
                param,
                f"`{param}={text}` is outside [{fmt(spec.lo)}, {fmt(spec.hi)}]; clamped to {fmt(clamped)}",
            )
        )
        return clamped
    return value


MAX_EXPR_TEXT = 1000  # validation proper (and its message) happens in viz.expression


def _parse_input(spec: Input, text: str, notices: list[Notice]) -> Value:
    name = spec.name
    if spec.kind == "expr":
        if len(text) > MAX_EXPR_TEXT:
            notices.append(Notice(name, f"`{name}` is {len(text)} characters long; cut to {MAX_EXPR_TEXT}"))
        return text[:MAX_EXPR_TEXT]
    if spec.kind == "label":
        value = _parse_float(text, spec, name, notices)
        if value is None or value not in (0.0, 1.0):
            if value is not None:
                notices.append(Notice(name, f"`{name}={text}` must be 0 or 1"))
            notices[-1] = Notice(name, notices[-1].message + f"; using {url_number(spec.default)}")
            return spec.default
        return value
    if spec.kind == "vector":
        parts = [p.strip() for p in text.split(",")]
        if len(parts) > spec.max_len:
            notices.append(Notice(name, f"`{name}` has {len(parts)} elements; kept the first {spec.max_len}"))
            parts = parts[: spec.max_len]
        elements: list[float] = []
        for i, part in enumerate(parts):
            value = _parse_float(part, spec, f"{name}[{i}]", notices)
            if value is None:
                notices[-1] = Notice(name, notices[-1].message + "; element dropped")
                continue
            elements.append(value)
        if not elements:
            notices.append(Notice(name, f"`{name}` has no valid element; using the default"))
            return spec.default
        return tuple(elements)
    value = _parse_float(text, spec, name, notices)
    if value is None:
        notices[-1] = Notice(name, notices[-1].message + f"; using {url_number(spec.default)}")
        return spec.default
    return value


def _vector_length(spec: Scenario, values: Mapping[str, Value]) -> int:
    vectors = [values[i.name] for i in spec.inputs if i.kind == "vector"]
    return len(vectors[0]) if vectors else 0  # type: ignore[arg-type]


def _axes_for(
    spec: Scenario, values: Mapping[str, Value], text: str | None, notices: list[Notice]
) -> tuple[int, ...]:
    n = _vector_length(spec, values)
    if n == 0:
        if text is not None:
            notices.append(Notice(AXES_KEY, f"`axes` does not apply to {spec.id}; ignored"))
        return ()
    fallback = default_axes(n)
    if text is None:
        return fallback
    try:
        axes = tuple(int(p) for p in text.split(","))
    except ValueError:
        axes = ()
    wanted = 1 if n == 1 else 2
    if len(axes) != wanted or len(set(axes)) != wanted or not all(0 <= a < n for a in axes):
        notices.append(
            Notice(
                AXES_KEY,
                f"`axes={text}` must name {wanted} different element(s) between 0 and {n - 1}; "
                f"using {','.join(map(str, fallback))}",
            )
        )
        return fallback
    return axes


def parse_query(query: Mapping[str, str]) -> tuple[ViewState, list[Notice]]:
    """Validate a query (``{"scenario": "square", "x": "3"}``) into a state."""
    notices: list[Notice] = []
    scenario_id = query.get(SCENARIO_KEY, default_id())
    if scenario_id not in REGISTRY:
        notices.append(
            Notice(
                SCENARIO_KEY,
                f"unknown scenario `{scenario_id}`; choose one of {', '.join(REGISTRY)}. "
                f"Showing {default_id()}",
            )
        )
        scenario_id = default_id()
        query = {}
    spec = get(scenario_id)
    values: dict[str, Value] = {}
    for input_spec in spec.inputs:
        text = query.get(input_spec.name)
        values[input_spec.name] = (
            input_spec.default if text is None else _parse_input(input_spec, text, notices)
        )
    axes = _axes_for(spec, values, query.get(AXES_KEY), notices)
    plot = _plot_for(spec, axes, query.get(PLOT_KEY), notices)
    lesson = parse_lesson(query, notices)
    display = parse_display(query, notices, lesson)
    known = {SCENARIO_KEY, AXES_KEY, PLOT_KEY, *LESSON_KEYS, *DISPLAY_KEYS}
    known |= {i.name for i in spec.inputs}
    for key in query:
        if key not in known:
            notices.append(Notice(key, f"parameter `{key}` does not apply to {spec.id}; ignored"))
    return ViewState(scenario_id, values, axes, plot, lesson, display), notices


def normalise(state: ViewState) -> ViewState:
    """Re-derive what depends on the values (axes follow the vector's length)."""
    spec = state.spec
    n = _vector_length(spec, state.values)
    axes = state.axes if state.axes and all(a < n for a in state.axes) else ()
    if n and (not axes or len(axes) != min(n, 2)):
        axes = default_axes(n)
    axes = axes if n else ()
    kinds = plot_kinds(spec, axes)
    return replace(state, axes=axes, plot=state.plot if state.plot in kinds else kinds[0])


def to_query(state: ViewState) -> dict[str, str]:
    """The full canonical query: every input, always, in registry order."""
    query = {SCENARIO_KEY: state.scenario}
    for spec in state.spec.inputs:
        value = state.values[spec.name]
        if isinstance(value, str):
            query[spec.name] = value
        elif isinstance(value, tuple):
            query[spec.name] = ",".join(url_number(v) for v in value)
        else:
            query[spec.name] = url_number(value)
    if state.axes:
        query[AXES_KEY] = ",".join(str(a) for a in state.axes)
    query[PLOT_KEY] = state.plot
    query.update(lesson_query(state.lesson))
    query.update(display_query(state.display))
    return query
