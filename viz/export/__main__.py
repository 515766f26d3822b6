"""Batch export for slides: every scenario's graph and plots, in every format asked.

    python -m viz.export --scenario all --format svg,png,pdf --theme light --out slides/
    python -m viz.export --scenario logistic_bce --set w=2 --set b=-1 --steps --format svg
    python -m viz.export --scenario sin_square --format gif,mp4,pptx,handout --frame-ms 1200
    python -m viz.export --scenario sin_square --set x=1 --set gd=20 --format gif,mp4

Exit codes: 0 written, 2 bad arguments or unknown scenario, 3 a renderer is missing
(checked before anything is written).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

import viz.catalog  # noqa: F401  (registers the scenarios)
from viz.export import (
    DOT_MISSING,
    GRAPH_FORMATS,
    MissingTool,
    file_name,
    find_dot,
    plot_export_problem,
    render_graph,
    render_plot,
)
from viz.export.animate import FRAME_MS
from viz.export.media import MEDIA_FORMATS, media_jobs
from viz.grad_graph import gradient_graph
from viz.graph_dot import to_dot
from viz.graph_style import THEMES, GraphStyle
from viz.plots import figure_spec
from viz.scenario import REGISTRY
from viz.state import ViewState, parse_query, plot_kinds, to_query
from viz.steps import at_step
from viz.view import Computed, Refused, assemble, curvature_of, gradient_row

Job = tuple[str, Callable[[], bytes]]


class UsageError(Exception):
    pass


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m viz.export", description=(__doc__ or "").split("\n\n")[0]
    )
    parser.add_argument("--scenario", default="all", help=f"all, or one of: {', '.join(REGISTRY)}")
    parser.add_argument(
        "--format", default="svg", help="comma-separated: svg,png,pdf (figures), gif,mp4,pptx,handout"
    )
    parser.add_argument(
        "--frame-ms", type=int, default=FRAME_MS, help="gif/mp4: each step's time on screen, 100-10000 ms"
    )
    parser.add_argument("--theme", default="light", help=f"one of: {', '.join(THEMES)}")
    parser.add_argument("--out", type=Path, default=Path("slides"))
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="any link parameter, e.g. --set x=6.7 or --set expr=x*y (repeatable)",
    )
    parser.add_argument("--steps", action="store_true", help="also one graph per backward step")
    parser.add_argument("--graph-only", action="store_true", help="skip the plots (no Chromium needed)")
    parser.add_argument(
        "--landscape", action="store_true", help="graphs laid out left to right (wide slides)"
    )
    parser.add_argument("--no-legend", action="store_true", help="graphs without the legend of node kinds")
    return parser.parse_args(argv)


def _overrides(items: list[str]) -> dict[str, str]:
    overrides = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(f"--set takes NAME=VALUE, got {item!r}")
        overrides[name] = value
    return overrides


def _states(args: argparse.Namespace) -> list[ViewState]:
    """One view per chosen scenario; a --set applies where the scenario has that parameter."""
    if args.scenario != "all" and args.scenario not in REGISTRY:
        raise UsageError(f"unknown scenario {args.scenario!r}; choose all or one of: {', '.join(REGISTRY)}")
    overrides = _overrides(args.set)
    states, used = [], set()
    for scenario_id in REGISTRY if args.scenario == "all" else [args.scenario]:
        state, _ = parse_query({"scenario": scenario_id, **overrides})
        known = {k: v for k, v in overrides.items() if k in to_query(state)}
        state, notices = parse_query({"scenario": scenario_id, **known})
        if notices:
            raise UsageError("; ".join(n.text for n in notices))
        states.append(replace(state, display=replace(state.display, theme=args.theme)))
        used |= set(known)
    if unused := set(overrides) - used:
        raise UsageError(f"--set {', '.join(sorted(unused))}: no such parameter in the chosen scenario(s)")
    return states


def _jobs(states: list[ViewState], args: argparse.Namespace, formats: list[str]) -> list[Job]:
    """(file name, render) pairs: nothing is rendered until the tools are known to exist."""
    jobs: list[Job] = []
    style = GraphStyle(theme=args.theme, legend=not args.no_legend, landscape=args.landscape)
    for state in states:
        view = assemble(state, Computed())
        if isinstance(view, Refused):
            raise UsageError(f"{state.scenario_id}: {view.problem}")
        steps = [None, *range(len(view.full.steps) + 1)] if args.steps else [state.lesson.step]
        drawn = replace(style, saved=state.display.saved)  # --set saved=1
        media = [f for f in formats if f in MEDIA_FORMATS]
        if media and args.graph_only and (state.lesson.gd or set(media) & {"pptx"}):
            raise UsageError("--graph-only: a descent animation and a deck draw the plot; drop it")
        jobs += media_jobs(view, media, args.frame_ms)
        figures = [f for f in formats if f in GRAPH_FORMATS]
        for step in steps if figures else []:
            dot_text = to_dot(view.full if step is None else at_step(view.full, step), drawn)
            for ext in figures:
                name = file_name(state.with_step(step), drawn.file_kind, ext)
                jobs.append((name, partial(render_graph, dot_text, ext)))
        if state.lesson.order == 2:
            jobs += _gradient_jobs(state, drawn, figures)
        if args.graph_only:
            continue
        for kind in plot_kinds(len(view.axes)):
            fig = figure_spec(
                kind, state.scenario, state.values, view.trace, view.grid, args.theme, view.path, 0,
                curvature_of(view),
            )  # fmt: skip
            for ext in figures:
                jobs.append((file_name(state, kind, ext), partial(render_plot, fig, ext)))
    return jobs


def _gradient_jobs(state: ViewState, style: GraphStyle, formats: list[str]) -> list[Job]:
    """``--set order=2``: the graph of the gradient's entry (``row``), as backward() filled it."""
    graph = gradient_graph(state.scenario, state.values, gradient_row(state))
    if isinstance(graph, str):  # the gradient does not depend on any input: no graph to draw
        return []
    dot_text = to_dot(graph, style)
    kind = style.file_kind.replace("graph", "gradient_graph", 1)
    return [(file_name(state, kind, ext), partial(render_graph, dot_text, ext)) for ext in formats]


def _progress(done: int, total: int, name: str) -> None:
    width = 30
    filled = round(width * done / total)
    print(
        f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name[:60]:<60}", end="", file=sys.stderr
    )


def main(argv: list[str] | None = None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)
    try:
        formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
        bad = [f for f in formats if f not in (*GRAPH_FORMATS, *MEDIA_FORMATS)]
        if bad or not formats:
            choices = ", ".join((*GRAPH_FORMATS, *MEDIA_FORMATS))
            raise UsageError(f"--format {args.format!r}: choose from {choices}")
        if not 100 <= args.frame_ms <= 10_000:
            raise UsageError(f"--frame-ms {args.frame_ms}: choose 100 to 10000")
        if args.theme not in THEMES:
            raise UsageError(f"--theme {args.theme!r}: choose from {', '.join(THEMES)}")
        states = _states(args)
        jobs = _jobs(states, args, formats)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    missing = [DOT_MISSING] if find_dot() is None else []
    problem = None if args.graph_only else plot_export_problem()
    if problem:
        missing.append(problem + " (or pass --graph-only)")
    if missing:
        print("error: " + "\nerror: ".join(missing), file=sys.stderr)
        return 3
    args.out.mkdir(parents=True, exist_ok=True)
    written = []
    for done, (name, render) in enumerate(jobs, start=1):
        try:
            data = render()
        except MissingTool as error:
            print(f"\nerror: {error}", file=sys.stderr)
            return 3
        path = args.out / name
        path.write_bytes(data)
        written.append((path, len(data)))
        _progress(done, len(jobs), name)
    print(file=sys.stderr)
    print(f"wrote {len(written)} files to {args.out}/:")
    for path, size in written:
        print(f"  {path.name}  ({size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
