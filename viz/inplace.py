"""An in-place change after the forward pass: ``&inplace=NAME`` runs ``NAME.add_(1)``, then
``backward()``.

Every tensor has a version counter that in-place operations bump. A backward function that
saved a tensor checks the version when it runs: if the tensor changed, its gradient would be
computed from the wrong numbers, so torch raises instead. When no backward function saved the
tensor, the change cannot affect any gradient and backward succeeds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import torch

from viz.cut import forward_tensors, named_tensors
from viz.kinds import echo
from viz.notice import Notice
from viz.scenario import Scenario, Values

KEY = "inplace"
CHANGE = "add_(1)"


@dataclass(frozen=True)
class Saver:
    """A backward function that saved the changed tensor, and the version it expects."""

    node: str
    fn: str
    attr: str  # torch's name without the _saved_ prefix: "self", "result", "other"…
    version: int


def savers(fns: Mapping[str, object], target: torch.Tensor) -> list[Saver]:
    """The backward functions that saved ``target`` (read before it changes: after, reading
    a saved tensor raises the very error this lesson shows)."""
    found = []
    for node_id, fn in fns.items():
        for attr in dir(fn) if fn is not None else ():
            if not attr.startswith("_saved_"):
                continue
            saved = getattr(fn, attr)
            same = isinstance(saved, torch.Tensor) and saved.data_ptr() == target.data_ptr()
            if same and saved.shape == target.shape:
                found.append(Saver(node_id, type(fn).__name__, attr.removeprefix("_saved_"), target._version))
    return found


def change(target: torch.Tensor) -> int:
    """``target.add_(1)``, as a student would write it after the forward pass; the new version."""
    target.add_(1)
    return target._version


def explain(name: str, found: list[Saver], failed: bool) -> str:
    """Why backward failed or was safe, for students."""
    if found:
        who = ", ".join(f"{s.fn} (as {s.attr}, at version {s.version})" for s in found)
        return (
            f"{name}.{CHANGE} changed {name} in place after the forward pass, so its version went up. "
            f"{who} saved {name} to compute its gradient: when backward() reaches it, the saved version "
            "no longer matches and torch raises rather than compute a wrong gradient"
            + ("." if failed else " (here it did not, see below).")
        )
    return (
        f"{name}.{CHANGE} changed {name} in place after the forward pass, but no backward function saved "
        f"{name} (each saved what its own derivative needs, which is not {name}), so no gradient "
        "depends on its old value: backward() succeeds and the gradients are the ones without the change."
    )


def inplace_names(scenario: Scenario, values: Values) -> list[str]:
    """The named tensors an in-place change can involve autograd in: those that require grad,
    but not a view of a leaf (``W.t()``), which torch refuses to change before backward runs."""
    return [
        n
        for n, t in forward_tensors(scenario, values).items()
        if t.requires_grad and not (t._base is not None and t._base.is_leaf)
    ]


def parse_inplace(
    scenario: Scenario, values: Values, query: Mapping[str, str], notices: list[Notice]
) -> str | None:
    """A named tensor of the forward pass that requires grad (the output included)."""
    name = query.get(KEY)
    if name is None:
        return None
    if scenario.problem and scenario.problem(values):
        notices.append(Notice(KEY, "ignored: these inputs cannot be computed, so there is no graph"))
        return None
    allowed = inplace_names(scenario, values)
    if name in allowed:
        return name
    leaves = {n for inp in scenario.inputs_for(values) for n in (inp.name, inp.label)}
    why = (
        "is a leaf (an input)"
        if name in leaves
        else "is not a tensor of this forward pass that requires grad"
    )
    if name in named_tensors(scenario, values):
        why = "does not require grad: changing it in place involves autograd in nothing"
    notices.append(Notice(KEY, f"{echo(name)} {why}; name one of: {', '.join(allowed)}. Not changed"))
    return None
