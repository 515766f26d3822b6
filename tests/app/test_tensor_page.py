"""AppTest: vector outputs. The links the issue names, torch's error without v, the v and u
switches writing the link, the Jacobian tab's tables, and bad vector links."""

import pytest
import torch

from tests.app.conftest import notice_params
from tests.app.test_cut_page import unescaped
from tests.samples import torch_raises
from viz.numbers import fmt_values


def _table(at, k: int) -> dict[str, list[str]]:
    frame = at.table[k].value
    return {str(col): [str(v) for v in frame[col]] for col in frame.columns} | {
        "index": [str(i) for i in frame.index]
    }


def _dot(at) -> str:
    return at.get("graphviz_chart")[0].proto.spec


def test_vector_square_without_v_quotes_torchs_error_and_shows_no_gradient(open_app) -> None:
    at = open_app(scenario="vector_square", xs="1,2,3")
    error = torch_raises(lambda: (torch.tensor([1.0, 2.0, 3.0], requires_grad=True) ** 2).backward())
    assert [unescaped(e.value) for e in at.error] == [f"y.backward() raised RuntimeError: {error}"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"y (output)": "[1.0000, 4.0000, 9.0000]", "x.grad": "None"}
    dot = _dot(at)
    assert "y is [3], not one number: backward() needs gradient=v" in dot and "grad ?" not in dot


def test_the_issues_link_gives_x_grad_v_transposed_j(open_app) -> None:
    at = open_app(scenario="vector_square", xs="1,2,3", v="0.5,1,2", tab="jacobian")
    assert not at.error
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["x.grad = ∂(v·y)/∂x"] == "[1.0000, 4.0000, 12.0000]"
    j = _table(at, 0)
    assert j["index"] == ["y[0]", "y[1]", "y[2]"]
    diagonal = (
        ["2.0000", "0.0000", "0.0000"],
        ["0.0000", "4.0000", "0.0000"],
        ["0.0000", "0.0000", "6.0000"],
    )
    assert (j["x[0]"], j["x[1]"], j["x[2]"]) == diagonal
    products = _table(at, 1)
    assert products["vᵀJ, multiplied out from J (float64)"] == ["1.0000", "4.0000", "12.0000"]
    assert products["x.grad after backward(gradient=v)"] == ["1.0000", "4.0000", "12.0000"]
    assert products["agree"] == ["yes"] * 3
    assert "**3 backward passes** (one per output) or **3 forward passes**" in " ".join(
        m.value for m in at.markdown
    )


def test_softmax_forward_mode_beside_reverse(open_app) -> None:
    at = open_app(scenario="softmax", xs="1,2,3", v="1,0,0", u="0,1,0", tab="jacobian")
    s = torch.softmax(torch.tensor([1.0, 2.0, 3.0]), 0)
    j = torch.diag(s) - torch.outer(s, s)
    forward = _table(at, 2)
    expected = fmt_values((j @ torch.tensor([0.0, 1.0, 0.0])).tolist()).strip("[]").split(", ")
    assert forward["torch.func.jvp: one forward pass"] == expected
    assert forward["agree"] == ["yes"] * 3
    assert _table(at, 1)["x.grad after backward(gradient=v)"] == fmt_values(j[0].tolist()).strip("[]").split(
        ", "
    )


def test_the_v_switch_writes_the_link_and_follows_xs_length(open_app) -> None:
    at = open_app(scenario="vector_square", xs="1,2,3")
    at.toggle(key="vector_square:v:on").set_value(True).run()
    assert at.query_params["v"] == "1,1,1"
    assert (
        not at.error
        and {m.label: m.value for m in at.metric}["x.grad = ∂(v·y)/∂x"] == "[2.0000, 4.0000, 6.0000]"
    )
    at.number_input(key="vector_square:xs:len").set_value(4).run()
    assert at.query_params["v"] == "1,1,1,1"
    at.toggle(key="vector_square:v:on").set_value(False).run()
    assert at.query_params["v"] == "" and at.error


@pytest.mark.parametrize(
    ("query", "params"),
    [
        ({"v": "1,2"}, ["v"]),
        ({"v": "1,2,3,4,5"}, ["v"]),
        ({"v": "nan,x"}, ["v", "v", "v"]),
        ({"u": "1"}, ["u"]),
        ({"xs": "1,2,3,4,5,6,7,8,9", "v": "1"}, ["xs", "v"]),
        ({"gd": "3"}, ["gd"]),
        ({"order": "2"}, ["order"]),
    ],
)
def test_bad_vector_links_are_notices_naming_the_parameter(open_app, query: dict, params: list) -> None:
    at = open_app(scenario="softmax", **query)
    assert notice_params(at) == params


def test_a_scalar_scenarios_jacobian_tab_links_the_vector_ones(open_app) -> None:
    at = open_app(scenario="sin_square", tab="jacobian")
    assert "its Jacobian is one row" in at.info[0].value
    links = [p for p in at.get("page_link")]
    assert {"vector_square", "softmax"} <= {
        link.proto.query_string.split("scenario=")[1].split("&")[0] for link in links
    }


def test_without_v_three_ways_says_there_is_nothing_to_compare(open_app) -> None:
    at = open_app(scenario="vector_square", xs="1,2,3", tab="three_ways")
    assert not at.table and "no gradient to compare" in at.info[0].value
    at = open_app(scenario="vector_square", xs="1,2,3", v="0.5,1,2", tab="three_ways")
    rows = _table(at, 0)
    assert rows["autograd (float32)"] == ["1.0000", "4.0000", "12.0000"] and rows["agree"] == ["yes"] * 3
