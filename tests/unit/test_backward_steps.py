"""The recorded backward pass against torch's own hooks, and the step views."""

import random

import pytest
import torch

from tests import samples
from viz.backward import PENDING, record
from viz.derivatives import RULES, links
from viz.graph import run_forward
from viz.scenario import REGISTRY, Scenario, get
from viz.steps import at_step, clamp_step
from viz.trace import Edge

RNG = random.Random(7)


def random_values(scenario: Scenario) -> dict:
    return samples.random_values(scenario, RNG)


CASES = [(sid, samples.runnable(get(sid))) for sid in REGISTRY] + [
    (sid, random_values(get(sid))) for sid in REGISTRY for _ in range(8)
]


def oracle(scenario: Scenario, values: dict):
    """Execution order from pre-hooks and tensor gradients from tensor hooks,
    registered here independently of the app's post-hooks."""
    inputs, named, _ = run_forward(scenario, values)
    order, grads, seen = [], {}, set()
    stack = [list(named.values())[-1].grad_fn]
    while stack:
        fn = stack.pop()
        if fn is None or fn in seen:
            continue
        seen.add(fn)
        fn.register_prehook(lambda grad_out, fn=fn: order.append(type(fn).__name__))
        stack += [n for n, _ in fn.next_functions]
    for name, t in named.items():
        if t.requires_grad:
            t.register_hook(lambda g, name=name: grads.__setitem__(name, tuple(g.reshape(-1).tolist())))
    list(named.values())[-1].backward(gradient=samples.seed_tensor(scenario, values, scenario.dtype))
    for inp in scenario.inputs_for(values):
        if inp.differentiable:
            grads[inp.label] = tuple(inputs[inp.name].grad.reshape(-1).tolist())
    return order, grads


@pytest.mark.parametrize(("scenario_id", "values"), CASES)
def test_steps_follow_autograds_real_order_and_gradients(scenario_id: str, values: dict) -> None:
    scenario = get(scenario_id)
    t = record(scenario, values)
    order, grads = oracle(scenario, values)
    assert [t.by_id(s.node).op for s in t.steps] == order
    assert len(t.steps) == sum(1 for n in t.nodes if n.kind != "constant")
    for step in t.steps:
        node = t.by_id(step.node)
        assert step.upstream == pytest.approx(grads[node.name], nan_ok=True)


@pytest.mark.parametrize(("scenario_id", "values"), CASES)
def test_upstream_times_local_is_what_was_sent(scenario_id: str, values: dict) -> None:
    t = record(get(scenario_id), values)
    for step in t.steps:
        node = t.by_id(step.node)
        for link, (_, to, sent) in zip(links(node, step.upstream), step.sent, strict=True):
            assert link.to == to
            assert link.product == pytest.approx(sent, rel=1e-5, abs=1e-6, nan_ok=True)


def test_every_backward_function_the_scenarios_make_has_a_local_derivative() -> None:
    ops = {
        n.op for sid in REGISTRY for n in record(get(sid), get(sid).defaults()).nodes if n.kind != "constant"
    }
    missing = sorted(op for op in ops if op not in RULES)
    assert not missing, f"add a local derivative for: {missing}"
    assert all(RULES[op].latex for op in ops)


def test_step_zero_is_forward_only_and_gradients_appear_at_their_step() -> None:
    scenario = get("sin_square")
    full = record(scenario, scenario.defaults())
    zero = at_step(full, 0)
    assert all(n.grad is None and n.grad_note == PENDING for n in zero.nodes)
    assert zero.edge_grads() == {}
    for k, step in enumerate(full.steps, start=1):
        view = at_step(full, k)
        assert view.current == step.node
        assert view.by_id(step.node).grad == full.by_id(step.node).grad
        later = {s.node for s in full.steps[k:]}
        assert all(view.by_id(n).grad is None for n in later)
        assert set(view.edge_grads()) == {
            Edge(src, s.node, slot) for s in full.steps[:k] for slot, src, _ in s.sent
        }
    x_step = next(i for i, s in enumerate(full.steps, 1) if full.by_id(s.node).name == "x")
    assert at_step(full, x_step - 1).by_name("x").grad is None
    assert at_step(full, x_step).by_name("x").grad == full.by_name("x").grad


def test_step_past_the_end_is_clamped_with_a_notice() -> None:
    full = record(get("square"), get("square").defaults())
    assert clamp_step(99, full) == (
        2,
        "99 is past the last step; this backward pass has 2 steps; showing step 2",
    )
    assert clamp_step(1, full) == (1, "")


def test_unretained_intermediates_stay_none_at_every_step() -> None:
    full = record(get("sin_square"), get("sin_square").defaults(), retain_grad=False)
    assert full.by_name("y").grad is None and full.by_name("y").grad_note == "not retained"
    assert full.by_name("x").grad == pytest.approx((-5.4668,), abs=1e-4)
    assert all(at_step(full, k).by_name("y").grad_note == "not retained" for k in range(4))
    assert full.edge_grads()  # the flowing gradients exist all the same


@pytest.mark.parametrize("calls", [1, 2, 3, 4, 5])
def test_gradients_accumulate_across_calls(calls: int) -> None:
    t = record(get("square"), {"x": 2.0}, ops=("b",) * calls)
    assert t.by_name("x").grad == (4.0 * calls,)
    assert t.backward_calls == calls
    assert len(t.steps) == 2  # the stepper walks the last call


def test_backward_3_at_2_5_gives_15() -> None:
    assert record(get("square"), {"x": 2.5}, ops=("b",) * 3).by_name("x").grad == (15.0,)


def test_zero_clears_then_backward_starts_again() -> None:
    t = record(get("square"), {"x": 2.0}, ops=("b", "b", "z", "b"))
    assert t.by_name("x").grad == (4.0,)
    assert dict((k, g) for k, g, _ in t.grad_before)[t.by_name("x").id] == (0.0,)


def test_second_backward_without_retain_graph_is_torchs_runtime_error() -> None:
    x = torch.tensor(2.0, requires_grad=True)
    y = x**2
    y.backward()
    with pytest.raises(RuntimeError) as expected:
        y.backward()
    t = record(get("square"), {"x": 2.0}, ops=("b", "b"), retain_graph=False)
    assert t.notes == (f"backward() call 2 raised RuntimeError: {expected.value}",)
    assert t.by_name("x").grad == (4.0,) and t.backward_calls == 1


def test_zero_before_backward_is_torchs_attribute_error() -> None:
    with pytest.raises(AttributeError) as expected:
        torch.tensor(1.0, requires_grad=True).grad.zero_()
    t = record(get("square"), {"x": 2.0}, ops=("z", "b"))
    assert str(expected.value) in t.notes[0] and t.by_name("x").grad == (4.0,)


def test_a_graph_that_saves_nothing_backward_twice_without_retain_graph() -> None:
    from viz.scenario import Input

    scenario = Scenario("t_add", "y = x + 1", "", (Input("x", 1.0),), lambda t, v: {"y": t["x"] + 1})
    t = record(scenario, scenario.defaults(), ops=("b", "b"), retain_graph=False)
    assert t.by_name("x").grad == (2.0,)
    assert any("saves no tensors" in note for note in t.notes)


def test_history_lists_each_calls_result() -> None:
    t = record(get("square"), {"x": 2.0}, ops=("b", "b", "b", "z", "b"))
    assert [(op, grads[0][1]) for op, grads in t.history] == [
        ("b", (4.0,)), ("b", (8.0,)), ("b", (12.0,)), ("z", (0.0,)), ("b", (4.0,)),
    ]  # fmt: skip
