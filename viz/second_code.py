"""The code export's cell for ``&order=2``: the notebook's way to differentiate a gradient again."""

from __future__ import annotations


def second_cell(out: str, leaves: list[str], labels: list[str], seed: str = "None") -> str:
    """Differentiate each entry of the gradient again (the backward pass above kept its graph);
    prints each row of the Hessian as the page shows it, or torch's error for a constant entry."""
    names = ", ".join(leaves)
    given = "" if seed == "None" else f"grad_outputs={seed}, "  # a vector output: backward(gradient=v)'s v
    return "\n".join(
        [
            "# second derivatives: create_graph=True makes the gradient a tensor with a graph",
            f"leaves = [{names}]",
            f"grads = torch.autograd.grad({out}, leaves, {given}create_graph=True)",
            "gradient = torch.cat([g.reshape(-1) for g in grads])",
            f"labels = {labels!r}",
            "for label, entry in zip(labels, gradient):",
            "    if entry.grad_fn is None:  # it does not depend on any input: its row is 0",
            "        try:",
            "            torch.autograd.grad(entry, leaves)",
            "        except RuntimeError as error:",
            "            print('RuntimeError:', error)",
            "        print('Hessian row', label, '=', fmt_values([0.0] * len(labels)))",
            "        continue",
            "    row = torch.autograd.grad(entry, leaves, retain_graph=True, allow_unused=True,",
            "                              materialize_grads=True)",
            "    row = torch.cat([r.reshape(-1) for r in row])",
            "    print('Hessian row', label, '=', fmt_values(row.tolist()))",
        ]
    )
