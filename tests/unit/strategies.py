"""Hypothesis strategies: valid expressions in the custom scenario's grammar,
and hostile or random text that must be refused cleanly."""

import re

from hypothesis import strategies as st

from viz.expression import FUNCTIONS

NUMBERS = st.sampled_from(["0", "1", "2", "3", "0.5", "1.5", "10", "1e-3", "2.5e1", "pi", "e"])
# Four of the eight variable names, drawn twice as often as numbers: one to four variables.
VARIABLE = st.sampled_from(["x", "y", "z", "w"])
LEAVES = st.one_of(VARIABLE, VARIABLE, NUMBERS)


def _extend(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    unary = st.builds(lambda a: f"-({a})", children)
    call = st.builds(lambda f, a: f"{f}({a})", st.sampled_from(sorted(FUNCTIONS)), children)
    binary = st.builds(
        lambda a, op, b: f"({a}){op}({b})", children, st.sampled_from(["+", "-", "*", "/", "**"]), children
    )
    return st.one_of(unary, call, binary)


VALID = st.recursive(LEAVES, _extend, max_leaves=8).filter(lambda s: len(s) <= 200)

# Two to four variables for certain: one small expression in x per variable, x renamed, joined.
IN_X = st.recursive(st.one_of(st.just("x"), st.just("x"), NUMBERS), _extend, max_leaves=4)
SEVERAL = st.builds(
    lambda parts, names, ops: "".join(
        (ops[i - 1] if i else "") + "(" + re.sub(r"\bx\b", name, part) + ")"
        for i, (part, name) in enumerate(zip(parts, names, strict=False))
    ),
    st.lists(IN_X, min_size=2, max_size=4),
    st.permutations(["x", "y", "z", "w"]),
    st.lists(st.sampled_from(["+", "-", "*", "/", "**"]), min_size=3, max_size=3),
).filter(lambda s: len(s) <= 200)

HOSTILE_ALPHABET = "x()*+-/^._,;:'\"`[]{}<>=!@#$%&|\\~?\n\t ａｓｉｎ\u200bαλ" + "0123456789"
RANDOM_TEXT = st.one_of(
    st.tuples(st.just("random unicode"), st.text(max_size=300)),
    st.tuples(st.just("hostile alphabet"), st.text(alphabet=HOSTILE_ALPHABET, max_size=250)),
    st.tuples(
        st.just("valid with one character inserted"),
        st.builds(
            lambda s, i, c: s[:i] + c + s[i:], VALID, st.integers(0, 200), st.sampled_from(HOSTILE_ALPHABET)
        ),
    ),
)
