"""Streamlit's config, read without queueing behind its lock on every rerun.

Each rerun reads config options in Streamlit's own code: its ``new_session`` message reads
six theme sections, each a walk over all ~370 options, and every message and widget reads
one option. Every read takes the config's one lock, which the script threads of all
sessions and the event loop share: with 30 students, the walks held it long enough for the
threads to queue behind each other (py-spy, Streamlit 1.67). Here a theme section is read
once per parse of ``config.toml`` and the two per-message options without the lock; the
values are the same (``tests/app/test_config_reads.py``).
"""

from __future__ import annotations

from functools import wraps
from inspect import unwrap
from typing import Any

from streamlit import config

# Streamlit's own readers, also when this module is imported again (a reload while editing).
_read_section = unwrap(config.get_options_for_section)
_read_option = unwrap(config.get_option)
# Read for every message and widget; a read during a reparse of config.toml may see the
# default, which for these two is harmless (a caching threshold; whether AppTest runs).
LOCK_FREE = frozenset({"global.minCachedMessageSize", "global.appTest"})
_sections: dict[str, dict[str, Any]] = {}
_parsed: list[object] = [None]  # the dict of options the sections were read from


@wraps(_read_section)
def options_for_section(section: str) -> dict[str, Any]:
    """``config.get_options_for_section``, remembered until the options are parsed again.
    A parse holds the lock while it fills a new dict: while it does, read it as Streamlit does."""
    if not config._config_lock.acquire(blocking=False):
        return _read_section(section)
    try:
        options = config.get_config_options()
        if _parsed[0] is not options:
            _sections.clear()
            _parsed[0] = options
        if section not in _sections:
            _sections[section] = _read_section(section)
        return dict(_sections[section])  # a copy: a caller that changes it cannot change the next
    finally:
        config._config_lock.release()


@wraps(_read_option)
def get_option(key: str) -> Any:
    """``config.get_option``; the options in ``LOCK_FREE`` without the lock."""
    options = config._config_options
    if key in LOCK_FREE and options is not None and key in options:
        return options[key].value
    return _read_option(key)


def install() -> None:
    """Streamlit's modules call these through the ``config`` module, so they see the change."""
    config.get_options_for_section = options_for_section
    config.get_option = get_option
