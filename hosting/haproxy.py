"""HAProxy in front of several Streamlit servers: one address for the class.

``render`` writes the whole configuration from a typed description, so ``scripts/serve``
and ``deploy/`` share one source; ``python -m hosting.haproxy`` prints it.

Sticky by cookie, never by client address: a whole classroom often shares one NAT
address, and a student's session, reconnects and downloads live in one server process.
The per-address limits are sized for such a classroom, not for one person.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

COOKIE = "LENS_WORKER"
METRICS = "/_stcore/metrics"
# The proxy's own answers, short and plain. (A request too long to parse gets HAProxy's
# built-in "400 Bad request" page: it is answered before these rules apply.)
PAGES = {
    429: "Too many requests from your network just now. Wait a few seconds and reload.",
    503: "Gradient Lens is starting or restarting. Reload in a few seconds.",
}


@dataclass(frozen=True)
class Limits:
    """Per client address. ``connections``: open at once (one websocket per open tab, so a
    NAT'd lecture hall of 300 fits); ``requests``: HTTP requests per 10 s (a first visit
    fetches ~40 files); ``sessions``: new websockets per 10 s (each runs the page once)."""

    connections: int = 600
    requests: int = 20_000
    sessions: int = 600


@dataclass(frozen=True)
class Replicas:
    """Workers found by DNS (Docker Compose's ``--scale``): up to ``most`` addresses of
    ``service:port``. Their cookie values are hashes of the address with a secret key
    (HAProxy's ``LENS_COOKIE_KEY`` variable), so the cookie does not reveal them."""

    service: str = "app"
    port: int = 8501
    most: int = 8
    nameserver: str = "127.0.0.11:53"  # Docker's embedded DNS


@dataclass(frozen=True)
class ProxyConfig:
    """``workers``: the Streamlit servers' ``host:port`` (or ``replicas`` to find them by DNS);
    ``tls_pem``: certificate and key in one file when TLS ends at the proxy (then HSTS is
    sent for ``hsts_seconds``)."""

    port: int
    workers: tuple[str, ...] = ()
    bind: str = "0.0.0.0"
    tls_pem: str | None = None
    hsts_seconds: int = 31_536_000
    limits: Limits = Limits()
    replicas: Replicas | None = None


def _frontend(c: ProxyConfig) -> list[str]:
    tls = f" ssl crt {c.tls_pem} alpn http/1.1" if c.tls_pem else ""
    lines = [
        "frontend class",
        f"    bind {c.bind}:{c.port}{tls}",
        "    stick-table type ipv6 size 100k expire 60s store conn_cur,http_req_rate(10s)",
        "    tcp-request connection track-sc0 src",
        f"    tcp-request connection reject if {{ sc_conn_cur(0) gt {c.limits.connections} }}",
        f"    http-request deny deny_status 429 if {{ sc_http_req_rate(0) gt {c.limits.requests} }}",
        "    acl websocket hdr(upgrade) -i websocket",
        "    http-request track-sc1 src table sessions if websocket",
        "    http-request sc-inc-gpc0(1) if websocket",  # counted now, not when the websocket ends
        f"    http-request deny deny_status 429 if websocket {{ sc_gpc0_rate(1) gt {c.limits.sessions} }}",
        f"    http-request deny deny_status 404 if {{ path,lower -m sub {METRICS} }}",
        "    http-response set-header X-Content-Type-Options nosniff",
    ]
    if c.tls_pem:
        lines += [
            "    http-request set-header X-Forwarded-Proto https",
            f'    http-response set-header Strict-Transport-Security "max-age={c.hsts_seconds}"',
        ]
    return [*lines, "    default_backend workers"]


def _backend(c: ProxyConfig) -> list[str]:
    secure = " secure" if c.tls_pem else ""
    dynamic = " dynamic" if c.replicas else ""
    lines = [
        "backend workers",
        "    balance leastconn",  # websockets are long: count them, not requests
        f"    cookie {COOKIE} insert indirect nocache httponly{secure}{dynamic}",
        "    option httpchk GET /_stcore/health",
        "    http-check expect status 200",
        "    default-server inter 2s fall 3 rise 2",
    ]
    if r := c.replicas:
        return [
            *lines,
            '    dynamic-cookie-key "${LENS_COOKIE_KEY}"',
            f"    server-template w 1-{r.most} {r.service}:{r.port} check resolvers dns init-addr none",
        ]
    return lines + [f"    server w{i} {w} check cookie w{i}" for i, w in enumerate(c.workers, 1)]


def render(c: ProxyConfig) -> str:
    pages = [
        f'    http-error status {code} content-type "text/plain; charset=utf-8" string "{text}"'
        for code, text in PAGES.items()
    ]
    parts = [
        ["global", "    maxconn 8000", "    log stdout format raw local0 notice"],
        [
            "defaults",
            "    mode http",
            "    log global",
            "    option dontlog-normal",
            "    timeout connect 5s",
            "    timeout client 60s",
            "    timeout server 60s",
            "    timeout http-request 10s",  # a request's headers in 10 s, or the connection closes
            "    timeout tunnel 4h",  # an open websocket: a lecture and then some
            *pages,
        ],
        _frontend(c),
        ["backend sessions", "    stick-table type ipv6 size 100k expire 60s store gpc0,gpc0_rate(10s)"],
        _backend(c),
    ]
    if c.replicas:
        parts.insert(2, ["resolvers dns", f"    nameserver dns {c.replicas.nameserver}", "    hold valid 5s"])
    head = "# Written by hosting/haproxy.py (python -m hosting.haproxy --help): change that, not this.\n"
    return head + "\n\n".join("\n".join(p) for p in parts) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description="Print HAProxy's configuration for Gradient Lens.")
    parser.add_argument("--port", type=int, required=True, help="the port the class opens")
    parser.add_argument("--bind", default="0.0.0.0")
    parser.add_argument("--tls-pem", help="certificate and key (PEM): TLS ends at the proxy")
    for name, default in vars(Limits()).items():
        parser.add_argument(
            f"--max-{name}", type=int, default=default, help=f"per address (default {default})"
        )
    parser.add_argument("--service", help="find the workers as service:8501 by DNS (Docker Compose)")
    parser.add_argument("workers", nargs="*", help="host:port of each Streamlit server")
    args = parser.parse_args()
    if bool(args.service) == bool(args.workers):
        parser.error("give either workers or --service")
    limits = Limits(args.max_connections, args.max_requests, args.max_sessions)
    replicas = Replicas(args.service) if args.service else None
    config = ProxyConfig(
        args.port, tuple(args.workers), args.bind, args.tls_pem, limits=limits, replicas=replicas
    )
    print(render(config), end="")


if __name__ == "__main__":
    main()
