"""One view, assembled once per run from its link: the trace, the step shown, the
graph's DOT, the grid, the descent path and the figure. Pages only render it; the
export CLI assembles the same view.

The expensive pieces come from a ``Pieces`` object: the page passes one whose
methods are shared caches (``viz/ui/cache.py``), the CLI the plain computations.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol

from viz.backward import record
from viz.descent import Point, descend
from viz.frozen import frozen_view
from viz.graph_dot import to_dot
from viz.graph_style import PAGE_GRAPH, PRESENTER_GRAPH, GraphStyle
from viz.kinds import Coordinate
from viz.lesson import Lesson
from viz.notice import Notice
from viz.plot_style import PRESENTER_FONT
from viz.plots import figure_spec
from viz.scenario import Values, get
from viz.second import Hessian, hessian
from viz.state import ViewState, plotted
from viz.steps import at_step, clamp_step
from viz.surface import GRID_POINTS, Grid, compute_grid, fixed_values
from viz.trace import Trace


class Pieces(Protocol):
    def trace(self, scenario_id: str, values: Values, lab: Lesson) -> Trace: ...
    def grid(self, scenario_id: str, fixed: Values, axes: tuple[Coordinate, ...], points: int) -> Grid: ...
    def descent(
        self, scenario_id: str, values: Values, lr: float, steps: int, frozen: tuple[str, ...] = ()
    ) -> tuple[list[Point], str]: ...
    def dot(
        self, scenario_id: str, values: Values, lab: Lesson, step: int | None, style: GraphStyle
    ) -> str: ...
    def second(self, scenario_id: str, values: Values, frozen: tuple[str, ...]) -> Hessian: ...


class Computed:
    """The pieces computed afresh (the CLI, the tests)."""

    def trace(self, scenario_id: str, values: Values, lab: Lesson) -> Trace:
        scenario = frozen_view(get(scenario_id), lab.frozen)
        return record(scenario, values, lab.retain_grad, lab.ops, lab.retain_graph, lab.cut, lab.inplace)

    def grid(self, scenario_id: str, fixed: Values, axes: tuple[Coordinate, ...], points: int) -> Grid:
        return compute_grid(get(scenario_id), fixed, axes, points)

    def descent(
        self, scenario_id: str, values: Values, lr: float, steps: int, frozen: tuple[str, ...] = ()
    ) -> tuple[list[Point], str]:
        return descend(frozen_view(get(scenario_id), frozen), values, lr, steps)

    def dot(self, scenario_id: str, values: Values, lab: Lesson, step: int | None, style: GraphStyle) -> str:
        return draw_graph(self, scenario_id, values, lab, step, style)

    def second(self, scenario_id: str, values: Values, frozen: tuple[str, ...]) -> Hessian:
        return hessian(frozen_view(get(scenario_id), frozen), values)


def draw_graph(
    pieces: Pieces, scenario_id: str, values: Values, lab: Lesson, step: int | None, style: GraphStyle
) -> str:
    """The DOT of the trace at ``step``, from whatever trace ``pieces`` hold."""
    full = pieces.trace(scenario_id, values, lab)
    return to_dot(full if step is None else at_step(full, step), style)


@dataclass(frozen=True)
class Refused:
    """Inputs that cannot be computed (a custom expression that does not parse): the page
    says why and draws nothing else."""

    state: ViewState
    problem: str


@dataclass(frozen=True)
class View:
    state: ViewState
    notices: tuple[Notice, ...]
    formula: str  # LaTeX
    full: Trace  # the finished backward pass
    trace: Trace  # at the link's step
    axes: tuple[Coordinate, ...]
    grid: Grid
    path: tuple[Point, ...]
    descent_note: str
    figure: dict
    dot: str
    hessian: Hessian | None = None  # &order=2: second derivatives, three ways


def graph_style(state: ViewState) -> GraphStyle:
    base = PRESENTER_GRAPH if state.display.present else PAGE_GRAPH
    return replace(base, theme=state.display.theme, saved=state.display.saved)


def assemble(state: ViewState, pieces: Pieces, phone: bool = False) -> View | Refused:
    """Everything the view shows; a step past the end is clamped here, before the link is written.
    ``phone``: the window is a phone's, held at arm's length: presenter mode keeps the page's type."""
    scenario, values, lesson = state.scenario, state.values, state.lesson
    problem = scenario.problem(values) if scenario.problem else None
    if problem:
        return Refused(state, problem)
    full = pieces.trace(scenario.id, values, lesson.lab())
    notices: tuple[Notice, ...] = ()
    if lesson.step is not None:
        step, message = clamp_step(lesson.step, full)
        if message:
            notices, state = (Notice("step", message),), state.with_step(step)
    trace = full if state.lesson.step is None else at_step(full, state.lesson.step)
    axes = plotted(scenario, values, state.axes)
    grid = pieces.grid(scenario.id, fixed_values(values, axes), axes, GRID_POINTS[state.plot])
    path, note = (
        pieces.descent(scenario.id, values, lesson.lr, lesson.gd, lesson.frozen) if lesson.gd else ([], "")
    )
    font = PRESENTER_FONT if state.display.present and not phone else 0
    second = pieces.second(scenario.id, values, lesson.frozen) if lesson.order == 2 else None
    curvature = _curvature(second, scenario.coordinates(values), axes)
    figure = figure_spec(
        state.plot, scenario, values, trace, grid, state.display.theme, path, font, curvature
    )
    dot = pieces.dot(scenario.id, values, lesson.lab(), state.lesson.step, graph_style(state))
    formula = scenario.describe(values) if scenario.describe else scenario.formula
    return View(state, notices, formula, full, trace, axes, grid, tuple(path), note, figure, dot, second)


def _curvature(
    second: Hessian | None, coordinates: list[Coordinate], axes: tuple[Coordinate, ...]
) -> float | None:
    """d²f/dx² along the curve's one axis (the Hessian's diagonal entry there)."""
    if second is None or len(axes) != 1 or axes[0] not in coordinates:
        return None
    k = coordinates.index(axes[0])
    return second.autograd[k][k]


def curvature_of(view: View) -> float | None:
    """The view's d²f/dx² along its curve's axis (``&order=2``), or None."""
    return _curvature(view.hessian, view.state.scenario.coordinates(view.state.values), view.axes)


def gradient_row(state: ViewState) -> Coordinate:
    """The entry of the gradient the page differentiates: the link's ``row``, else the first."""
    coordinates = state.scenario.coordinates(state.values)
    return next((c for c in coordinates if c.token == state.lesson.row), coordinates[0])
