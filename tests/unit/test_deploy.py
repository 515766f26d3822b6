"""The hosted setups are checked without Docker or a cluster: each file against its schema,
and against the app (the health path, the entry point, the files the image needs)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from hosting.haproxy import ProxyConfig, Replicas, render

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
MANIFESTS = sorted((ROOT / "deploy" / "k8s").glob("*.yaml"))


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT)


def test_compose_file_follows_the_compose_spec() -> None:
    result = _run(
        str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.compose-spec", "deploy/docker-compose.yml"
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_kubernetes_manifests_follow_kubernetes_schemas(tmp_path) -> None:
    result = _run(str(BIN / "kubernetes-validate"), "--strict", *map(str, MANIFESTS))
    assert result.returncode == 0 and len(MANIFESTS) == 3, result.stdout + result.stderr
    broken = tmp_path / "broken.yaml"  # the validator does catch a misspelt field
    broken.write_text(
        (ROOT / "deploy/k8s/deployment.yaml").read_text().replace("readinessProbe", "readynessProbe")
    )
    assert _run(str(BIN / "kubernetes-validate"), "--strict", str(broken)).returncode != 0


def test_the_compose_proxy_configuration_is_the_generated_one(tmp_path) -> None:
    text = (ROOT / "deploy" / "haproxy.cfg").read_text()
    assert text == render(ProxyConfig(8500, replicas=Replicas()))
    (tmp_path / "haproxy.cfg").write_text(text)
    check = subprocess.run(
        ["haproxy", "-c", "-f", str(tmp_path / "haproxy.cfg")], capture_output=True, text=True,
        env=os.environ | {"LENS_COOKIE_KEY": "test"},
    )  # fmt: skip
    assert check.returncode == 0, check.stdout + check.stderr


def test_probes_and_entry_points_match_the_app() -> None:
    docs = [doc for path in MANIFESTS for doc in yaml.safe_load_all(path.read_text())]
    deployment = next(d for d in docs if d["kind"] == "Deployment")
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    for probe in ("readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"]["path"] == "/_stcore/health"
    ingress = next(d for d in docs if d["kind"] == "Ingress")
    assert ingress["metadata"]["annotations"]["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert '"server.py"' in dockerfile.split("CMD", 1)[1]  # the image runs the app behind its front door


def test_every_file_the_image_copies_exists() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    sources = [s for line in re.findall(r"^COPY (.+) \S+$", dockerfile, re.M) for s in line.split()]
    assert sources and all((ROOT / s).exists() for s in sources), sources
    imported = {"app.py", "server.py", "viz", "hosting", "app_pages", ".streamlit"}
    assert imported <= set(sources)
