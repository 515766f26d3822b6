"""Cutting the graph: &detach=NAME and &no_grad=NAME.

Students meet these in their first week of real PyTorch: a tensor used through
.detach(), or a step computed under torch.no_grad(), is a constant to
autograd, and the leaves that reached the output only through it get no gradient
(.grad stays None). The cut is made inside the scenario's own forward pass (the
call that makes NAME), so every scenario, the custom ones included, can be cut.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from viz.kinds import echo
from viz.notice import Notice
from viz.scenario import Scenario, Values

How = Literal["detach", "no_grad"]
KEYS: tuple[How, ...] = ("detach", "no_grad")
CUT_OFF = "cut off"  # a node's grad note: backward cannot reach it


@dataclass(frozen=True)
class Cut:
    how: How
    name: str  # a named intermediate of the forward pass (not a leaf, not the output)

    @property
    def replacement(self) -> str:
        """The constant the rest of the forward pass uses instead of name."""
        return f"{self.name}.detach()" if self.how == "detach" else f"{self.name} (no_grad)"

    @property
    def code(self) -> str:
        return "detach()" if self.how == "detach" else "torch.no_grad()"

    def explain(self, output: str, lost: list[str], no_history: bool = False) -> str:
        """Why the leaves in lost have no gradient, for students; no_history: the
        output itself was made from constants only, so its backward() raises."""
        made = (
            f"{self.name}.detach() is a new tensor with {self.name}'s value and no history"
            if self.how == "detach"
            else f"{self.name} was computed under torch.no_grad(), so autograd recorded nothing for it"
        )
        if not lost:
            return (
                f"{made}: it is a constant to autograd. Every leaf still reaches {output} along another "
                "path, so each gets a gradient, but only what flows along the paths that remain."
            )
        names = ", ".join(f"{n}.grad" for n in lost)
        stays = f"{names} stay{'s' if len(lost) == 1 else ''} None"
        if no_history:
            return (
                f"{made}: it is a constant to autograd. Nothing {output} was made from requires grad "
                f"now, so {output} has no grad_fn and {output}.backward() raises torch's RuntimeError "
                f"(below). {stays}."
            )
        return (
            f"{made}: it is a constant to autograd, so backward() from {output} stops there. "
            f"{stays}: no path of recorded functions leads from {output} back to "
            f"{'it' if len(lost) == 1 else 'them'}."
        )


def forward_tensors(scenario: Scenario, values: Values) -> dict:
    """The scenario's named tensors on fresh inputs: what a lesson can name."""
    from viz.graph import make_tensors  # the graph module imports the lessons' modules

    return scenario.forward(make_tensors(scenario, values), values)


def named_tensors(scenario: Scenario, values: Values) -> list[str]:
    """The forward pass's named tensors, in order; the last is the output."""
    return list(forward_tensors(scenario, values))


def cuttable(scenario: Scenario, values: Values) -> list[str]:
    """The intermediates a cut can stop: those that require grad (not the output)."""
    named = forward_tensors(scenario, values)
    return [name for name, t in list(named.items())[:-1] if t.requires_grad]


def parse_cut(
    scenario: Scenario, values: Values, query: Mapping[str, str], notices: list[Notice]
) -> Cut | None:
    """At most one cut, at a named intermediate; anything else is a notice naming the parameter."""
    given = [(how, query[how]) for how in KEYS if how in query]
    if not given:
        return None
    if len(given) > 1:
        notices.append(Notice("no_grad", "ignored: one cut at a time, and detach is given"))
    how, name = given[0]
    if scenario.problem and scenario.problem(values):
        notices.append(Notice(how, "ignored: these inputs cannot be computed, so there is no graph to cut"))
        return None
    *named, output = named_tensors(scenario, values)
    names = cuttable(scenario, values)
    by_code = {scenario.code_names.get(n, n): n for n in names}
    if name in names or name in by_code:
        return Cut(how, name if name in names else by_code[name])
    leaves = {n for inp in scenario.inputs_for(values) for n in (inp.name, inp.label)}
    if name == output:
        why = "is the output: cutting it leaves nothing to differentiate"
    elif name in named:
        why = "does not require grad (it is made from constants only): there is nothing to cut"
    else:
        why = "is a leaf (an input)" if name in leaves else "is not a tensor of this forward pass"
    notices.append(
        Notice(how, f"{echo(name)} {why}; name an intermediate: {', '.join(names) or '(none)'}. No cut made")
    )
    return None
