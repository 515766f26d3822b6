"""The code export's cell for a vector output: the whole Jacobian, vᵀJ from it beside
``x.grad``, and forward mode's J·u, as the Jacobian tab shows them (``viz.jacobian``)."""

from __future__ import annotations

import textwrap

from viz.scenario import Scenario, Values


def jacobian_cell(
    scenario: Scenario, values: Values, lines: list[str], variables: dict[str, str], out: str
) -> str:
    """J by ``torch.autograd.functional.jacobian``; vᵀJ and J·u when the link gives v and u."""
    (leaf,) = [variables[inp.label] for inp in scenario.inputs_for(values) if inp.differentiable]
    cell = [
        "# the whole Jacobian: one row per output, one column per input",
        f"def f({leaf}):",
        textwrap.indent("\n".join(lines), "    "),
        f"    return {out}",
        "",
        "",
        f"J = torch.autograd.functional.jacobian(f, {leaf}.detach())",
        "for i, row in enumerate(J):",
        "    print('J row', i, '=', show(row))",
    ]
    if scenario.seed_values(values):
        cell += [f"print('v @ J =', show(v @ J), ' {leaf}.grad =', show({leaf}.grad))"]
    if scenario.direction_values(values):
        cell += [
            "# forward mode: one jvp pass gives J·u for a direction u",
            f"_, ju = torch.func.jvp(f, ({leaf}.detach(),), (u,))",
            "print('J·u (forward mode) =', show(ju), ' J @ u =', show(J @ u))",
        ]
    return "\n".join(cell)
