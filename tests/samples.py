"""Random inputs for any registered scenario, shared by the unit tests."""

import random

from viz.scenario import Scenario

EXPRESSIONS = (
    "sin(x**2) * exp(-x)", "x**3 - 2*x", "tanh(x) / (1 + x**2)", "sigmoid(3*x) * cos(x)",
    "sqrt(1 + x**2)", "log(2 + sin(x))", "relu(x - 0.5) + abs(x)", "exp(-x**2 / 2)", "2**x", "x**x + 1",
    "1 / (1 + exp(-x))", "tan(x / 4)", "7", "x",
)  # fmt: skip


def random_values(spec: Scenario, rng: random.Random, span: float = 3.0) -> dict:
    values: dict = {}
    for i in spec.inputs:
        if i.kind == "label":
            values[i.name] = float(rng.choice((0, 1)))
        elif i.kind == "vector":
            values[i.name] = tuple(rng.uniform(-5, 5) for _ in range(rng.randint(1, 8)))
        elif i.kind == "expr":
            values[i.name] = rng.choice(EXPRESSIONS)
        else:
            values[i.name] = rng.uniform(-span, span)
    if values.get("expr") == "x**x + 1":
        values["x"] = abs(values["x"]) + 0.1  # x**x is real for x > 0
    return values
