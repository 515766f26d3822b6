"""The proxy's configuration: HAProxy itself checks every variant we generate."""

import subprocess

import pytest

from hosting.haproxy import COOKIE, Limits, ProxyConfig, render
from tools.browser import self_signed_pem


def _check(text: str, tmp_path) -> None:
    path = tmp_path / "haproxy.cfg"
    path.write_text(text)
    result = subprocess.run(["haproxy", "-c", "-f", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def pem(tmp_path_factory) -> str:
    return str(self_signed_pem(tmp_path_factory.mktemp("tls")))


@pytest.mark.parametrize("workers", [1, 2, 8])
def test_haproxy_accepts_the_configuration(workers: int, tmp_path) -> None:
    config = ProxyConfig(8500, tuple(f"127.0.0.1:{8600 + i}" for i in range(workers)))
    text = render(config)
    _check(text, tmp_path)
    assert text.count(" check cookie w") == workers
    assert f"cookie {COOKIE} insert indirect nocache httponly\n" in text  # no "secure" without TLS
    assert "Strict-Transport-Security" not in text and "balance source" not in text


def test_with_tls_the_cookie_is_secure_and_hsts_is_sent(pem: str, tmp_path) -> None:
    text = render(ProxyConfig(8443, ("127.0.0.1:8601",), tls_pem=pem, limits=Limits(10, 100, 5)))
    _check(text, tmp_path)
    assert f"ssl crt {pem}" in text and "httponly secure" in text
    assert 'Strict-Transport-Security "max-age=31536000"' in text
    assert "gt 10 }" in text and "gt 100 }" in text and "gt 5 }" in text
