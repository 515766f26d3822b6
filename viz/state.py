"""The URL is the state: parse query parameters into a validated view, and back.

Bad values never raise: each input's kind reads its own text (``viz.kinds``) and
falls back or clamps, and a ``Notice`` names the parameter so the page can say
what happened. Messages quote link text only through ``echo`` (short, quoted);
the page shows them as plain text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from viz.cut import parse_cut
from viz.display_options import KEYS as DISPLAY_KEYS
from viz.display_options import Display, display_query, parse_display
from viz.frozen import frozen_view, parse_frozen
from viz.inplace import parse_inplace
from viz.kinds import Coordinate, Value, as_float, echo
from viz.lesson import KEYS as LESSON_KEYS
from viz.lesson import Lesson, lesson_query, parse_lesson
from viz.notice import Notice
from viz.scenario import REGISTRY, Input, Scenario, default_id, get
from viz.second_state import parse_order
from viz.seed import fit_seeds

SCENARIO_KEY = "scenario"
AXES_KEY = "axes"
PLOT_KEY = "plot"
PLOT_KINDS_1D = ("curve",)
PLOT_KINDS_2D = ("contour", "surface3d")
MAX_LISTED_KEYS = 3
Query = Mapping[str, str] | Iterable[tuple[str, str]]


@dataclass(frozen=True)
class ViewState:
    scenario_id: str
    values: Mapping[str, Value]
    axes: tuple[str, ...] = ()  # coordinate tokens on the plot's axes
    plot: str = ""
    lesson: Lesson = field(default_factory=Lesson)
    display: Display = field(default_factory=Display)

    @property
    def scenario(self) -> Scenario:
        return frozen_view(get(self.scenario_id), self.lesson.frozen)

    @property
    def inputs(self) -> tuple[Input, ...]:
        return self.scenario.inputs_for(self.values)

    def with_step(self, step: int | None) -> ViewState:
        return replace(self, lesson=replace(self.lesson, step=step))

    def with_value(self, name: str, value: Value) -> ViewState:
        values = dict(self.values)
        values[name] = value
        return normalise(replace(self, values=values))


def plot_kinds(coordinates: int) -> tuple[str, ...]:
    """Which figures a view offers: a curve for one plotted number, else contour or 3D."""
    return PLOT_KINDS_1D if coordinates == 1 else PLOT_KINDS_2D


def plotted(scenario: Scenario, values: Mapping[str, Value], axes: tuple[str, ...]) -> tuple[Coordinate, ...]:
    """The coordinates on the plot's axes, in the link's order."""
    by_token = {c.token: c for c in scenario.coordinates(values)}
    return tuple(by_token[token] for token in axes if token in by_token)


def _default_axes(scenario: Scenario, values: Mapping[str, Value]) -> tuple[str, ...]:
    return tuple(c.token for c in scenario.coordinates(values)[:2])


def default_state(scenario_id: str | None = None) -> ViewState:
    scenario = get(scenario_id or default_id())
    values = scenario.defaults()
    axes = _default_axes(scenario, values)
    return ViewState(scenario.id, values, axes, plot_kinds(len(axes))[0], _lr(values, Lesson()))


def _axes_for(
    scenario: Scenario, values: Mapping[str, Value], text: str | None, notices: list[Notice]
) -> tuple[str, ...]:
    fallback = _default_axes(scenario, values)
    if text is None:
        return fallback
    tokens = tuple(t.strip() for t in text.split(","))
    known = [c.token for c in scenario.coordinates(values)]
    if len(tokens) != len(fallback) or len(set(tokens)) != len(tokens) or not set(tokens) <= set(known):
        wanted = "one of" if len(fallback) == 1 else "two different ones of"
        notices.append(
            Notice(
                AXES_KEY, f"{echo(text)} must name {wanted} {', '.join(known)}; using {','.join(fallback)}"
            )
        )
        return fallback
    return tokens


def _plot_for(axes: tuple[str, ...], text: str | None, notices: list[Notice]) -> str:
    kinds = plot_kinds(len(axes))
    if text is None or text in kinds:
        return text or kinds[0]
    notices.append(Notice(PLOT_KEY, f"{echo(text)} is not one of {', '.join(kinds)}; using {kinds[0]}"))
    return kinds[0]


def _single(query: Query, notices: list[Notice]) -> dict[str, str]:
    """One value per key; a key given twice is said, and its last value used (as the page would)."""
    pairs = list(query.items()) if isinstance(query, Mapping) else list(query)
    out: dict[str, str] = {}
    repeated: dict[str, int] = {}
    for key, value in pairs:
        if key in out:
            repeated[key] = repeated.get(key, 1) + 1
        out[key] = value
    for key, count in repeated.items():
        notices.append(Notice(key, f"given {count} times; using the last, {echo(out[key])}"))
    return out


def _inputs(scenario: Scenario, query: dict[str, str], notices: list[Notice]) -> dict[str, Value]:
    """The static inputs first, then the inputs they make (a custom expression's variables)."""
    values: dict[str, Value] = {}
    for inp in scenario.inputs:
        values[inp.name] = _read(inp, query, notices)
    for inp in scenario.inputs_for(values)[len(scenario.inputs) :]:
        values[inp.name] = inp.default if inp.derived else _read(inp, query, notices)
    notices += [Notice(name, message) for name, message in fit_seeds(scenario.inputs_for(values), values)]
    return values


def _read(inp: Input, query: dict[str, str], notices: list[Notice]) -> Value:
    text = query.get(inp.name)
    if text is None:
        return inp.default
    parsed = inp.kind.parse(text, inp.name, inp.default)
    notices += [Notice(inp.name, message) for message in parsed.messages]
    return parsed.value


def _unknown(scenario: Scenario, keys: list[str], notices: list[Notice]) -> None:
    """Keys that do not apply: each named, or many folded into one notice."""
    if len(keys) <= MAX_LISTED_KEYS:
        for key in keys:
            notices.append(Notice(key, f"does not apply to {scenario.id}; ignored"))
        return
    listed = ", ".join(echo(k) for k in keys[:MAX_LISTED_KEYS])
    notices.append(
        Notice("link", f"{len(keys)} parameters do not apply to {scenario.id} and were ignored: {listed}, …")
    )


def parse_query(query: Query) -> tuple[ViewState, list[Notice]]:
    """Validate a query (``{"scenario": "square", "x": "3"}``, or its pairs) into a state."""
    notices: list[Notice] = []
    given = _single(query, notices)
    scenario_id = given.get(SCENARIO_KEY, default_id())
    if scenario_id not in REGISTRY:
        notices.append(
            Notice(
                SCENARIO_KEY,
                f"unknown scenario {echo(scenario_id)}; choose one of {', '.join(REGISTRY)}. "
                f"Showing {default_id()}",
            )
        )
        scenario_id, given = default_id(), {}
    values = _inputs(get(scenario_id), given, notices)
    frozen = parse_frozen(get(scenario_id), values, given, notices)
    scenario = frozen_view(get(scenario_id), frozen)
    axes = _axes_for(scenario, values, given.get(AXES_KEY), notices)
    plot = _plot_for(axes, given.get(PLOT_KEY), notices)
    owned = {inp.name for inp in scenario.settable(values)}  # the network's lr is its own input
    lesson = parse_lesson({k: v for k, v in given.items() if k not in owned}, notices)
    lesson = _lr(values, lesson)
    cut, inplace = (
        parse_cut(scenario, values, given, notices),
        parse_inplace(scenario, values, given, notices),
    )
    lesson = replace(lesson, cut=cut, frozen=frozen, inplace=inplace)
    if lesson.cut is not None and lesson.gd:
        notices.append(
            Notice("gd", f"not run while the graph is cut ({lesson.cut.how}={echo(lesson.cut.name)})")
        )
        lesson = replace(lesson, gd=0)
    lesson = parse_order(scenario, values, lesson, given, notices)
    if scenario.seed:
        lesson = _vector_output(scenario, values, lesson, notices)
    display = parse_display(given, notices, lesson)
    if display.quiz and lesson.step is None:  # a quiz starts before the first backward step
        lesson = replace(lesson, step=0)
    known = {SCENARIO_KEY, AXES_KEY, PLOT_KEY, *LESSON_KEYS, *DISPLAY_KEYS, *owned}
    _unknown(scenario, [key for key in given if key not in known], notices)
    return ViewState(scenario_id, values, axes, plot, lesson, display), notices


def _vector_output(
    scenario: Scenario, values: Mapping[str, Value], lesson: Lesson, notices: list[Notice]
) -> Lesson:
    """A vector output: no descent (it needs one number to go down); without v, backward() raises
    before a cut, an in-place change or a second derivative could show anything."""
    seeded = scenario.seed_values(values) is not None
    how = lesson.cut.how if lesson.cut else "detach"
    drop = {
        "gd": lesson.gd > 0,
        "order": lesson.order == 2 and not seeded,
        how: lesson.cut is not None and not seeded,
        "inplace": lesson.inplace is not None and not seeded,
    }
    for key in (k for k, on in drop.items() if on):
        why = (
            "descent needs one number to go down"
            if key == "gd"
            else f"backward() raises without {scenario.seed}"
        )
        notices.append(Notice(key, f"not run: the output is a vector and {why}"))
    return replace(
        lesson,
        gd=0,
        order=1 if drop["order"] else lesson.order,
        cut=None if drop[how] else lesson.cut,
        inplace=None if drop["inplace"] else lesson.inplace,
    )


def _lr(values: Mapping[str, Value], lesson: Lesson) -> Lesson:
    """A network's ``lr`` is an input (its training's) and descent's too: one value, one meaning."""
    return replace(lesson, lr=as_float(values["lr"])) if "lr" in values else lesson


def normalise(state: ViewState) -> ViewState:
    """Re-derive what depends on the values: the inputs an expression makes (new ones at
    their start, gone ones dropped) and the plotted coordinates."""
    scenario = state.scenario
    values = {
        inp.name: inp.default if inp.derived else state.values.get(inp.name, inp.default)
        for inp in scenario.inputs_for(state.values)
    }
    fit_seeds(scenario.inputs_for(values), values)  # v and u follow x's length
    tokens = [c.token for c in scenario.coordinates(values)]
    axes = state.axes if state.axes and set(state.axes) <= set(tokens) else ()
    if len(axes) != min(len(tokens), 2):
        axes = tuple(tokens[:2])
    kinds = plot_kinds(len(axes))
    plot = state.plot if state.plot in kinds else kinds[0]
    return replace(state, values=values, axes=axes, plot=plot, lesson=_lr(values, state.lesson))


def to_query(state: ViewState) -> dict[str, str]:
    """The full canonical query: every input, always, in registry order."""
    query = {SCENARIO_KEY: state.scenario_id}
    for inp in state.scenario.settable(state.values):
        query[inp.name] = inp.kind.text(state.values[inp.name])
    query[AXES_KEY] = ",".join(state.axes)
    query[PLOT_KEY] = state.plot
    query.update(lesson_query(state.lesson))
    query.update(display_query(state.display))
    return query
