"""Texts torch itself emits, captured once so the page quotes torch, not us.

``warnings.catch_warnings`` swaps a process-wide filter list, which is not
thread-safe while Streamlit runs sessions in threads; the capture runs once,
under a lock, and its result is reused.
"""

from __future__ import annotations

import threading
import warnings

import torch

_lock = threading.Lock()
_cache: dict[str, str] = {}


def nonleaf_grad_warning() -> str:
    """The UserWarning torch emits when ``.grad`` of a non-leaf tensor is read."""
    with _lock:
        if "nonleaf" not in _cache:
            leaf = torch.ones((), requires_grad=True)
            nonleaf = leaf * 2
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                _ = nonleaf.grad
            _cache["nonleaf"] = str(caught[0].message) if caught else ""
        return _cache["nonleaf"]
