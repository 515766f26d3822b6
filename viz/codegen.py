"""The PyTorch code behind the current view, in the notebook's style.

The forward lines are written from the torch calls the scenario actually made
(recorded while it ran), so every registry entry gets its code with no
hand-written text. The printing helpers are the app's own number format, so
the script prints exactly what the page shows.
"""

from __future__ import annotations

import inspect
import json
import re
from typing import Any

import torch

from viz import numbers
from viz.cut import Cut
from viz.cut_run import run_forward_cut
from viz.descent_code import descent_cell
from viz.graph import Call, run_forward
from viz.jacobian_code import jacobian_cell
from viz.scenario import Scenario, Tensor, Values
from viz.second_code import second_cell

OPERATORS = {
    "add": "{0} + {1}",
    "__radd__": "{1} + {0}",
    "sub": "{0} - {1}",
    "__rsub__": "{1} - {0}",
    "mul": "{0} * {1}",
    "__rmul__": "{1} * {0}",
    "div": "{0} / {1}",
    "__truediv__": "{0} / {1}",
    "__rtruediv__": "{1} / {0}",
    "pow": "{0} ** {1}",
    "__pow__": "{0} ** {1}",
    "neg": "-{0}",
}


def identifier(name: str, taken: set[str]) -> str:
    """A Python name that reads like the notebook's: ``w·x`` → ``w_x``, ``1 − y`` → ``one_minus_y``."""
    text = name.replace("−", " minus ").replace("·", "_").replace("²", "_squared").replace("³", "_cubed")
    for symbol, word in (
        ("**", " pow "),
        ("*", " times "),
        ("/", " over "),
        ("+", " plus "),
        ("-", " minus "),
    ):
        text = text.replace(symbol, word)
    text = re.sub(r"\b1\b", "one", text)
    text = re.sub(r"\W+", "_", text).strip("_") or "t"
    text = "t_" + text if text[0].isdigit() else text
    base, k = text, 2
    while text in taken:
        text, k = f"{base}_{k}", k + 1
    taken.add(text)
    return text


def _literal(value: Any) -> str:
    return repr(value) if not isinstance(value, float) else repr(float(value))


def _expression(call: Call, names: dict[int, str]) -> str:
    args = [names.get(id(a), "?") if isinstance(a, Tensor) else _literal(a) for a in call.args]
    name = call.func.__name__
    if name in OPERATORS:
        return OPERATORS[name].format(*args)
    if "TensorBase." in getattr(call.func, "__qualname__", ""):
        return f"{args[0]}.{name}({', '.join(args[1:])})"
    if not hasattr(torch, name):  # torch.nn.functional's own (binary_cross_entropy)
        return f"torch.nn.functional.{name}({', '.join(args)})"
    return f"torch.{name}({', '.join(args)})"


def forward_lines(
    scenario: Scenario, values: Values, cut: Cut | None = None
) -> tuple[list[str], dict[str, str], list[str], str]:
    """Code lines of the forward pass (cut where ``cut`` says); tensor name → variable;
    variables with a grad_fn; the output's variable."""
    if cut is None:
        inputs, named, calls = run_forward(scenario, values)
        made = None
    else:
        inputs, named, calls, point = run_forward_cut(scenario, values, cut)
        made = point.replacement
    taken: set[str] = set()
    tensors = [inp for inp in scenario.inputs_for(values) if inp.name in inputs]
    variables = {inp.label: identifier(inp.label, taken) for inp in tensors}
    names = {id(inputs[inp.name]): variables[inp.label] for inp in tensors}
    by_tensor = {id(t): n for n, t in named.items()}
    lines = []
    for call in calls:
        if not isinstance(call.out, Tensor) or id(call.out) in names:
            continue
        expr = _expression(call, names)
        if id(call.out) in by_tensor:
            label = by_tensor[id(call.out)]
            variable = identifier(scenario.code_names.get(label, label), taken)
            variables[label] = names[id(call.out)] = variable
            line = f"{variable} = {expr}" + (f"  # {label}" if label != variable else "")
            if call.out is made and cut is not None and cut.how == "no_grad":
                line = f"with torch.no_grad():  # the cut: autograd records nothing here\n    {line}"
            elif call.out is made:
                kept = identifier(f"{variable}_detached", taken)
                line += f"\n{kept} = {variable}.detach()  # the cut: the rest uses a constant copy"
                names[id(call.out)] = kept
            lines.append(line)
        else:
            names[id(call.out)] = f"({expr})"
    original = cut.name if cut is not None and cut.how == "detach" else None  # y, before its .detach()
    with_grad = [variables[n] for n, t in named.items() if t.grad_fn is not None or n == original]
    return lines, variables, with_grad, variables[list(named)[-1]]


def _plain(source: str) -> str:
    """A function's source without its type hints: the script needs no typing imports."""

    def bare(match: re.Match[str]) -> str:
        params = [re.sub(r"\s*:\s*[^=]+?(\s*=\s*)", r"=", p) if "=" in p else p.split(":")[0]
                  for p in match.group(2).split(", ")]  # fmt: skip
        return f"def {match.group(1)}({', '.join(params)}):"

    return re.sub(r"def (\w+)\((.*?)\) -> [^:]+:", bare, source)


def _helpers() -> str:
    return "\n\n".join(_plain(inspect.getsource(f)) for f in (numbers.fmt, numbers.fmt_values))


def script_cells(
    scenario: Scenario,
    values: Values,
    ops: tuple[str, ...] = ("b",),
    retain_grad: bool = True,
    retain_graph: bool = True,
    cut: Cut | None = None,
    inplace: str | None = None,
    order: int = 1,
    lr: float = 0.1,
    gd: int = 0,
) -> list[tuple[str, str]]:
    """(kind, source) cells: the same text makes the .py file and the notebook; ``order=2``
    differentiates the gradient again, after the backward pass."""
    lines, variables, with_grad, out = forward_lines(scenario, values, cut)
    leaves = [variables[i.label] for i in scenario.inputs_for(values) if i.differentiable]
    setup = ["import math", "", "import torch"]
    helpers = [
        "# printing, in the page's number format (4 decimals; scientific outside 1e-4 .. 1e6)",
        f"SCI_HIGH, SCI_LOW = {numbers.SCI_HIGH}, {numbers.SCI_LOW}",
        "",
        _helpers(),
        "",
        "def show(t):",
        "    return fmt_values(t.detach().reshape(-1).tolist())",
    ]
    derived = [inp for inp in scenario.inputs_for(values) if inp.derived]
    trained = all(values[inp.name] == inp.default for inp in derived)  # else written as they are
    code = scenario.training.code if scenario.training and trained else None
    data = [*code(values), ""] if code else []
    if code:
        setup.append("from torch import nn")
    dtype = "" if scenario.dtype == torch.float32 else f", dtype={scenario.dtype}"
    for inp in scenario.inputs_for(values):
        if code and inp.derived:
            continue  # made by the training lines
        literal = inp.kind.literal(values[inp.name])
        role = {scenario.seed: "backward(gradient=v)", scenario.direction: "forward mode's direction"}
        if literal is None:
            data.append(f"# {inp.name}: {inp.kind.text(values[inp.name]) or 'not given'}")
            continue
        grad = ", requires_grad=True" if inp.leaf else ""
        why = f"  # {role[inp.name]}" if inp.name in role else ""
        data.append(f"{variables.get(inp.label, inp.name)} = torch.tensor({literal}{dtype}{grad}){why}")
    forward = list(lines)
    if retain_grad:
        kept = [f"{v}.retain_grad()" for v in with_grad]
        forward += [
            "",
            "# keep the gradients of intermediate tensors (.grad of a non-leaf is None otherwise)",
            *kept,
        ]
    if inplace is not None and inplace in variables:
        forward += [
            "",
            "# changed in place after the forward pass (its version goes up)",
            f"{variables[inplace]}.add_(1)",
        ]
    backward: list[str] = []
    done = 0
    for i, op in enumerate(ops):
        if op == "b":
            later = "b" in ops[i + 1 :] or order == 2  # differentiating again needs the graph kept
            seeded = scenario.seed_values(values) is not None
            keep = ", ".join(["gradient=v"] * seeded + ["retain_graph=True"] * (retain_graph and later))
            call = f"{out}.backward({keep})"
            raises = (done and not retain_graph) or cut is not None or inplace is not None
            if raises or (scenario.seed and not seeded):  # torch's error, printed
                call = f"try:\n    {call}\nexcept RuntimeError as error:\n    print('RuntimeError:', error)"
            backward.append(call)
            done += 1
        else:
            zeros = "\n".join(f"{leaf}.grad.zero_()" for leaf in leaves)
            if not done:
                indented = zeros.replace("\n", "\n    ")
                zeros = (
                    f"try:\n    {indented}\nexcept AttributeError as error:  # no backward() yet\n"
                    "    print('AttributeError:', error)"
                )
            backward.append(zeros)
    prints = [f"print('{out} =', show({out}))"]
    prints += [
        f"print('{leaf}.grad =', show({leaf}.grad) if {leaf}.grad is not None else None)" for leaf in leaves
    ]
    shown = ", ".join(f"{i.name}={i.kind.text(values[i.name])}" for i in scenario.settable(values))
    title = f"# {scenario.title} — {shown}"
    cells = [
        ("markdown", title.lstrip("# ")),
        ("code", "\n".join(setup)),
        ("code", "# inputs\n" + "\n".join(data)),
        ("code", "# forward pass\n" + "\n".join(forward)),
        ("code", "# backward pass\n" + "\n".join(backward)),
        ("code", "\n".join(helpers) + "\n\n\n" + "\n".join(prints)),
    ]
    if gd:
        cells.append(("code", descent_cell(scenario, values, lines, variables, out, lr, gd)))
    if order == 2:
        labels = [c.label for c in scenario.coordinates(values)]
        cells.append(("code", second_cell(out, leaves, labels, "v" if scenario.seed else "None")))
    if scenario.seed and cut is None and inplace is None:
        cells.append(("code", jacobian_cell(scenario, values, lines, variables, out)))
    return cells


def to_py(cells: list[tuple[str, str]]) -> str:
    parts = [("# " + src) if kind == "markdown" else src for kind, src in cells]
    return "\n\n\n".join(parts) + "\n"


def to_ipynb(cells: list[tuple[str, str]]) -> str:
    """A notebook (nbformat 4.5) with the same cells."""
    notebook_cells = []
    for i, (kind, src) in enumerate(cells):
        cell: dict[str, Any] = {"cell_type": kind, "id": f"cell-{i}", "metadata": {}, "source": src}
        if kind == "code":
            cell |= {"execution_count": None, "outputs": []}
        notebook_cells.append(cell)
    notebook = {
        "cells": notebook_cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(notebook, indent=1, ensure_ascii=False)
