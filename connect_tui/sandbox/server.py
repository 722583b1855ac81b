"""Provides the HTTP server: `start(config) -> RunningSandbox`, serving from a thread.

Each request goes: route, SigV4, injected faults, quota, body, operation, reply (or a
dropped reply), journal. HTTP/1.1 keep-alive is on, so a boto3 client reuses its
connection as it would with AWS. Only the standard library's http.server is used.
"""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from socketserver import TCPServer
from typing import Any, Final
from urllib.parse import parse_qs, urlsplit

from connect_tui.sandbox import auth, logs, operations, protocol, qconnect, routes, s3, seed
from connect_tui.sandbox.config import SandboxConfig
from connect_tui.sandbox.faults import Faults
from connect_tui.sandbox.journal import Journal
from connect_tui.sandbox.protocol import ServiceError
from connect_tui.sandbox.quota import Quota
from connect_tui.sandbox.state import State

#: Emails are at most 25 MB with attachments (given as S3 URLs): more is not a request.
MAX_BODY: Final = 32 * 1024 * 1024


@dataclass
class Reply:
    """What to answer: status, JSON body, error code (if any), and whether to drop it."""

    status: int
    body: dict[str, Any]
    error: str | None = None
    drop: bool = False
    #: A raw body with its own headers (S3's answers), sent in place of the JSON body.
    raw: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Sandbox:
    """One sandbox's parts: its config, state, quota, faults and journal."""

    config: SandboxConfig
    state: State
    quota: Quota
    faults: Faults
    journal: Journal
    #: The attachment bucket's objects (sandbox/s3.py).
    store: s3.Store = field(default_factory=s3.Store)

    @classmethod
    def build(cls, config: SandboxConfig) -> Sandbox:
        """The parts, seeded from the config."""
        state, journal = seed.new_state(config), Journal(config.journal)
        state.journal = journal  # a flow run journals its path
        return cls(config, state, Quota(config), Faults(config), journal)

    def handle(self, method: str, target: str, headers: Any, raw: bytes) -> Reply:
        """Answer one request (never raises)."""
        amz_target = str(headers.get("X-Amz-Target") or "")
        if method == "POST" and amz_target.startswith(logs.TARGET_PREFIX):
            return self._handle_logs(target, headers, raw, amz_target)
        if urlsplit(target).path.startswith(qconnect.PREFIX):
            return self._handle_qconnect(method, target, headers, raw)
        if s3.handles(urlsplit(target).path):
            return self._handle_s3(method, target, headers, raw)
        operation: str | None = None
        record: Any = _as_received(raw)
        try:
            route = routes.match(method, target)
            operation = route.operation
            if route.params:
                record = route.params
            auth.verify(method, target, headers, raw, self.config.secret_for)
            self.faults.before(operation)
            self.quota.charge(operation)
            request = {**protocol.parse_body(raw), **route.params}
            result = operations.run(self.state, operation, request)
        except ServiceError as error:
            self.journal.write(operation, record, error=error.code, message=error.message)
            return Reply(error.status, error.body(), error.code)
        except Exception as exc:  # a sandbox bug: answer as AWS would, and say so
            print(f"connect-tui sandbox: internal error in {operation}: {exc!r}", file=sys.stderr)
            bug = ServiceError("InternalServiceException", f"sandbox internal error: {exc}")
            self.journal.write(operation, record, error=bug.code, message=bug.message)
            return Reply(bug.status, bug.body(), bug.code)
        drop = self.faults.drop()
        self.journal.write(
            operation,
            record,
            ContactId=result.body.get("ContactId"),
            replay=result.replay,
            dropped=drop,
        )
        return Reply(200, result.body, drop=drop)

    def _handle_logs(self, target: str, headers: Any, raw: bytes, amz_target: str) -> Reply:
        """CloudWatch Logs' FilterLogEvents over the flow logs (JSON 1.1; docs/flows.md).

        Not journaled: a follow view polls it, and the journal already holds each path.
        """
        operation = amz_target.removeprefix(logs.TARGET_PREFIX)
        try:
            auth.verify("POST", target, headers, raw, self.config.secret_for, service="logs")
            if operation != "FilterLogEvents":
                raise ServiceError(
                    "UnknownOperationException",
                    f"the sandbox serves only FilterLogEvents of CloudWatch Logs, not {operation}",
                )
            self.quota.charge(operation)
            body = logs.filter_log_events(self.state.logs, protocol.parse_body(raw))
        except ServiceError as error:
            # JSON 1.1 names the error in the body's __type as well as the header.
            status = 403 if error.status == 403 else 400  # CloudWatch Logs answers 400 otherwise
            return Reply(status, {"__type": error.code, **error.body()}, error.code)
        return Reply(200, body)

    def _handle_qconnect(self, method: str, target: str, headers: Any, raw: bytes) -> Reply:
        """Amazon Q in Connect's template calls (rest-json, signing name wisdom; qconnect.py)."""
        parts = urlsplit(target)
        found = qconnect.routes(method, parts.path)
        operation = found[0] if found else None
        try:
            if found is None:
                raise ServiceError(
                    "UnknownOperationException",
                    f"the sandbox serves ListKnowledgeBases, ListMessageTemplates and "
                    f"RenderMessageTemplate of Amazon Q in Connect, not {method} {parts.path}",
                )
            auth.verify(method, target, headers, raw, self.config.secret_for, service="wisdom")
            self.quota.charge(found[0])
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            request = {**protocol.parse_body(raw), **query, **found[1]}
            body = qconnect.run(found[0], request, self.config.region, self.config.account_id)
        except ServiceError as error:
            self.journal.write(
                operation, _as_received(raw), error=error.code, message=error.message
            )
            return Reply(error.status, error.body(), error.code)
        return Reply(200, body)

    def _handle_s3(self, method: str, target: str, headers: Any, raw: bytes) -> Reply:
        """The attachment bucket (S3, path-style; sandbox/s3.py): journaled, never charged."""
        operation, record, answer = s3.handle(
            self.store, method, target, headers, raw, self.config.secret_for
        )
        self.journal.write(f"s3:{operation}" if operation else None, record, error=answer.error)
        return Reply(answer.status, {}, answer.error, raw=answer.body, headers=answer.headers)


def _as_received(raw: bytes) -> Any:
    """The body for the journal: its JSON when it parses, else its text."""
    try:
        return protocol.parse_body(raw)
    except ServiceError:
        return raw.decode("utf-8", "replace")


class _ClientGone(Exception):
    """The client closed its side before the whole request arrived."""


class _Handler(BaseHTTPRequestHandler):
    """Reads one request, lets the Sandbox answer it, writes (or drops) the reply."""

    protocol_version = "HTTP/1.1"
    server_version = "connect-tui-sandbox"
    sys_version = ""
    # An idle keep-alive connection holds a thread: let it go after a while.
    timeout = 120
    server: _Server

    def setup(self) -> None:
        """Prepare the connection's streams, and remember the connection."""
        super().setup()
        # Headers and body go out in two writes: without this, Nagle's algorithm and the
        # client's delayed ACK hold every reply back about 40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.track(self.connection, add=True)

    def finish(self) -> None:
        """Flush and close the streams (the peer may be gone), and forget the connection."""
        with contextlib.suppress(OSError):
            super().finish()
        self.server.track(self.connection, add=False)

    def _serve(self) -> None:
        try:
            raw = self._body()
        except _ClientGone:
            # Half-open: the client closed before its body arrived. Nothing to answer.
            self.close_connection = True
            return
        except ValueError as exc:
            # The body cannot be read (or is too big): answer, and drop what follows.
            self.close_connection = True
            error = protocol.invalid(str(exc))
            self.server.sandbox.journal.write(None, None, error=error.code, message=error.message)
            self._write(Reply(error.status, error.body(), error.code))
            return
        reply = self.server.sandbox.handle(self.command, self.path, self.headers, raw)
        if reply.drop:
            # The work is done; the caller never hears of it. Close with no reply.
            self.close_connection = True
            return
        self._write(reply)

    def _body(self) -> bytes:
        """The request body (Content-Length or chunked); ValueError when it cannot be read."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._chunked_body()
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            raise ValueError(f"Content-Length must be 0 to {MAX_BODY:,} bytes")
        raw = self.rfile.read(length) if length else b""
        if len(raw) < length:
            raise _ClientGone
        return raw

    def _chunked_body(self) -> bytes:
        body = bytearray()
        while True:
            size_line = self.rfile.readline(1024).split(b";")[0].strip()
            try:
                size = int(size_line, 16)
            except ValueError:
                raise ValueError("a chunked body with a malformed chunk size") from None
            if size == 0:
                break
            if len(body) + size > MAX_BODY:
                raise ValueError(f"the body must be at most {MAX_BODY:,} bytes")
            chunk = self.rfile.read(size)
            if len(chunk) < size:
                raise _ClientGone
            body += chunk
            self.rfile.readline(1024)  # the CRLF after the chunk
        while self.rfile.readline(1024).strip():
            pass  # trailers, up to the blank line
        return bytes(body)

    def _write(self, reply: Reply) -> None:
        data = protocol.encode(reply.body) if reply.raw is None else reply.raw
        headers = {"Content-Type": protocol.CONTENT_TYPE, **reply.headers}
        self.send_response(reply.status)
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(data)))
        self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
        if reply.error and reply.raw is None:
            self.send_header("x-amzn-ErrorType", reply.error)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_PUT = do_POST = do_DELETE = do_PATCH = do_HEAD = _serve

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the journal is the sandbox's log."""


class _Server(ThreadingHTTPServer):
    """A threading HTTP server that knows its connections, to close them when it stops."""

    daemon_threads = True
    block_on_close = False
    # socketserver's default backlog is 5: twenty clients connecting at once would see
    # connections refused or SYNs dropped (retried a second later). The kernel caps it at
    # net.core.somaxconn.
    request_queue_size = max(socket.SOMAXCONN, 1024)

    def __init__(self, address: tuple[str, int], sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self._connections: set[socket.socket] = set()
        self._lock = threading.Lock()
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        """Bind the socket and note the address."""
        # HTTPServer.server_bind looks up the host's full name: slow without DNS, and unused.
        TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = str(host), int(port)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A connection the client dropped is closed quietly; anything else is one line.

        socketserver's own prints a traceback for each: a client that closes half-open
        connections would fill stderr with them.
        """
        error = sys.exc_info()[1]
        if isinstance(error, OSError | _ClientGone):
            return
        print(
            f"connect-tui sandbox: connection from {client_address[0]}: {error!r}", file=sys.stderr
        )

    def track(self, connection: socket.socket, *, add: bool) -> None:
        """Remember or forget an open connection."""
        with self._lock:
            if add:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def close_connections(self) -> None:
        """Shut every open connection (idle keep-alive ones included)."""
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)


@dataclass
class RunningSandbox:
    """A sandbox serving in a thread: its URL, its parts, and stop()."""

    url: str
    sandbox: Sandbox
    _server: _Server = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    @property
    def state(self) -> State:
        """What the sandbox knows (hold state.lock to read it)."""
        return self.sandbox.state

    @property
    def faults(self) -> Faults:
        """The fault rates, which may be changed while it runs."""
        return self.sandbox.faults

    def stop(self) -> None:
        """Stop serving, close every connection and the journal; safe to call twice."""
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()
        self._server.close_connections()
        self._thread.join(timeout=5)
        self.sandbox.journal.close()


def url_for(host: str, port: int) -> str:
    """The http URL of host and port (an IPv6 host in brackets)."""
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def start(config: SandboxConfig) -> RunningSandbox:
    """Bind to config.host:config.port (0: a free port) and serve in a daemon thread.

    OSError when the address cannot be bound.
    """
    sandbox = Sandbox.build(config)
    try:
        server = _Server((config.host, config.port), sandbox)
    except OSError:
        sandbox.journal.close()
        raise
    # A short poll interval so stop() returns at once (serve_forever checks it between polls).
    thread = threading.Thread(
        target=server.serve_forever, args=(0.05,), name="connect-tui-sandbox", daemon=True
    )
    thread.start()
    port = int(server.server_address[1])
    return RunningSandbox(url_for(config.host, port), sandbox, server, thread)
