"""A markdown table's cells: shown exactly as written (a copy gives the same text), every number
kept whole for a phone's line breaks, and no tag but the ones the table adds."""

import re

import pytest
import torch

from tests.unit.test_hostile import FAMILIES
from viz.numbers import fmt_values
from viz.ui.text import markdown_table, whole_words

ADDED = re.compile(r'<span class="gl-whole">|</span>|<wbr>')
VECTORS = [fmt_values(torch.randn(n, generator=torch.Generator().manual_seed(n)).tolist()) for n in (2, 12)]
CELLS = [*VECTORS, "[1.0587e-06, -3.2000e+07, 0.0000]", "min -0.0250 max 0.0285 norm 0.0682",
         "0.0000 + 813.3619 = 813.3619", "SigmoidBackward0", "— (constant)", "(1 − y)·log(1 − y_pred)",
         *FAMILIES["HTML/JS injection"]]  # fmt: skip


def read(markup: str) -> str:
    """What the student reads: the added markup gone, markdown escapes undone."""
    return re.sub(r"\\(.)", r"\1", ADDED.sub("", markup))


@pytest.mark.parametrize("cell", CELLS)
def test_a_cell_reads_as_written_with_no_tag_of_its_own(cell: str) -> None:
    shown = whole_words(cell)
    assert read(shown) == cell
    assert "<" not in ADDED.sub("", shown).replace("\\<", "")


@pytest.mark.parametrize("cell", CELLS)
def test_every_number_sits_whole_in_one_span(cell: str) -> None:
    spans = [read(s) for s in re.findall(r'<span class="gl-whole">(.*?)</span>', whole_words(cell))]
    numbers = re.findall(r"-?\d+\.\d+(?:e[-+]\d+)?", cell)
    assert sorted(numbers) == sorted(n for s in spans for n in re.findall(r"-?\d+\.\d+(?:e[-+]\d+)?", s))


def test_a_backward_functions_name_may_break_only_between_its_words() -> None:
    assert whole_words("AccumulateGrad") == "Accumulate<wbr>Grad"
    assert whole_words("SigmoidBackward0") == "Sigmoid<wbr>Backward0"


def test_a_vector_printed_on_two_lines_stays_in_its_row() -> None:
    """mlp's 6-element gradients are printed 4 a line: the break ended the row mid-cell."""
    cell = fmt_values(tuple(range(6)), per_line=4)
    text = markdown_table(["tensor", ".grad", "kind"], [["W1", cell, "leaf"]])
    one_line = " ".join(cell.split())
    assert len(text.splitlines()) == 3 and read(text.splitlines()[2]) == f"| W1 | {one_line} | leaf |"


def test_the_table_escapes_its_header_and_cells() -> None:
    text = markdown_table(["y_pred", "<b>"], [["x**2", "[0.1000, -0.2000]"]])
    assert text.splitlines()[0] == "| y\\_pred | \\<b\\> |"
    assert "x\\*\\*2" in text and text.count('class="gl-whole"') == 2


def test_a_label_stays_on_the_line_of_its_number() -> None:
    spans = re.findall(r'<span class="gl-whole">(.*?)</span>', whole_words("min -0.0250 max 0.0285"))
    assert [read(s) for s in spans] == ["min -0.0250", "max 0.0285"]
