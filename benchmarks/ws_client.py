"""A Streamlit session driven over ``/_stcore/stream`` the way the browser drives it.

The browser speaks protobuf: it sends a ``BackMsg`` whose ``rerun_script`` carries
the query string, the page, the widget states that changed and, for a widget
inside a fragment, the fragment id; the server answers with ``ForwardMsg``s
(deltas, page info, and ``script_finished``). Like the browser, this client
keeps the query string the app writes back, remembers cacheable messages and
tells the server which ones it holds. The load benchmark and the robustness
tests use it to play many students without many browsers.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


@dataclass
class Run:
    """What one rerun sent back, as the browser would have drawn it."""

    seconds: float
    status: int
    elements: list[tuple[str, Element]] = field(default_factory=list)  # (fragment id, element)

    @property
    def ok(self) -> bool:
        return self.status in FINISHED and not self.of_kind("exception")

    def of_kind(self, kind: str) -> list[Element]:
        return [e for _, e in self.elements if e.WhichOneof("type") == kind]

    def widget(self, kind: str, label_start: str) -> tuple[str, Element]:
        """The fragment id and element of the first widget of ``kind`` whose label starts so."""
        for fragment, element in self.elements:
            if element.WhichOneof("type") == kind and getattr(element, kind).label.startswith(label_start):
                return fragment, element
        raise LookupError(f"no {kind} labelled {label_start!r} in this run")


class Session:
    """One browser tab: a websocket, the address bar's query, and the message cache."""

    def __init__(self, port: int, query: str = "") -> None:
        self.port = port
        self.query = query.lstrip("?")
        self.page_hash = ""
        self.cache: dict[str, ForwardMsg] = {}
        self.ws: websockets.ClientConnection | None = None

    async def __aenter__(self) -> Session:
        self.ws = await websockets.connect(
            f"ws://127.0.0.1:{self.port}/_stcore/stream",
            subprotocols=["streamlit"],  # type: ignore[list-item]
            origin=f"http://127.0.0.1:{self.port}",  # type: ignore[arg-type]
            max_size=64 * 2**20,
            compression=None,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def send(self, widgets: list[WidgetState] | None = None, fragment_id: str = "") -> None:
        """Ask for a rerun (a page load when ``widgets`` is empty), as the browser does on a change."""
        assert self.ws is not None, "use `async with Session(...)`"
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash
        state.fragment_id = fragment_id
        state.widget_states.widgets.extend(widgets or [])
        state.cached_message_hashes.extend(self.cache)
        await self.ws.send(msg.SerializeToString())

    async def finish(self) -> tuple[int, list[tuple[str, Element]]]:
        """Read until the current run ends; its status and the elements it drew."""
        assert self.ws is not None, "use `async with Session(...)`"
        elements: list[tuple[str, Element]] = []
        while True:
            fwd = self._resolve(ForwardMsg.FromString(await self.ws.recv()))
            kind = fwd.WhichOneof("type")
            if kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                elements.append((fwd.delta.fragment_id, fwd.delta.new_element))
            elif kind == "page_info_changed":
                self.query = fwd.page_info_changed.query_string
            elif kind == "new_session":
                self.page_hash = fwd.new_session.page_script_hash
                elements = []  # a new run started: what the browser shows is what this one draws
            elif kind == "navigation":
                self.page_hash = fwd.navigation.page_script_hash
            elif kind == "script_finished":
                return fwd.script_finished, elements

    async def run(self, widgets: list[WidgetState] | None = None, fragment_id: str = "") -> Run:
        """One rerun, timed from the request to ``script_finished``."""
        start = time.perf_counter()
        await self.send(widgets, fragment_id)
        status, elements = await self.finish()
        return Run(time.perf_counter() - start, status, elements)

    async def burst(
        self, requests: list[list[WidgetState]], fragment_id: str, gap: float
    ) -> tuple[float, Run]:
        """Send ``requests`` ``gap`` seconds apart while reading the replies, as a fast drag in
        the browser does. Returns the sending time and the last run, once 1.5 s pass without one."""
        runs: list[Run] = []

        async def read() -> None:
            while True:
                status, elements = await self.finish()
                runs.append(Run(0.0, status, elements))

        reader = asyncio.create_task(read())
        start = time.perf_counter()
        for widgets in requests:
            await self.send(widgets, fragment_id)
            await asyncio.sleep(gap)
        sent = time.perf_counter() - start
        seen = -1
        while len(runs) != seen:
            seen = len(runs)
            await asyncio.sleep(1.5)
        reader.cancel()
        return sent, runs[-1]

    def _resolve(self, fwd: ForwardMsg) -> ForwardMsg:
        if fwd.WhichOneof("type") == "ref_hash":
            return self.cache[fwd.ref_hash]
        if fwd.metadata.cacheable and fwd.hash:
            self.cache[fwd.hash] = fwd
        return fwd


def slider_state(element: Element, value: float) -> WidgetState:
    """The widget state the browser sends when a one-handle slider moves to ``value``."""
    state = WidgetState(id=element.slider.id)
    state.double_array_value.data.append(value)
    return state
