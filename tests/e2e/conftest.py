import pytest

from tools.browser import chromium, streamlit_server


@pytest.fixture(scope="session")
def server_log(tmp_path_factory):
    return tmp_path_factory.mktemp("server") / "streamlit.log"


@pytest.fixture(scope="session")
def server_url(server_log):
    """The hosted entry point (``server.py``: the app behind its front door), so every
    browser test also checks that the security headers break nothing."""
    with streamlit_server("server.py", log=server_log) as url:
        yield url
    text = server_log.read_text()
    assert "Traceback" not in text, text[-3000:]


@pytest.fixture(scope="session")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda e: errors.append(str(e)))
    # Anything the Content-Security-Policy blocks is a part of the page that does not work.
    p.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    yield p
    context.close()
    assert not errors, errors
