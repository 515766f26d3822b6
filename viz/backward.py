"""The backward pass as autograd really runs it, recorded step by step.

Hooks on every node record the order functions execute and the gradients they
receive and send. The lab's ``ops`` replay the notebook's lessons: "b" calls
``backward()`` again (gradients accumulate), "z" calls ``.grad.zero_()`` on the
leaves. Torch's own errors become notes, never tracebacks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from operator import attrgetter

from viz.cut import CUT_OFF, Cut, cuttable
from viz.cut_run import run_forward_cut
from viz.graph import Graph, discover, flat, run_forward
from viz.inplace import change, explain, savers
from viz.scenario import Scenario, Values
from viz.trace import Floats, Node, Step, Trace

NOT_RETAINED = "not retained"
PENDING = "pending"
SAVES_NOTHING = (
    "backward() ran again without retain_graph=True and did not raise: this graph saves no "
    "tensors for backward, so there was nothing to free."
)


def record(
    scenario: Scenario,
    values: Values,
    retain_grad: bool = True,
    ops: tuple[str, ...] = ("b",),
    retain_graph: bool = True,
    cut: Cut | None = None,
    inplace: str | None = None,
) -> Trace:
    """Forward on fresh tensors (cut where ``cut`` says), the lab's ``ops``, and the graph as plain data."""
    if cut is not None and cut.name not in cuttable(scenario, values):
        cut = None  # the link's cut names a tensor these values no longer make (an edited expression)
    if cut is None:
        graph = discover(scenario, values, *run_forward(scenario, values))
    else:
        inputs, named, calls, point = run_forward_cut(scenario, values, cut)
        graph = discover(scenario, values, inputs, named, calls, point)
    target = next((n.id for n in graph.nodes if n.name == inplace and n.kind != "constant"), None)
    found = savers(graph.fns, graph.tensors[target]) if target else []
    version = change(graph.tensors[target]) if target else 0
    trace = run_ops(graph, retain_grad=retain_grad, ops=ops, retain_graph=retain_graph)
    if scenario.seed:
        trace = _seeded(scenario, values, trace)
    if target and inplace:
        failed = any("modified by an inplace operation" in note for note in trace.notes)
        marks = tuple((s.node, f"saved {inplace} (v{s.version}); now v{version}") for s in found)
        trace = replace(trace, inplace_note=explain(inplace, found, failed), marks=marks)
    if cut is None:
        return trace
    lost = [n.name for n in trace.nodes if n.kind == "leaf" and n.id in graph.cut_off]
    out = trace.output_node
    note = cut.explain(out.name, lost, no_history=out.id in graph.cut_off)
    return replace(trace, cut=cut.replacement, cut_note=note)


def _seeded(scenario: Scenario, values: Values, trace: Trace) -> Trace:
    """A vector output: name what backward(gradient=v) differentiates, or say on the output's
    box why backward() without v raised."""
    out = trace.output_node
    if scenario.seed_values(values):
        return replace(trace, objective=scenario.objective_name(out.name, values))
    if len(out.value) == 1 or trace.backward_calls:
        return trace
    why = f"{out.name} is {list(out.shape)}, not one number: backward() needs gradient=v"
    nodes = tuple(replace(n, grad_note="raised") if n.grad_note == PENDING else n for n in trace.nodes)
    return replace(trace, unseeded=why, nodes=nodes)  # backward() never ran: every .grad is None


def _recorder(node: Node, log: list[list[Step]]) -> Callable[[tuple, tuple], None]:
    def hook(grad_inputs: tuple, grad_outputs: tuple) -> None:
        upstream = flat(grad_outputs[0]) if grad_outputs and grad_outputs[0] is not None else ()
        sent = tuple(
            (slot, src, flat(g) or ())
            for slot, (src, g) in enumerate(zip(node.inputs, grad_inputs, strict=False))
            if src is not None and g is not None
        )
        log[-1].append(Step(node.id, upstream or (), sent))

    return hook


def _grad(node: Node, graph: Graph, retain_grad: bool) -> tuple[Floats | None, str]:
    t = graph.tensors[node.id]
    if node.kind == "constant":
        return None, ""
    if node.id in graph.cut_off:
        return None, CUT_OFF  # backward cannot reach it: .grad stays None
    if node.kind != "leaf" and not retain_grad:
        return None, NOT_RETAINED  # reading .grad here is what makes torch warn
    grad = flat(t.grad)
    return grad, "" if grad is not None else PENDING


def run_ops(
    graph: Graph, retain_grad: bool = True, ops: tuple[str, ...] = ("b",), retain_graph: bool = True
) -> Trace:
    out = graph.tensors[next(n.id for n in graph.nodes if n.kind == "output")]
    seed = graph.scenario.seed_tensor(graph.values, out.dtype)  # backward(gradient=v) for a vector output
    if seed is not None and seed.shape != out.shape:  # the gradient's graph (order=2) ends in one entry
        seed = None
    if retain_grad:
        for node in graph.nodes:
            if node.kind in ("op", "output") and graph.tensors[node.id].requires_grad:
                graph.tensors[node.id].retain_grad()
    log: list[list[Step]] = []
    for node in graph.nodes:
        if graph.fns[node.id] is not None:
            graph.fns[node.id].register_hook(_recorder(node, log))
    leaf_nodes = [n for n in graph.nodes if n.kind == "leaf"]
    leaves = [graph.tensors[n.id] for n in leaf_nodes]
    notes: list[str] = []
    before: dict[str, tuple[Floats | None, str]] = {}
    calls = 0
    history: list[tuple[str, tuple[tuple[str, Floats | None], ...]]] = []
    for op in ops:
        if op == "b":
            snapshot = {n.id: _grad(n, graph, retain_grad) for n in graph.nodes}
            log.append([])
            try:
                out.backward(gradient=seed, retain_graph=retain_graph)
            except RuntimeError as error:
                log.pop()
                notes.append(f"backward() call {calls + 1} raised RuntimeError: {error}")
            else:
                calls += 1
                before = snapshot
                if calls >= 2 and not retain_graph and SAVES_NOTHING not in notes:
                    notes.append(SAVES_NOTHING)
        elif op == "z":
            for leaf, node in zip(leaves, leaf_nodes, strict=True):
                try:
                    attrgetter("zero_")(leaf.grad)()  # .grad is None before any backward(): Python says so
                except AttributeError as error:
                    notes.append(
                        f"{node.name}.grad.zero_() raised AttributeError: {error} (no backward() yet)"
                    )
        history.append(
            (op, tuple((n.name, flat(leaf.grad)) for n, leaf in zip(leaf_nodes, leaves, strict=True)))
        )
    nodes = []
    for node in graph.nodes:
        grad, note = _grad(node, graph, retain_grad)
        nodes.append(replace(node, grad=grad, grad_note=note))
    order = tuple(inp.label for inp in graph.scenario.inputs_for(graph.values))
    steps = tuple(log[-1]) if log else ()
    return Trace(
        graph.scenario.id, tuple(nodes), tuple(graph.edges), graph.output, order, steps,
        tuple(notes), calls, tuple((k, g, note) for k, (g, note) in before.items()), tuple(history),
    )  # fmt: skip
