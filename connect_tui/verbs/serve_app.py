"""Provides GuardedServer: textual-serve's Server with a token on the page and its websocket.

Kept apart from `serve.py` so that parsing `connect-tui serve --help` never imports
aiohttp or textual-serve. Two changes to textual-serve's own server (version pinned in
pyproject.toml, since this reaches into its routes):

- With a token, the page answers only `/?token=TOKEN` and the websocket lives at
  `/ws/TOKEN` (textual-serve's script appends `?width=...` to the websocket URL, so the
  token is in the path there). Without one (loopback), both are as textual-serve has them.
- Its logging shows tracebacks with their local variables; here it logs warnings only,
  without locals, so nothing a composer process holds can reach a log.
"""

from __future__ import annotations

import hmac
import logging
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server


class GuardedServer(Server):
    """textual-serve's Server, answering only with `token` when one is given."""

    def __init__(
        self,
        command: str,
        *,
        host: str,
        port: int,
        token: str | None,
        public_url: str | None = None,
    ) -> None:
        super().__init__(command, host=host, port=port, title="connect-tui", public_url=public_url)
        self.token = token

    @property
    def page_url(self) -> str:
        """The URL to open in a browser (with the token, when there is one)."""
        base = f"{self.public_url}/"
        return base if self.token is None else f"{base}?token={self.token}"

    def initialize_logging(self) -> None:
        """Warnings only, as plain lines: never tracebacks with local variables."""
        logging.basicConfig(level=logging.WARNING, format="connect-tui serve: %(message)s")

    async def on_startup(self, app: web.Application) -> None:
        """Print nothing more: `connect-tui serve` has said where it serves."""

    async def _make_app(self) -> web.Application:
        """textual-serve's routes, with the token checked on the page and the websocket."""
        app = web.Application()
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        websocket_path = "/ws" if self.token is None else f"/ws/{self.token}"
        app.add_routes(
            [
                web.get("/", self._guarded_index, name="index"),
                web.get(websocket_path, self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def _guarded_index(self, request: web.Request) -> Any:
        """The page, when the request carries the token (or none is needed)."""
        if self.token is not None:
            given = request.query.get("token", "")
            if not hmac.compare_digest(given.encode(), self.token.encode()):
                raise web.HTTPForbidden(text="connect-tui serve: this page needs its token\n")
        return await self.handle_index(request)
