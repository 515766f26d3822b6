"""Gradient Lens core: scenarios, autograd tracing, graph-to-DOT, surfaces, export.

Importing the package registers the built-in scenarios. Nothing here imports
Streamlit; the UI lives in ``app.py``, ``pages/`` and ``viz/ui``.
"""

from viz import custom as _custom  # noqa: F401  (then the student's own f(x))
from viz import scenarios as _scenarios  # noqa: F401  (registers the built-ins)
