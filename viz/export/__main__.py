"""Batch export for slides: every scenario's graph and plots, in every format asked.

    python -m viz.export --scenario all --format svg,png,pdf --theme light --out slides/
    python -m viz.export --scenario logistic_bce --set w=2 --set b=-1 --steps --format svg

Exit codes: 0 written, 2 bad arguments or unknown scenario, 3 a renderer is missing
(checked before anything is written).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import viz  # noqa: F401  (registers the scenarios)
from viz.backward import trace
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
from viz.graph_dot import THEMES, to_dot
from viz.scenario import REGISTRY
from viz.state import ViewState, parse_query, plot_kinds, to_query
from viz.steps import at_step
from viz.surface import compute_grid, fixed_values, plot_axes
from viz.view import figure


class UsageError(Exception):
    pass


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m viz.export", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenario", default="all", help=f"all, or one of: {', '.join(REGISTRY)}")
    parser.add_argument("--format", default="svg", help="comma-separated: svg,png,pdf")
    parser.add_argument("--theme", default="light", help=f"one of: {', '.join(THEMES)}")
    parser.add_argument("--out", type=Path, default=Path("slides"))
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="an input as in a link, e.g. --set x=6.7 (repeatable)")  # fmt: skip
    parser.add_argument("--steps", action="store_true", help="also one graph per backward step")
    parser.add_argument("--graph-only", action="store_true", help="skip the plots (no Chromium needed)")
    return parser.parse_args(argv)


def _states(args: argparse.Namespace) -> list[ViewState]:
    if args.scenario != "all" and args.scenario not in REGISTRY:
        raise UsageError(f"unknown scenario {args.scenario!r}; choose all or one of: {', '.join(REGISTRY)}")
    overrides = {}
    for item in args.set:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(f"--set takes NAME=VALUE, got {item!r}")
        overrides[name] = value
    states = []
    for scenario_id in REGISTRY if args.scenario == "all" else [args.scenario]:
        known = {i.name for i in REGISTRY[scenario_id].inputs} | {"axes", "plot"}
        query = {"scenario": scenario_id, **{k: v for k, v in overrides.items() if k in known}}
        state, notices = parse_query(query)
        if notices:
            raise UsageError("; ".join(f"{n.param}: {n.message}" for n in notices))
        states.append(state)
    unused = set(overrides) - {i.name for s in states for i in s.spec.inputs} - {"axes", "plot"}
    if unused:
        raise UsageError(f"--set {', '.join(sorted(unused))}: no such input in the chosen scenario(s)")
    return states


def _jobs(states: list[ViewState], args: argparse.Namespace, formats: list[str]) -> list[tuple[str, object]]:
    """(file name, thunk) pairs: nothing is rendered until the tools are known to exist."""
    jobs: list[tuple[str, object]] = []
    for state in states:
        spec, query = state.spec, to_query(state)
        names = [i.name for i in spec.inputs]
        full = trace(spec, state.values)
        steps = [None, *range(len(full.steps) + 1)] if args.steps else [None]
        for step in steps:
            view = full if step is None else at_step(full, step)
            dot_text = to_dot(view, args.theme, legend=True)
            for ext in formats:
                name = file_name(query, names, "graph", args.theme, ext, step)
                jobs.append((name, lambda d=dot_text, e=ext: render_graph(d, e)))
        if args.graph_only:
            continue
        axes = plot_axes(spec, state.values, state.axes)
        grid = compute_grid(spec, fixed_values(spec, state.values, axes), axes)
        for kind in plot_kinds(spec, state.axes):
            fig = figure(kind, spec, state.values, full, grid, args.theme)
            for ext in formats:
                jobs.append(
                    (file_name(query, names, kind, args.theme, ext), lambda f=fig, e=ext: render_plot(f, e))
                )
    return jobs


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
        bad = [f for f in formats if f not in GRAPH_FORMATS]
        if bad or not formats:
            raise UsageError(f"--format {args.format!r}: choose from {', '.join(GRAPH_FORMATS)}")
        if args.theme not in THEMES:
            raise UsageError(f"--theme {args.theme!r}: choose from {', '.join(THEMES)}")
        states = _states(args)
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
    jobs = _jobs(states, args, formats)
    args.out.mkdir(parents=True, exist_ok=True)
    written = []
    for done, (name, render) in enumerate(jobs, start=1):
        try:
            data = render()  # type: ignore[operator]
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
