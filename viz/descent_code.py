"""The code export's gradient-descent loop: the forward pass as a function, fresh tensors each
step, w ← w − lr·∇ in Python floats, as the page's path is made (``viz.descent``), so the
script prints the same path, step by step."""

from __future__ import annotations

import math
import textwrap

from viz.scenario import Scenario, Values


def descent_cell(
    scenario: Scenario,
    values: Values,
    lines: list[str],
    variables: dict[str, str],
    out: str,
    lr: float,
    gd: int,
) -> str:
    """A training loop of ``gd`` steps from the current inputs, printing each step's point and loss."""
    leaves = [inp for inp in scenario.inputs_for(values) if inp.differentiable]
    names = [variables[inp.label] for inp in leaves]
    dtype = "" if str(scenario.dtype) == "torch.float32" else f", dtype={scenario.dtype}"
    start = ", ".join(
        f"{n!r}: {inp.kind.literal(values[inp.name])}" for n, inp in zip(names, leaves, strict=True)
    )
    bounds = [(getattr(inp.kind, "lo", -math.inf), getattr(inp.kind, "hi", math.inf)) for inp in leaves]
    ranges = ", ".join(f"{n!r}: ({lo!r}, {hi!r})" for n, (lo, hi) in zip(names, bounds, strict=True))
    body = textwrap.indent("\n".join(lines), "    ")
    made = "\n".join(f"    {n} = torch.tensor(point[{n!r}]{dtype}, requires_grad=True)" for n in names)
    shown = ", ".join(f"'{n} =', fmt_values(flat(point[{n!r}]))" for n in names)
    return "\n".join(
        [
            f"# gradient descent: {gd} steps of w <- w - lr * grad, fresh tensors each step",
            f"lr = {lr!r}",
            f"point = {{{start}}}",
            f"ranges = {{{ranges}}}  # the page keeps inputs in these ranges",
            "",
            "",
            "def flat(v):",
            "    return v if isinstance(v, list) else [v]",
            "",
            "",
            f"def forward({', '.join(names)}):",
            body,
            f"    return {out}",
            "",
            "",
            f"for step in range({gd + 1}):",
            made,
            f"    {out} = forward({', '.join(names)})",
            f"    {out}.backward()",
            f"    print('step', step, {shown}, '{out} =', fmt({out}.item()))",
            f"    if step == {gd}:",
            "        break",
            f"    for name, t in (({'), ('.join(f'{n!r}, {n}' for n in names)}),):",
            "        if t.grad is None:  # it does not reach the output: nothing moves it",
            "            continue",
            "        lo, hi = ranges[name]",
            "        new = [v - lr * g for v, g in zip(flat(point[name]), t.grad.reshape(-1).tolist())]",
            "        if not all(math.isfinite(v) for v in new):",
            "            raise SystemExit(f'stopped after step {step}: the gradient is not finite there')",
            "        new = [min(max(v, lo), hi) for v in new]",
            "        point[name] = new if isinstance(point[name], list) else new[0]",
        ]
    )
