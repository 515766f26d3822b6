"""Each backward function's local derivative: as LaTeX, and as numbers.

A step of the backward pass multiplies the gradient a function receives
(upstream) by its local derivative for each input. The numbers here come from
what autograd saved for backward, so a test can hold them against the
gradients the hooks recorded. A function the scenarios produce without an
entry here fails the tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from viz.trace import Node

Local = Callable[[Node], list[ArrayLike]]


def _s(node: Node, key: str) -> np.ndarray:
    return np.asarray(node.saved_value(key), dtype=np.float64)


def _get(node: Node, key: str, default: float) -> np.ndarray:
    saved = dict(node.saved)
    return np.asarray(saved.get(key, (default,)), dtype=np.float64)


@dataclass(frozen=True)
class Rule:
    """``local`` gives one derivative per input: element-wise (multiplied with the upstream
    gradient), or with ``jacobian`` the whole J of a function mixing elements (upstreamᵀ J).
    A matrix product's J is never built: ``matrix`` says, for each input, what multiplies the
    upstream gradient (in words) and what that sends."""

    latex: str
    local: Local
    jacobian: bool = False
    matrix: Callable[[Node, np.ndarray], list[tuple[str, np.ndarray]]] | None = None


def _softmax(n: Node) -> list[ArrayLike]:
    s = _s(n, "result")
    return [np.diag(s) - np.outer(s, s)]


def _pow(n: Node) -> list[ArrayLike]:
    p = _s(n, "exponent")
    return [p * _s(n, "self") ** (p - 1)]


def _m(node: Node, key: str) -> np.ndarray:
    """A saved tensor in its shape."""
    shape = dict(zip((k for k, _ in node.saved), node.saved_meta, strict=True))[key]
    return _s(node, key).reshape(shape[0] if shape else ())


def _addmm(n: Node, up: np.ndarray) -> list[tuple[str, np.ndarray]]:
    g = up.reshape(n.shape)
    sends = [(f"upstream {list(g.shape)} summed over its {g.shape[0]} rows (the batch)", g.sum(0))]
    mat2 = _m(n, "mat2") if "mat2" in dict(n.saved) else None
    sends.append((f"upstream @ mat2ᵀ, mat2 {list(mat2.shape)}", g @ mat2.T) if mat2 is not None else ("", g))
    mat1 = _m(n, "mat1") if "mat1" in dict(n.saved) else None
    sends.append((f"mat1ᵀ @ upstream, mat1 {list(mat1.shape)}", mat1.T @ g) if mat1 is not None else ("", g))
    return sends


def _bce(n: Node) -> list[ArrayLike]:
    p, y = _s(n, "self"), _s(n, "target")
    per = (p - y) / np.maximum(p * (1 - p), 1e-12)  # torch's own floor on p(1 − p)
    return [per / p.size if _s(n, "reduction")[0] == 1 else per]


RULES: dict[str, Rule] = {
    "PowBackward0": Rule(r"\frac{d\,u^{p}}{du} = p\,u^{p-1}", _pow),
    "SinBackward0": Rule(r"\frac{d\,\sin u}{du} = \cos u", lambda n: [np.cos(_s(n, "self"))]),
    "CosBackward0": Rule(r"\frac{d\,\cos u}{du} = -\sin u", lambda n: [-np.sin(_s(n, "self"))]),
    "ExpBackward0": Rule(r"\frac{d\,e^{u}}{du} = e^{u}", lambda n: [_s(n, "result")]),
    "LogBackward0": Rule(r"\frac{d\,\log u}{du} = \frac{1}{u}", lambda n: [1 / _s(n, "self")]),
    "SqrtBackward0": Rule(r"\frac{d\,\sqrt{u}}{du} = \frac{1}{2\sqrt{u}}", lambda n: [0.5 / _s(n, "result")]),
    "TanBackward0": Rule(r"\frac{d\,\tan u}{du} = 1 + \tan^2 u", lambda n: [1 + _s(n, "result") ** 2]),
    "ReciprocalBackward0": Rule(r"\frac{d\,(1/u)}{du} = -\frac{1}{u^2}", lambda n: [-(_s(n, "result") ** 2)]),
    "PowBackward1": Rule(
        r"\frac{\partial\,a^{b}}{\partial a} = b\,a^{b-1},\quad "
        r"\frac{\partial\,a^{b}}{\partial b} = a^{b}\log a",
        lambda n: [
            _s(n, "exponent") * _s(n, "self") ** (_s(n, "exponent") - 1),
            _s(n, "result") * np.log(_s(n, "self")),
        ],
    ),
    "PowBackward2": Rule(
        r"\frac{d\,c^{u}}{du} = c^{u}\log c", lambda n: [_s(n, "result") * np.log(_s(n, "self"))]
    ),
    "TanhBackward0": Rule(r"\frac{d\,\tanh u}{du} = 1 - \tanh^2 u", lambda n: [1 - _s(n, "result") ** 2]),
    "SigmoidBackward0": Rule(
        r"\frac{d\,\sigma(u)}{du} = \sigma(u)\,\big(1 - \sigma(u)\big)",
        lambda n: [_s(n, "result") * (1 - _s(n, "result"))],
    ),
    "ReluBackward0": Rule(
        r"\frac{d\,\mathrm{relu}(u)}{du} = [u > 0]", lambda n: [(_s(n, "result") > 0).astype(np.float64)]
    ),
    "AbsBackward0": Rule(r"\frac{d\,|u|}{du} = \operatorname{sign} u", lambda n: [np.sign(_s(n, "self"))]),
    "ClampBackward1": Rule(
        r"\frac{d\,\mathrm{clamp}(u, lo, hi)}{du} = [lo \le u \le hi]",
        lambda n: [((_s(n, "self") >= _s(n, "min")) & (_s(n, "self") <= _s(n, "max"))).astype(np.float64)],
    ),
    "MulBackward0": Rule(
        r"\frac{\partial (a\,b)}{\partial a} = b,\quad \frac{\partial (a\,b)}{\partial b} = a",
        lambda n: [_get(n, "other", np.nan), _get(n, "self", np.nan)],
    ),
    "MulBackward1": Rule(r"\frac{d\,(c\,u)}{du} = c", lambda n: [_s(n, "other")]),
    "DivBackward0": Rule(
        r"\frac{\partial (a/b)}{\partial a} = \frac{1}{b},\quad "
        r"\frac{\partial (a/b)}{\partial b} = -\frac{a}{b^2}",
        lambda n: [1 / _get(n, "other", np.nan), -_get(n, "self", np.nan) / _get(n, "other", np.nan) ** 2],
    ),
    "DivBackward1": Rule(r"\frac{d\,(u/c)}{du} = \frac{1}{c}", lambda n: [1 / _s(n, "other")]),
    "AddBackward0": Rule(
        r"\frac{\partial (a + b)}{\partial a} = 1,\quad \frac{\partial (a + b)}{\partial b} = 1",
        lambda n: [np.float64(1), _get(n, "alpha", 1.0)],
    ),
    "AddBackward1": Rule(r"\frac{d\,(u + c)}{du} = 1", lambda n: [np.float64(1)]),
    "SubBackward0": Rule(
        r"\frac{\partial (a - b)}{\partial a} = 1,\quad \frac{\partial (a - b)}{\partial b} = -1",
        lambda n: [np.float64(1), -_get(n, "alpha", 1.0)],
    ),
    "SubBackward1": Rule(r"\frac{d\,(u - c)}{du} = 1", lambda n: [np.float64(1)]),
    "RsubBackward1": Rule(r"\frac{d\,(c - u)}{du} = -1", lambda n: [-_get(n, "alpha", 1.0)]),
    "NegBackward0": Rule(r"\frac{d\,(-u)}{du} = -1", lambda n: [np.float64(-1)]),
    "MeanBackward0": Rule(
        r"\frac{\partial\,\mathrm{mean}(u)}{\partial u_i} = \frac{1}{n}",
        lambda n: [
            np.full(int(np.prod(_s(n, "self_sym_sizes"))), 1 / np.prod(_s(n, "self_sym_sizes")), np.float64)
        ],
    ),
    "SumBackward0": Rule(
        r"\frac{\partial\,\sum_j u_j}{\partial u_i} = 1",
        lambda n: [np.ones(int(np.prod(_s(n, "self_sym_sizes"))), np.float64)],
    ),
    "SoftmaxBackward0": Rule(
        r"\frac{\partial s_i}{\partial u_j} = s_i([i = j] - s_j):\ J = \operatorname{diag}(s) - s s^\top",
        _softmax,
        jacobian=True,
    ),
    "AddmmBackward0": Rule(
        r"z = b + A B:\ \frac{\partial L}{\partial A} = g B^\top,\ \frac{\partial L}{\partial B} = A^\top g,"
        r"\ \frac{\partial L}{\partial b} = \textstyle\sum_{\mathrm{rows}} g",
        lambda n: [],
        matrix=_addmm,
    ),
    "TBackward0": Rule(
        r"z = W^\top:\ \frac{\partial L}{\partial W} = g^\top",
        lambda n: [],
        matrix=lambda n, up: [(f"upstreamᵀ (back to {list(n.shape[::-1])})", up.reshape(n.shape).T)],
    ),
    "BinaryCrossEntropyBackward0": Rule(
        r"\frac{\partial\,\mathrm{BCE}}{\partial p_i} = \frac{p_i - y_i}{n\,p_i(1 - p_i)}", _bce
    ),
    "AccumulateGrad": Rule(r"x.\mathrm{grad} \mathrel{+}= g", lambda n: []),
}


@dataclass(frozen=True)
class Link:
    """One input of a step: where the gradient goes and the chain-rule product."""

    to: str
    upstream: tuple[float, ...]
    local: tuple[float, ...]  # element-wise factors, or J's entries row by row
    product: tuple[float, ...]
    rows: int = 0  # J's rows when ``local`` is a Jacobian (then product = upstreamᵀ J)
    how: str = ""  # a matrix product's step in words (``local`` is then empty)


def links(node: Node, upstream: tuple[float, ...]) -> list[Link]:
    """For each input of ``node``: upstream × local = the gradient sent to it."""
    rule = RULES[node.op]
    up = np.asarray(upstream, dtype=np.float64)
    if rule.matrix is not None:
        sends = rule.matrix(node, up)
        pairs = zip(node.inputs, sends, strict=False)
        return [
            Link(src, _floats(up), (), _floats(sent), how=how)
            for src, (how, sent) in pairs
            if src is not None
        ]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # inf and nan are the lesson
        locals_ = rule.local(node)
    out = []
    for src, local in zip(node.inputs, locals_, strict=False):
        if src is None:
            continue
        local = np.asarray(local, dtype=np.float64)
        if rule.jacobian:
            product = up.reshape(-1) @ local
            out.append(Link(src, _floats(up), _floats(local), _floats(product), local.shape[0]))
            continue
        local = np.broadcast_to(local, np.broadcast_shapes(local.shape, up.shape))
        with np.errstate(invalid="ignore", over="ignore"):
            product = (up * local).reshape(-1)
        out.append(Link(src, _floats(up), _floats(local), _floats(product)))
    return out


def _floats(a: np.ndarray) -> tuple[float, ...]:
    return tuple(float(v) for v in np.asarray(a).reshape(-1))
