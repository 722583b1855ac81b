"""Eight clients at once, quota off: every contact made once, none lost, replays exact."""

from __future__ import annotations

import threading
from typing import Any

from connect_tui.sandbox.server import RunningSandbox
from tests.sandbox.conftest import inbound, journal_lines, make_client

CLIENTS = 8
EACH = 15


def test_eight_clients_at_once(own_sandbox: Any) -> None:
    running: RunningSandbox = own_sandbox(rate=0)
    clients = [make_client(running.url) for _ in range(CLIENTS)]
    requests = [[inbound() for _ in range(EACH)] for _ in range(CLIENTS)]
    # The last request of each client is also sent by its neighbour: one contact, two answers.
    shared = [requests[i][-1] for i in range(CLIENTS)]
    answers: list[list[str]] = [[] for _ in range(CLIENTS)]
    failures: list[BaseException] = []
    barrier = threading.Barrier(CLIENTS)

    def work(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            for request in requests[index] + [shared[(index + 1) % CLIENTS]]:
                answers[index].append(clients[index].start_email_contact(**request)["ContactId"])
        except BaseException as exc:  # reported below, with the thread's index
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures, failures
    unique = {contact for per_client in answers for contact in per_client[:EACH]}
    assert len(unique) == CLIENTS * EACH  # nothing lost, nothing made twice
    for index in range(CLIENTS):
        neighbour = (index + 1) % CLIENTS
        assert answers[index][EACH] == answers[neighbour][EACH - 1]
    with running.state.lock:
        assert set(running.state.contacts) == unique
    assert running.sandbox.config.journal is not None
    entries = journal_lines(running.sandbox.config.journal)
    assert len(entries) == CLIENTS * (EACH + 1)
    assert sum(e["replay"] for e in entries) == CLIENTS
