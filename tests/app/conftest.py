import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TIMEOUT = 120  # torch imports slowly on a cold machine


@pytest.fixture
def open_app():
    """Open the app at a query string, as a student opening a shared link."""

    def _open(**query: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return _open


def notice_params(at: AppTest) -> list[str]:
    """The parameters the page's notices name (notices are escaped plain text: "param: message")."""
    return [re.sub(r"\\(.)", r"\1", w.value).split(":", 1)[0] for w in at.warning]
