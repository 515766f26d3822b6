"""Slide exports: well-formed files of the promised size, themes, names, and the CLI."""

import io
import os
import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from tests import samples
from tests.samples import view_of
from tools.measure import edge_ink
from viz.backward import record
from viz.export import (
    CHROMIUM_MISSING,
    DOT_MISSING,
    MIN_PNG_WIDTH,
    PLOT_SIZE,
    PNG_SCALE,
    MissingTool,
    file_name,
    render_graph,
    render_plot,
)
from viz.graph_dot import to_dot
from viz.graph_style import GraphStyle
from viz.scenario import REGISTRY, get
from viz.state import parse_query

ROOT = Path(__file__).resolve().parents[2]
NO_TOOLS_PATH = str(Path(sys.executable).parent)  # the venv's bin: no dot, no chromium


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def _figure(scenario_id: str, theme: str = "light") -> dict:
    return view_of({"scenario": scenario_id, "theme": theme}).figure


@pytest.mark.parametrize("scenario_id", list(REGISTRY))
def test_graph_svg_is_xml_with_values_and_gradients(scenario_id: str) -> None:
    t = record(get(scenario_id), get(scenario_id).defaults())
    svg = render_graph(to_dot(t, GraphStyle("light", legend=True)), "svg")
    root = ET.fromstring(svg)
    text = " ".join(el.text or "" for el in root.iter() if el.tag.endswith("text"))
    for node in t.nodes:
        assert node.name in text
        assert samples.shown(node.value).split("\n")[0] in text
        if node.grad is not None:
            assert samples.shown(node.grad).split("\n")[0] in text


@pytest.mark.parametrize("scenario_id", list(REGISTRY))
def test_graph_png_is_at_least_2400_px_and_pdf_is_pdf(scenario_id: str) -> None:
    dot_text = to_dot(record(get(scenario_id), get(scenario_id).defaults()), GraphStyle("slide", legend=True))
    width, _ = png_size(render_graph(dot_text, "png"))
    assert width >= MIN_PNG_WIDTH
    assert render_graph(dot_text, "pdf").startswith(b"%PDF")


def test_dark_and_light_graph_exports_differ() -> None:
    t = record(get("sin_square"), get("sin_square").defaults())
    light, dark = (
        render_graph(to_dot(t, GraphStyle("light")), "svg"),
        render_graph(to_dot(t, GraphStyle("dark")), "svg"),
    )
    assert light != dark and b"#0e1117" in dark and b"#0e1117" not in light


def test_plot_exports_through_chromium() -> None:
    fig = _figure("logistic_bce")
    width, height = png_size(render_plot(fig, "png"))
    assert width >= MIN_PNG_WIDTH and abs(width / height - 16 / 9) < 0.01
    assert render_plot(fig, "pdf").startswith(b"%PDF")
    svg = render_plot(fig, "svg")
    ET.fromstring(svg)
    assert render_plot(_figure("logistic_bce", "dark"), "svg") != svg


def test_file_names_say_what_they_are() -> None:
    bce, _ = parse_query({"scenario": "logistic_bce", "x": "6.7", "y": "0", "w": "1", "b": "0"})
    assert file_name(bce, "graph", "svg") == "logistic_bce_x6.7_y0_w1_b0_graph_light.svg"
    vector, _ = parse_query({"scenario": "vector_mean", "xs": "1,-2,3", "step": "3", "theme": "dark"})
    assert file_name(vector, "contour", "png") == "vector_mean_xs1_-2_3_step03_contour_dark.png"
    cut, _ = parse_query({"scenario": "logistic_bce", "no_grad": "w·x"})
    assert file_name(cut, "graph", "svg") == "logistic_bce_x6.7_y0_w1_b0_no_grad-w_x_graph_light.svg"
    edges, _ = parse_query({"scenario": "logistic_bce", "frozen": "w", "inplace": "y_pred"})
    assert (
        file_name(edges, "graph", "png")
        == "logistic_bce_x6.7_y0_w1_b0_frozen-w_inplace-y_pred_graph_light.png"
    )


@pytest.mark.parametrize(
    "expr", ["x*(x)/(1+x)", "1/(1+x)", "../../etc/passwd", "x" + "*x" * 99, "exp(-(x**2 + y**2) / 2) * z"]
)
def test_file_names_are_safe_slugs(expr: str) -> None:
    state, _ = parse_query({"scenario": "custom", "expr": expr})
    for kind, ext in (("graph", "svg"), ("code", "py"), ("contour", "png")):
        name = file_name(state, kind, ext)
        assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._\-]*", name), name
        assert "/" not in name and ".." not in name.removesuffix(f".{ext}") and len(name) <= 130


def _run_cli(*args: str, path: str | None = None, tmp: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("BROWSER_PATH", None)
    if path is not None:
        env["PATH"] = path
    return subprocess.run(
        [sys.executable, "-m", "viz.export", *args, "--out", str(tmp / "out")],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300, check=False,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scenario", "nope"], "unknown scenario 'nope'"),
        (["--format", "webp"], "--format 'webp'"),
        (["--format", "gif", "--frame-ms", "5"], "--frame-ms 5"),
        (["--theme", "neon"], "--theme 'neon'"),
        (["--scenario", "square", "--set", "x"], "--set takes NAME=VALUE"),
        (["--scenario", "square", "--set", "x=abc"], 'x: "abc" is not a number'),
        (["--scenario", "square", "--set", "w=1"], "--set w"),
    ],
)
def test_cli_bad_arguments_exit_2(args: list[str], message: str, tmp_path: Path) -> None:
    result = _run_cli(*args, tmp=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert not (tmp_path / "out").exists()


def test_cli_missing_dot_exits_3_before_writing(tmp_path: Path) -> None:
    result = _run_cli("--scenario", "square", "--graph-only", path=NO_TOOLS_PATH, tmp=tmp_path)
    assert result.returncode == 3
    assert DOT_MISSING in result.stderr
    assert not (tmp_path / "out").exists()


def test_cli_missing_chromium_exits_3_and_graph_only_still_works(tmp_path: Path) -> None:
    dot_dir = str(
        Path(subprocess.run(["which", "dot"], capture_output=True, text=True).stdout.strip()).parent
    )
    tmp_bin = tmp_path / "bin"
    tmp_bin.mkdir()
    (tmp_bin / "dot").symlink_to(Path(dot_dir) / "dot")
    path = f"{NO_TOOLS_PATH}:{tmp_bin}"
    result = _run_cli("--scenario", "square", path=path, tmp=tmp_path)
    assert result.returncode == 3 and CHROMIUM_MISSING in result.stderr
    assert not (tmp_path / "out").exists()
    ok = _run_cli("--scenario", "square", "--graph-only", "--format", "svg", path=path, tmp=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["square_x3_graph_light.svg"]


def test_cli_writes_every_scenario_and_step(tmp_path: Path) -> None:
    result = _run_cli("--scenario", "sin_square", "--set", "x=2", "--format", "svg,png", "--steps",
                      "--theme", "dark", tmp=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert "sin_square_x2_graph_dark.svg" in names
    assert [f"sin_square_x2_step{k:02}_graph_dark.png" in names for k in range(4)] == [True] * 4
    assert "sin_square_x2_curve_dark.png" in names
    assert "wrote 12 files" in result.stdout and "12/12" not in result.stdout  # progress goes to stderr
    assert "12/12" in result.stderr


def test_render_functions_say_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", NO_TOOLS_PATH)
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    with pytest.raises(MissingTool, match="apt-get install graphviz"):
        render_graph("digraph {}", "svg")
    with pytest.raises(MissingTool, match="apt-get install chromium"):
        render_plot({"data": []}, "svg")


def test_missing_kaleido_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    from viz import export

    real = importlib.util.find_spec
    monkeypatch.setattr(
        export.importlib.util, "find_spec", lambda name: None if name == "kaleido" else real(name)
    )
    assert export.plot_export_problem() == export.KALEIDO_MISSING
    with pytest.raises(MissingTool, match="kaleido"):
        render_plot({"data": []}, "svg")


@pytest.mark.parametrize("theme", ["light", "slide_dark"])
def test_exported_contours_keep_equal_axis_scales(theme: str) -> None:
    view = view_of({"scenario": "logistic_bce", "w": "-0.5", "theme": theme})
    svg = render_plot(view.figure, "svg").decode()
    width, height = (
        float(v) for v in re.search(r'xyplot"[^>]*><rect width="([\d.]+)" height="([\d.]+)"', svg).groups()
    )
    look = view.figure["layout"]
    x_px = width / (look["xaxis"]["range"][1] - look["xaxis"]["range"][0])
    y_px = height / (look["yaxis"]["range"][1] - look["yaxis"]["range"][0])
    assert abs(x_px - y_px) <= 0.02 * x_px


@pytest.mark.parametrize(("scenario_id", "theme"), [("logistic_bce", "light"), ("mlp", "slide_dark")])
def test_an_exported_contours_colour_bar_stands_beside_its_square(scenario_id: str, theme: str) -> None:
    """A slide is 1200 px wide and the square ~450: the bar stood at the slide's far edge, ~310 px
    from the square it is read by."""
    svg = render_plot(
        view_of({"scenario": scenario_id, "plot": "contour", "theme": theme}).figure, "svg"
    ).decode()
    left, width = (
        float(v)
        for v in re.search(r'<rect class="bg" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', svg).groups()
    )
    shift, bar = re.search(
        r'colorbar" transform="translate\(([\d.]+),[^>]*><rect class="cbbg" x="([\d.]+)"', svg
    ).groups()
    assert 0 <= float(shift) + float(bar) - (left + width) <= 40


def test_cli_landscape_without_legend(tmp_path: Path) -> None:
    result = _run_cli("--scenario", "sin_square", "--graph-only", "--landscape", "--no-legend", "--theme",
                      "slide_dark", tmp=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    (path,) = (tmp_path / "out").iterdir()
    assert path.name == "sin_square_x3_graph_landscape_nolegend_slide_dark.svg"
    svg = path.read_text()
    width, height = (
        float(v) for v in re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups()
    )
    assert width > 2 * height and "legend" not in svg  # three boxes side by side, no legend


SURFACE_LINKS = [
    {"scenario": "logistic_bce"},
    {"scenario": "vector_mean"},
    {"scenario": "custom", "expr": "x*y"},
]


@pytest.mark.parametrize("theme", ["light", "slide"])
@pytest.mark.parametrize("query", SURFACE_LINKS, ids=[q["scenario"] for q in SURFACE_LINKS])
def test_exported_surfaces_cut_no_label(query: dict, theme: str) -> None:
    """The scene's tick labels and axis titles stay inside it at the export's size (they
    are drawn in WebGL, so the picture itself is measured: no ink at the scene's edges)."""
    figure = view_of({**query, "plot": "surface3d", "theme": theme}).figure
    png = render_plot(figure, "png")
    m, (width, height) = figure["layout"]["margin"], PLOT_SIZE
    box = tuple(PNG_SCALE * v for v in (m["l"], m["t"], width - m["r"], height - m["b"]))
    scene = io.BytesIO()
    picture = Image.open(io.BytesIO(png)).convert("RGBA")  # the slide theme is transparent: on white
    Image.alpha_composite(Image.new("RGBA", picture.size, "white"), picture).crop(box).save(scene, "PNG")
    assert edge_ink(scene.getvalue(), band=5 * PNG_SCALE) == {"left": 0, "right": 0, "top": 0, "bottom": 0}


def test_cli_order_2_writes_the_gradients_graph_and_the_parabola(tmp_path: Path) -> None:
    result = _run_cli("--scenario", "logistic_bce", "--set", "order=2", "--set", "row=b", "--format", "svg",
                      "--graph-only", tmp=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [
        "logistic_bce_x6.7_y0_w1_b0_order2-b_gradient_graph_light.svg",
        "logistic_bce_x6.7_y0_w1_b0_order2-b_graph_light.svg",
    ]
    svg = (tmp_path / "out" / names[0]).read_text()
    assert "∂loss/∂b" in svg and "SigmoidBackwardBackward0" in svg
    curve = _run_cli("--scenario", "sin_square", "--set", "x=1.3", "--set", "order=2", "--format", "svg",
                     tmp=tmp_path / "curve")  # fmt: skip
    assert curve.returncode == 0, curve.stderr
    plot = (tmp_path / "curve" / "out" / "sin_square_x1.3_order2_curve_light.svg").read_text()
    assert "d²z/dx² = -6.9499" in plot
