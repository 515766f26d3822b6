"""Hostile links, as a student might be sent them: every link parameter of every scenario
with generated bad values. Each ends in the page with notices, never in Streamlit's error.

One AppTest session opens link after link (as one browser tab would), and a fresh session
starts every ``FRESH`` links; hypothesis draws at least 2,000 links per run.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP, TIMEOUT
from tests.unit.strategies import HOSTILE_ALPHABET, VALID
from viz.display_options import KEYS as DISPLAY_KEYS
from viz.expression import VARIABLES
from viz.lesson import KEYS as LESSON_KEYS
from viz.scenario import REGISTRY
from viz.state import AXES_KEY, PLOT_KEY, SCENARIO_KEY

LINKS = 2_000
FRESH = 100
NUMBERS = st.one_of(
    st.floats().map(repr),
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(
        ["1e-400", "-1e-400", "1e400", "4.9e-324", "-0", "0x10", "1_0", "١", "nan", "-inf", " 3 "]
    ),
)
LISTS = st.lists(st.one_of(NUMBERS, st.just("")), max_size=12).map(",".join)
TEXT = st.one_of(st.text(max_size=60), st.text(alphabet=HOSTILE_ALPHABET, max_size=60), st.just("x" * 5000))
EXPRESSIONS = st.one_of(
    VALID, st.sampled_from(["2**1000", "relu(1/relu(x))", "x*y*z*w", "1/(x-x)", "x+y+z+w+b"])
)
VALUES = st.one_of(
    NUMBERS, LISTS, TEXT, EXPRESSIONS, st.sampled_from(["", ",", ",,", "b,z,q", "0,1", "x,y", "w,b"])
)
KEYS = sorted({SCENARIO_KEY, AXES_KEY, PLOT_KEY, *LESSON_KEYS, *DISPLAY_KEYS, *VARIABLES, "xs", "expr", "zz"}
              | {inp.name for s in REGISTRY.values() for inp in s.inputs})  # fmt: skip
LINK = st.tuples(
    st.sampled_from([*REGISTRY, "nope"]),
    st.lists(st.tuples(st.sampled_from(KEYS), VALUES), min_size=1, max_size=4),
)


class Tab:
    """One AppTest session reused for many links, replaced every FRESH links."""

    def __init__(self) -> None:
        self.opened = 0
        self.at = AppTest.from_file(APP, default_timeout=TIMEOUT)

    def open(self, query: list[tuple[str, str]]) -> AppTest:
        if self.opened and self.opened % FRESH == 0:
            self.at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        self.opened += 1
        for key in list(self.at.query_params):
            del self.at.query_params[key]
        for key, value in query:
            self.at.query_params[key] = value
        return self.at.run()


TAB: list[Tab] = []


@settings(max_examples=LINKS, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(LINK)
def test_generated_hostile_links_never_end_in_an_error(link: tuple[str, list[tuple[str, str]]]) -> None:
    if not TAB:
        TAB.append(Tab())
    scenario_id, params = link
    at = TAB[0].open([(SCENARIO_KEY, scenario_id), *params])
    assert not at.exception, (link, at.exception[0].value)
    assert at.query_params[SCENARIO_KEY] in REGISTRY
    assert at.title  # the page was drawn
    assert TAB[0].opened >= 1


FIXED = [
    {"scenario": "vector_mean", "xs": "-11"},
    {"scenario": "vector_mean", "xs": "1", "axes": "0,1"},
    {"scenario": "vector_mean", "xs": "1e-400"},
    {"scenario": "custom", "expr": "2**1000", "x": "0.5"},
    {"scenario": "custom", "expr": "relu(1/relu(x))", "x": "0.5"},
    {"scenario": "custom", "expr": "x*y*z", "axes": "z,z", "y": "nan", "step": "99", "gd": "100", "lr": "10"},
    {"scenario": "logistic_bce", "w": "10", "b": "10", "gd": "100", "lr": "10", "plot": "surface3d"},
]


@pytest.mark.parametrize("query", FIXED, ids=[str(i) for i in range(len(FIXED))])
def test_links_that_once_crashed_show_the_page(open_app, query: dict) -> None:
    at = open_app(**query)  # open_app asserts there is no exception
    assert at.title and at.query_params["scenario"] == query["scenario"]


@pytest.mark.parametrize(
    ("padding", "says"),
    [
        ({f"k{i}": "1" for i in range(1_100)}, "1,102 parameters, more than 1,000"),
        ({"pad": "a" * 600_000}, "600,021 characters, more than 524,288"),
    ],
    ids=["too many parameters", "too long"],
)
def test_a_link_streamlit_drops_whole_says_so(open_app, padding: dict, says: str) -> None:
    """Streamlit ignores such a query entirely: the page says the default view is not the link's."""
    at = open_app(scenario="sin", x="1", **padding)
    notes = [w.value for w in at.warning]
    assert any(says in n and "default view" in n for n in notes), notes
    assert at.query_params["scenario"] != "sin"  # what the page shows instead
