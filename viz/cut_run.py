"""The forward pass with a cut made in it (``viz.cut``): the call that makes the named tensor
runs as written, then its result is detached, or it runs under ``torch.no_grad()``."""

from __future__ import annotations

from dataclasses import dataclass

from viz.cut import Cut
from viz.graph import Call, OpRecorder, make_tensors, run_forward
from viz.scenario import Scenario, Tensor, Values


@dataclass(frozen=True)
class CutPoint:
    """Where a cut was made: the tensors it stopped (detach: the original; no_grad: the
    operands that required grad) and the constant the rest of the forward pass used."""

    cut: Cut
    stopped: tuple[Tensor, ...]
    replacement: Tensor


def run_forward_cut(
    scenario: Scenario, values: Values, cut: Cut
) -> tuple[dict[str, Tensor], dict[str, Tensor], list[Call], CutPoint]:
    """``run_forward`` with the call that makes ``cut.name`` detached or run under no_grad."""
    _, named, calls = run_forward(scenario, values)  # which call makes the named tensor
    at = next(k for k, c in enumerate(calls) if c.out is named[cut.name])
    inputs = make_tensors(scenario, values)
    with OpRecorder(at, cut) as recorder:
        named = scenario.forward(inputs, values)
    call = recorder.calls[at]
    stopped = (
        (recorder.original,)
        if recorder.original is not None
        else tuple(t for t in call.tensors if t.requires_grad)
    )
    return inputs, named, recorder.calls, CutPoint(cut, stopped, call.out)
