"""Frozen parameters: ``&frozen=w`` creates the leaf with ``requires_grad=False``.

Fine-tuning freezes layers this way. To autograd a frozen parameter is a constant: it gets no
``.grad`` (None), backward does not compute anything for it, and gradient descent moves only the
others. A frozen view is the scenario with those inputs as constants, so the graph, the plots,
the three-way check, descent and the code export all follow from the one change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from viz.kinds import echo
from viz.notice import Notice
from viz.scenario import Input, Scenario, Values

KEY = "frozen"


def _freeze(inputs: tuple[Input, ...], frozen: tuple[str, ...]) -> tuple[Input, ...]:
    return tuple(replace(inp, leaf=False) if inp.name in frozen else inp for inp in inputs)


def frozen_view(scenario: Scenario, frozen: tuple[str, ...]) -> Scenario:
    """``scenario`` with the named inputs created with ``requires_grad=False``."""
    if not frozen:
        return scenario
    found = scenario.variables
    return replace(
        scenario,
        inputs=_freeze(scenario.inputs, frozen),
        variables=(lambda values: _freeze(found(values), frozen)) if found else None,
    )


def explain(frozen: list[str], trained: list[str]) -> str:
    """What freezing did, for students (names are the graph's)."""
    names = ", ".join(frozen)
    one = len(frozen) == 1
    return (
        f"{names} {'was' if one else 'were'} created with requires_grad=False: to autograd "
        f"{'it is a constant' if one else 'they are constants'} (drawn as such in the graph), so "
        f"backward() computes nothing for {'it' if one else 'them'} and "
        f"{', '.join(f'{n}.grad' for n in frozen)} stay{'s' if one else ''} None. "
        f"{', '.join(trained)} still "
        f"{'requires grad and gets a gradient' if len(trained) == 1 else 'require grad and get gradients'}"
        " as before; gradient descent moves only "
        f"{'it' if len(trained) == 1 else 'them'}."
    )


def parse_frozen(
    scenario: Scenario, values: Values, query: Mapping[str, str], notices: list[Notice]
) -> tuple[str, ...]:
    """The inputs to freeze: leaves of the scenario; at least one must still require grad."""
    text = query.get(KEY)
    if text is None:
        return ()
    names = [n.strip() for n in text.split(",") if n.strip()]
    leaves = {inp.name: inp for inp in scenario.inputs_for(values) if inp.differentiable}
    by_label = {inp.label: name for name, inp in leaves.items()}
    kept = tuple(dict.fromkeys(by_label.get(n, n) for n in names if by_label.get(n, n) in leaves))
    unknown = [n for n in names if by_label.get(n, n) not in leaves]
    if unknown:
        choices = ", ".join(inp.label for inp in leaves.values())
        notices.append(
            Notice(KEY, f"{echo(','.join(unknown))}: only leaves that require grad can be frozen ({choices})")
        )
    if kept and len(kept) == len(leaves):
        notices.append(Notice(KEY, "ignored: freezing every leaf leaves nothing to differentiate"))
        return ()
    return kept
