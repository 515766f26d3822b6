"""AppTest: the lesson controls change the view, and lesson links restore it."""

import math
import warnings

import pytest
import torch

from tests.app.conftest import notice_params
from tests.app.test_pages import arrow, dot_source, metrics, plotly_spec
from viz.torch_text import nonleaf_grad_warning


def texts(at) -> str:
    return " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)


def test_step_link_shows_the_state_after_that_function(open_app) -> None:
    at = open_app(scenario="sin_square", x="3", step="2")
    dot = dot_source(at)
    assert "PowBackward0 · step 2" in dot and "grad ?" in dot  # x's AccumulateGrad has not run
    assert metrics(at)["x.grad = dz/dx"] == "—"
    assert "→ x: -0.9111 × 6.0000 = -5.4668" in texts(at)
    roles = [(t.get("meta") or {}).get("role") for t in plotly_spec(at)["data"]]
    assert "gradient" not in roles and "descent" not in roles and "point" in roles  # no arrow before x's step


def test_step_zero_has_no_gradient_anywhere(open_app) -> None:
    at = open_app(scenario="logistic_bce", step="0")
    dot = dot_source(at)
    assert "grad ?" in dot and "grad 0.9988" not in dot and "-> n0 [" not in dot.replace("label", "x")
    assert metrics(at)["w.grad = ∂loss/∂w"] == "—"
    assert any("forward pass only" in i.value for i in at.info)


def test_next_and_previous_move_the_step(open_app) -> None:
    at = open_app(scenario="square", x="3", step="0")
    at.button[1].click().run()  # next ▶
    assert at.query_params["step"] == "1"
    assert "PowBackward0 · step 1" in dot_source(at)
    at.button[1].click().run()
    assert at.query_params["step"] == "2"
    assert metrics(at)["x.grad = dy/dx"] == "6.0000"
    at.button[0].click().run()  # ◀ previous
    assert at.query_params["step"] == "1"
    at.button[2].click().run()  # finished pass
    assert "step" not in at.query_params


def test_step_past_the_end_is_clamped_with_a_notice(open_app) -> None:
    at = open_app(scenario="square", step="9")
    assert "step" in notice_params(at)
    assert at.query_params["step"] == "2"


def test_retain_grad_off_shows_none_and_torchs_warning(open_app) -> None:
    y = torch.ones((), requires_grad=True) * 2
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _ = y.grad
    at = open_app(scenario="sin_square", x="3", retain_grad="0")
    assert str(caught[0].message) in [w.value for w in at.warning]
    assert nonleaf_grad_warning() == str(caught[0].message)
    dot = dot_source(at)
    assert "value 9.0000 · grad None" in dot and "-0.9111" in dot  # the edge still carries it
    assert metrics(at)["x.grad = dz/dx"] == "-5.4668"
    at.toggle(key="retain_grad_toggle").set_value(True).run()
    assert at.query_params["retain_grad"] == "1"
    assert "value 9.0000 · grad -0.9111" in dot_source(at)


def test_accumulation_links(open_app) -> None:
    at = open_app(scenario="square", x="2.5", backward="3")
    assert metrics(at)["x.grad (not a derivative here)"] == "15.0000"
    assert "this call 5.0000 · .grad 15.0000 (accumulated)" in dot_source(at).replace("\\n", " ")
    at = open_app(scenario="square", x="2.5", ops="b,b,z,b")  # zeroed, then one call: the derivative again
    assert metrics(at)["x.grad = dy/dx"] == "5.0000"
    assert "value 2.5000 · grad 5.0000" in dot_source(at)


def test_accumulation_buttons(open_app) -> None:
    at = open_app(scenario="square", x="2", tab="accumulation")
    buttons = {b.label: b for b in at.button}
    buttons["Call backward() again"].click().run()
    grad = "x.grad (not a derivative here)"
    assert at.query_params["ops"] == "b,b" and metrics(at)[grad] == "8.0000"
    {b.label: b for b in at.button}["Call backward() again"].click().run()
    assert metrics(at)[grad] == "12.0000"
    {b.label: b for b in at.button}["x.grad.zero_()"].click().run()
    assert at.query_params["ops"] == "b,b,b,z" and metrics(at)[grad] == "0.0000"


def test_second_backward_without_retain_graph_shows_torchs_error(open_app) -> None:
    x = torch.tensor(2.0, requires_grad=True)
    y = x**2
    y.backward()
    with pytest.raises(RuntimeError) as expected:
        y.backward()
    at = open_app(scenario="square", x="2", ops="b,b", retain_graph="0")
    assert any(str(expected.value) in e.value for e in at.error)
    assert metrics(at)["x.grad = dy/dx"] == "4.0000"
    assert not at.exception


def test_gradient_descent_link_draws_the_path(open_app) -> None:

    at = open_app(scenario="square", x="3", lr="0.1", gd="3")
    fig = plotly_spec(at)
    path = next(t for t in fig["data"] if t.get("name", "").startswith("gradient descent"))
    assert path["x"][:2] == pytest.approx([3.0, 2.4])
    assert len(path["x"]) == 4
    losses = list(at.table[-1].value.iloc[:, 0]) if at.table else []
    assert losses[:2] == ["9.0000", "5.7600"]
    {b.label: b for b in at.button}["take a step"].click().run()
    assert at.query_params["gd"] == "4"
    {b.label: b for b in at.button}["continue from the last point"].click().run()
    assert at.query_params["gd"] == "0" and at.query_params["x"] == "1.2288"
    assert arrow(at)["meta"]["gradient"] == pytest.approx([2 * 1.2288], rel=1e-5)


def test_code_panel_reproduces_the_view(open_app) -> None:
    at = open_app(scenario="logistic_bce", ops="b,b", tab="code")
    code = at.code[0].value
    assert "loss.backward(retain_graph=True)" in code and "w = torch.tensor(1.0, requires_grad=True)" in code
    assert "print('w.grad =', show(w.grad)" in code


BAD = [
    ({"step": "x"}, "step"),
    ({"ops": "b,q"}, "ops"),
    ({"lr": "abc"}, "lr"),
    ({"retain_grad": "2"}, "retain_grad"),
]


@pytest.mark.parametrize(("query", "param"), BAD)
def test_bad_lesson_values_show_a_notice(open_app, query: dict, param: str) -> None:
    at = open_app(scenario="square", **query)
    assert param in notice_params(at)


def test_only_the_open_tab_runs_and_the_link_names_it(open_app) -> None:
    at = open_app(scenario="sin_square", x="1.5")
    assert at.query_params["tab"] == "tensors"
    assert any("| tensor | grad\\_fn |" in m.value for m in at.markdown)
    assert not any("All three agree" in s.value for s in at.success)

    at = open_app(scenario="sin_square", x="1.5", tab="three_ways")
    assert any("All three agree" in s.value for s in at.success)
    assert not any("| tensor | grad\\_fn |" in m.value for m in at.markdown)  # the tensor tab did not run


def test_the_hand_derivations_factors_multiply_to_the_product_on_the_page(open_app) -> None:
    at = open_app(scenario="logistic_bce", w="0.3", b="-0.2", tab="three_ways")
    captions = [c.value for c in at.caption if c.value.startswith("hand (chain rule, float64)")]
    assert len(captions) == 2
    for caption in captions:
        numbers, product = caption.rsplit(" = ", 1)[0].rsplit("= ", 1)[1], caption.rsplit(" = ", 1)[1]
        factors = [float(f) for f in numbers.split(" × ")]
        assert f"{math.prod(factors):.4f}" == product


def test_a_leaf_step_names_the_leaf(open_app) -> None:
    at = open_app(scenario="logistic_bce", step="13")
    assert any(r"\texttt{b.grad}" in lat.value or r"\texttt{w.grad}" in lat.value for lat in at.latex)
    assert not any(r"x.\mathrm{grad}" in lat.value for lat in at.latex)
