"""Gradient Lens core: scenarios, autograd tracing, graph-to-DOT, surfaces, export.

Nothing here imports Streamlit; the UI lives in ``app.py``, ``app_pages/`` and
``viz/ui``. Importing ``viz.catalog`` registers the built-in scenarios; this
package itself imports nothing, so the symbolic worker can use the grammar
without loading torch.
"""
