"""The kept plot's component (``viz/ui/kept_chart.js``) on its own, in Chromium, with plotly
stubbed: Streamlit calls it once per container, and a call can come late, from a run the page
has already left. CI once saw a presenter page whose 3D plot never appeared (no plot anywhere in
the page, the script done): the plot had gone with a container that left the page."""

from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
SOURCE = (Path(__file__).parents[2] / "viz" / "ui" / "kept_chart.js").read_text()

# A page with two containers, A (the run the page left) and B (the newest run), and plotly
# stubbed: `react` records which figure it drew where.
SETUP = """async (source) => {
  window.Plotly = {Icons: {camera: {}}, react: (gd, traces, layout) => {
    gd.drawn = layout.title; gd._fullLayout = {}; return Promise.resolve(); }};
  const url = URL.createObjectURL(new Blob([source], {type: 'text/javascript'}));
  window.component = (await import(url)).default;
  for (const name of ['A', 'B', 'C']) {
    const box = document.createElement('div'); box.id = name; document.body.appendChild(box);
  }
  window.cleanups = {};
  window.call = (name) => { window.cleanups[name] = window.component({
    parentElement: document.getElementById(name) ?? window.gone[name],
    setTriggerValue: () => {},
    data: {slot: 'scene', figure: JSON.stringify({data: [{x: [1]}], layout: {title: name}}),
           hashes: ['h'], config: {}, src: '', revision: '', fit: {}},
  }); };
  window.gone = {};
  window.leave = (name) => { window.gone[name] = document.getElementById(name); window.gone[name].remove(); };
  window.where = () => {
    const plot = document.querySelector('.lens-kept');
    return plot ? [plot.parentElement.id, plot.drawn] : null;
  };
}"""


def test_a_late_call_from_a_container_that_leaves_does_not_take_the_plot(browser) -> None:
    page = browser.new_page()
    try:
        page.evaluate(SETUP, SOURCE)
        page.evaluate("call('A')")
        page.wait_for_function("where()?.[1] === 'A'")
        page.evaluate("call('B')")  # the newer run
        page.wait_for_function("where()?.[1] === 'B'")
        # The run the page left calls late, while its container is still on the page ...
        page.evaluate("call('A')")
        page.wait_for_function("where()?.[0] === 'A'")
        # ... then goes: the plot is back in the newest container, with the newest figure.
        page.evaluate("leave('A')")
        page.evaluate("cleanups.A()")
        page.wait_for_timeout(200)
        assert page.evaluate("where()") == ["B", "B"]
        # A call from a container already gone leaves the plot where it is.
        page.evaluate("leave('C')")
        page.evaluate("call('C')")
        page.wait_for_timeout(200)
        assert page.evaluate("where()") == ["B", "B"]
        # The plot leaves the page (another plot kind): it is not brought back.
        page.evaluate("leave('B')")
        page.evaluate("cleanups.B()")
        page.wait_for_timeout(200)
        assert page.evaluate("where()") is None
    finally:
        page.close()
