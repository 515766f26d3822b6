"""A faster graph redraw, for the browser's sake.

``st.graphviz_chart`` draws with d3-graphviz, which on every redraw prepares edge tweening:
it walks each edge of the previous graph in 1-unit steps with ``getPointAtLength`` on
detached ``<path>`` copies (thousands of calls: ~110 ms per move on the second-derivative
graph of ``logistic_bce``, measured in Chromium). Streamlit never animates the graph, so
those samples are never read. A ``<path>`` outside the document now reports length 0,
which leaves two samples per edge; paths on the page (plotly's included) measure as before.
"""

from __future__ import annotations

GRAPH_JS = """(() => {
  if (window.lensDetachedLength) return;  // once per page load
  window.lensDetachedLength = true;
  const measure = SVGPathElement.prototype.getTotalLength;
  SVGPathElement.prototype.getTotalLength = function () {
    return this.isConnected ? measure.call(this) : 0;
  };
})();
"""
