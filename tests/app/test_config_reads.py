"""Streamlit's config read through ``viz/ui/config_reads.py`` gives the page the same theme and
options as Streamlit's own reads, and a new parse of config.toml is seen on the next run."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from streamlit import config
from streamlit.proto.NewSession_pb2 import CustomThemeConfig
from streamlit.runtime import app_session

from viz.ui import config_reads

SECTIONS = ("theme", *(f"theme.{s}" for s in ("light", "dark", "sidebar", "light.sidebar", "dark.sidebar")))


@pytest.fixture
def installed() -> Iterator[None]:
    """The repo's config.toml parsed, the reads installed; Streamlit's own restored after."""
    before = (config.get_options_for_section, config.get_option)
    config.get_config_options(force_reparse=True)
    config_reads.install()
    try:
        yield
    finally:
        config.get_options_for_section, config.get_option = before
        config.get_config_options(force_reparse=True)


def _theme() -> CustomThemeConfig:
    msg = CustomThemeConfig()
    app_session._populate_theme_msg(msg)
    return msg


@pytest.mark.usefixtures("installed")
def test_the_page_gets_the_theme_streamlit_reads() -> None:
    for section in SECTIONS:
        assert config_reads.options_for_section(section) == config_reads._read_section(section)
    theme = _theme()
    assert theme.primary_color == "#b71c1c"  # the repo's config.toml: the page's red
    config.get_options_for_section = config_reads._read_section
    assert _theme() == theme


@pytest.mark.usefixtures("installed")
def test_a_new_parse_of_the_config_is_read_on_the_next_run() -> None:
    assert config_reads.options_for_section("theme")["primaryColor"] == "#b71c1c"
    config.get_config_options(force_reparse=True, options_from_flags={"theme.primaryColor": "#123456"})
    assert _theme().primary_color == "#123456"


@pytest.mark.usefixtures("installed")
def test_a_caller_that_changes_a_section_does_not_change_the_next_read() -> None:
    config_reads.options_for_section("theme")["primaryColor"] = "#000000"
    assert config_reads.options_for_section("theme")["primaryColor"] == "#b71c1c"


@pytest.mark.usefixtures("installed")
def test_options_read_without_the_lock_are_streamlits_values() -> None:
    config.set_option("global.minCachedMessageSize", 4321)
    for key in (*config_reads.LOCK_FREE, "client.showErrorDetails", "server.maxMessageSize"):
        assert config.get_option(key) == config_reads._read_option(key)
    assert config.get_option("global.minCachedMessageSize") == 4321
    with pytest.raises(RuntimeError, match="not defined"):
        config.get_option("global.noSuchOption")
