"""Once per server process, on the first run: import what every page needs,
then move those long-lived objects out of the garbage collector's way.

Streamlit runs ``gc.collect(2)`` after every script run (``runner.postScriptGC``).
With torch and plotly loaded that walks a few hundred thousand objects, more
than the page itself costs (the memory soak's rerun p50: 137 ms, against 48 ms
once they are frozen). ``gc.freeze()`` puts the objects alive after the imports
(modules, classes, templates: they live as long as the process) in a permanent
generation, so the forced collection only walks what a rerun allocated and
still frees it. The memory soak in ``benchmarks/`` compares this with the
default and with the collection off.

No full collection before the freeze: after these imports it finds ~20
unreachable objects (~6,500 when app.py keeps the collector off during the
import), and costs 0.13 s of the first visit's wait.
"""

from __future__ import annotations

import gc
import os

import viz.catalog  # (torch, the scenarios)
import viz.ui.cache  # (the caches)
import viz.ui.downloads  # (the export side: graphviz)
import viz.ui.presenter
import viz.ui.sidebar
import viz.ui.stepper
import viz.ui.tabs  # noqa: F401  (plotly, the lesson panels; pandas waits for the first table)
from viz.plot_style import prepare_templates
from viz.ui import config_reads

prepare_templates()
config_reads.install()
if os.environ.get("GRADIENT_LENS_GC_FREEZE", "1") != "0":  # "0": only for the memory benchmark
    gc.freeze()
