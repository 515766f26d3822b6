"""The network's part of the exported script: the same data, the same initialisation from
the same seed, and the same SGD steps, so the script's weights are the page's."""

from __future__ import annotations

from viz.kinds import as_float
from viz.kinds_discrete import as_int
from viz.mlp_data import dataset
from viz.scenario import Values


def training_lines(values: Values) -> list[str]:
    points, labels = dataset(str(values["data"]))
    hidden, seed, steps = as_int(values["hidden"]), as_int(values["seed"]), as_int(values["steps"])
    return [
        f"# the data set: {values['data']} ({len(points)} points)",
        f"X = torch.tensor({[list(p) for p in points]!r})",
        f"y = torch.tensor({[[v] for v in labels]!r})",
        "",
        f"# the network, its weights drawn as nn.Linear draws them, from a generator of seed {seed}",
        f"net = nn.Sequential(nn.Linear(2, {hidden}), nn.Tanh(), nn.Linear({hidden}, 1), nn.Sigmoid())",
        f"g = torch.Generator().manual_seed({seed})",
        "with torch.no_grad():",
        "    for layer in (net[0], net[2]):",
        "        bound = 1 / math.sqrt(layer.in_features)",
        "        layer.weight.uniform_(-bound, bound, generator=g)",
        "        layer.bias.uniform_(-bound, bound, generator=g)",
        "",
        f"# {steps} steps of SGD on the whole data set: real optimizer.step() calls",
        f"optimizer = torch.optim.SGD(net.parameters(), lr={as_float(values['lr'])!r})",
        f"for step in range({steps}):",
        "    optimizer.zero_grad()",
        "    torch.nn.functional.binary_cross_entropy(net(X), y).backward()",
        "    optimizer.step()",
        "",
        "# the trained weights as leaves: the graph below is the one the page draws",
        "W1 = net[0].weight.detach().clone().requires_grad_()",
        "b1 = net[0].bias.detach().clone().requires_grad_()",
        "W2 = net[2].weight.detach().clone().requires_grad_()",
        "b2 = net[2].bias.detach().clone().requires_grad_()",
    ]
