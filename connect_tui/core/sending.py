"""Provides sending: a draft becomes a contact, through boto3, and the outcome is one SendOutcome.

A send resolves the draft's variables, validates it (an invalid draft is not sent),
gives it a ClientToken (the same on every retry of that send, so a retried send creates
at most one contact), makes the CreateContact step first for an outbound draft that asks
for it, and calls StartEmailContact or StartOutboundEmailContact. botocore's `adaptive`
retry mode retries throttling, 5xx and dropped connections with client-side pacing; an
optional Pacer keeps a replay under the account's quota instead of hammering it.
Failures become one line (connect_tui.core.send_errors); nothing here raises for them.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from connect_tui import __version__
from connect_tui.core import (
    attempts,
    credentials,
    local_sandbox,
    sandbox_identity,
    schema,
    variables,
)
from connect_tui.core.model import CREATE_CONTACT, Draft
from connect_tui.core.outcome import SendOutcome
from connect_tui.core.problems import first_and_more, has_errors
from connect_tui.core.send_errors import describe_client_error, describe_exception
from connect_tui.core.token_bucket import TokenBucket
from connect_tui.core.validation import validate

#: Attempts per API call: with a 35% chance of a fault per attempt, 10 attempts leave
#: about 3 in 100,000 calls failing, and a refused connection still fails within a minute.
MAX_ATTEMPTS: Final = 10
INVALID_DRAFT: Final = "InvalidDraft"


@dataclass(frozen=True)
class Prepared:
    """A draft made ready to send: requests resolved, ClientTokens set, problems listed."""

    request: dict[str, Any]
    create_contact: dict[str, Any] | None
    problems: list[Any]


def prepare(draft: Draft, *, with_tokens: bool = True) -> Prepared:
    """Resolve variables, validate, and give each request a ClientToken when it has none."""
    problems = validate(draft)
    request, _ = variables.resolve(draft.request, draft.variables)
    chain = draft.create_contact_request() if draft.is_outbound else None
    if chain is not None:
        chain, _ = variables.resolve(chain, draft.variables)
    if with_tokens:
        # Made here, once per send: botocore reuses it on every retry of the call.
        request.setdefault("ClientToken", str(uuid.uuid4()))
        if chain is not None:
            chain.setdefault("ClientToken", str(uuid.uuid4()))
    return Prepared(request, chain, problems)


def default_max_attempts() -> int:
    """AWS_MAX_ATTEMPTS when it is set to a whole number of at least 1, else MAX_ATTEMPTS."""
    try:
        return max(1, int(os.environ["AWS_MAX_ATTEMPTS"]))
    except (KeyError, ValueError):
        return MAX_ATTEMPTS


class Pacer(TokenBucket):
    """A token bucket: at most `rate` calls a second, with bursts of `burst`; thread-safe.

    The Connect send quota (2 per second, burst 5) is per account and Region: pacing
    below it costs nothing, while hammering it and retrying costs backoff delays. Calls
    are paced `HEADROOM` under `rate`: the service counts a call when it arrives, and
    network jitter would otherwise bring some calls in a few milliseconds too early.
    """

    HEADROOM: Final = 0.05

    def __init__(self, rate: float, burst: int) -> None:
        super().__init__(rate * (1 - self.HEADROOM), burst)

    def acquire(self) -> None:
        """Wait until a call may go."""
        if self.rate <= 0:
            return
        wait = self.reserve()
        if wait:
            time.sleep(wait)


class Sender:
    """Sends drafts, reusing one boto3 client per target and credentials (clients are costly)."""

    def __init__(
        self,
        *,
        pacer: Pacer | None = None,
        max_attempts: int | None = None,
        record: bool = True,
        locate: Callable[[], local_sandbox.LocalSandbox] = local_sandbox.locate,
    ) -> None:
        self.pacer = pacer
        #: Finds the sandbox for a sandbox target with no endpoint_url; core's own finds only
        #: a standalone one, connect_tui.runtime's also starts the embedded one.
        self.locate = locate
        self.max_attempts = max_attempts or default_max_attempts()
        self.record = record
        self._clients: dict[tuple[Any, ...], Any] = {}
        self._answered: set[str] = set()
        self._lock = threading.Lock()

    def send(self, draft: Draft, prepared: Prepared | None = None) -> SendOutcome:
        """Send the draft; the outcome says what happened (AWS and network errors never raise).

        `prepared` is `prepare(draft)` when the caller already made it (the composer checks
        the problems before it asks to send): the draft is then validated once, not twice.
        """
        started, clock = time.time(), time.perf_counter()
        prepared = prepared or prepare(draft)
        outcome = self._send_prepared(draft, prepared, started, clock)
        if self.record:
            from connect_tui.core import history

            history.append(outcome, draft.target, draft)
        return outcome

    def _send_prepared(
        self, draft: Draft, prepared: Prepared, started: float, clock: float
    ) -> SendOutcome:
        base: dict[str, Any] = {
            "profile": draft.name,
            "operation": draft.operation,
            # Where it would go: the sandbox's URL is known only once it is located.
            "target": draft.target.describe(),
            "client_token": prepared.request["ClientToken"],
            "related_contact_id": (prepared.create_contact or {}).get("RelatedContactId"),
            "started_at": started,
            "request": prepared.request,
            "create_contact": prepared.create_contact,
        }

        def finish(**result: Any) -> SendOutcome:
            result.setdefault("status", attempts.NOT_SENT)
            return SendOutcome(**base, **result, elapsed=time.perf_counter() - clock)

        errors = [p for p in prepared.problems if p.is_error]
        if has_errors(prepared.problems):
            return finish(
                error_code=INVALID_DRAFT, error=f"the draft is invalid: {first_and_more(errors)}"
            )
        # Every attempt of the calls below is watched: a failure says whether it proves
        # that nothing was made, or that the contact may exist.
        watched = attempts.watching()
        endpoint: str | None = None
        source: credentials.Source | None = None
        created_id: str | None = None
        try:
            endpoint, region, embedded = self._where(draft)
            base["target"] = draft.target.describe(endpoint, embedded=embedded)
            if draft.target.is_sandbox and draft.target.endpoint_url is not None:
                self._check_listening(draft.target.endpoint_url)  # locate() checked its own
            source = credentials.source_for(draft)
            client = self._client(endpoint, region, source)
            if not draft.target.is_sandbox:
                # botocore resolved the Region, AWS_ENDPOINT_URL(_CONNECT) or the Region's endpoint.
                endpoint = endpoint or client.meta.endpoint_url
                base["target"] = draft.target.describe(endpoint, region=client.meta.region_name)
            request = prepared.request
            if prepared.create_contact is not None:
                created = self._call(client, CREATE_CONTACT, prepared.create_contact)
                created_id = created["ContactId"]
                request = {**request, "ContactId": created_id}
                base["request"] = request
            response = self._call(client, draft.operation, request)
        except credentials.CredentialsError as exc:
            return finish(error_code="Credentials", error=f"Credentials: {exc}")
        except local_sandbox.SandboxUnavailable as exc:
            return finish(error_code="SandboxUnavailable", error=f"SandboxUnavailable: {exc}")
        except Exception as exc:  # botocore's errors, sorted into words below
            failure = self._failure(exc, draft, endpoint, source, created_id)
            return finish(**failure, status=attempts.failed_status(watched))
        return finish(
            status=attempts.SENT,
            contact_id=response["ContactId"],
            created_contact_id=created_id,
            request_id=response.get("ResponseMetadata", {}).get("RequestId"),
        )

    def _failure(
        self,
        error: Exception,
        draft: Draft,
        endpoint: str | None,
        source: credentials.Source | None,
        created_id: str | None,
    ) -> dict[str, Any]:
        from botocore.exceptions import ClientError

        result: dict[str, Any] = {"created_contact_id": created_id}
        if isinstance(error, ClientError):
            operation = getattr(error, "operation_name", draft.operation)
            code, message, request_id = describe_client_error(error, operation)
            result.update(error_code=code, error=message, request_id=request_id)
        else:
            aws_profile = source.aws_profile if source else draft.target.aws_profile
            code, message = describe_exception(error, endpoint=endpoint, aws_profile=aws_profile)
            result.update(error_code=code, error=f"{code}: {message}")
        if created_id:
            result["error"] += f" (CreateContact made {created_id} first)"
        return result

    def _call(self, client: Any, operation: str, request: dict[str, Any]) -> dict[str, Any]:
        if self.pacer is not None:
            self.pacer.acquire()
        from botocore import xform_name  # the SDK's own CreateContact -> create_contact

        method = getattr(client, xform_name(operation))
        response: dict[str, Any] = method(**request)
        return response

    def _where(self, draft: Draft) -> tuple[str | None, str | None, bool]:
        """The endpoint (None: botocore's choice), the Region, and whether it is embedded."""
        target = draft.target
        if not target.is_sandbox:
            # botocore itself reads AWS_DEFAULT_REGION and ~/.aws/config, not AWS_REGION.
            region = target.region or os.environ.get("AWS_REGION") or None
            return target.endpoint_url, region, False
        endpoint, embedded = target.endpoint_url, False
        if endpoint is None:
            located = self.locate()
            endpoint, embedded = located.url, located.embedded
        return endpoint, sandbox_identity.REGION, embedded

    def _check_listening(self, endpoint: str) -> None:
        """EndpointConnectionError now when nothing listens, rather than after retries."""
        if endpoint in self._answered:
            return  # asked once a process: a replay need not ask for every draft
        if not local_sandbox.answers(endpoint):
            from botocore.exceptions import EndpointConnectionError

            raise EndpointConnectionError(endpoint_url=endpoint)
        self._answered.add(endpoint)

    def client_for(self, draft: Draft, service: str = "connect") -> tuple[Any, str | None]:
        """(a client for the draft's target, its endpoint): the send's session and credentials.

        `service` "logs" (CloudWatch Logs), "qconnect" (message templates) or "s3"
        (attachments, core/attachments.py): the sandbox
        serves them on its own endpoint; for AWS botocore finds the Region's (a draft's
        endpoint_url is Connect's only).
        CredentialsError and botocore's errors are the caller's to word.
        """
        endpoint, region, _ = self._where(draft)
        if service != "connect" and not draft.target.is_sandbox:
            endpoint = None
        source = credentials.source_for(draft)
        client = self._client(endpoint, region, source, service)
        return client, endpoint or client.meta.endpoint_url

    def _client(
        self,
        endpoint: str | None,
        region: str | None,
        source: credentials.Source,
        service: str = "connect",
    ) -> Any:
        """The client for an endpoint, Region and credentials: made once, then reused."""
        cache_key = (service, endpoint, region, source.kind, source.aws_profile, source.keys)
        with self._lock:
            client = self._clients.get(cache_key)
            if client is None:
                client = self._new_client(endpoint, region, source, service)
                self._clients[cache_key] = client
        return client

    def _new_client(
        self,
        endpoint: str | None,
        region: str | None,
        source: credentials.Source,
        service: str = "connect",
    ) -> Any:
        from botocore.config import Config

        core = None
        if "AWS_DATA_PATH" not in os.environ:
            # The loader that validation used: Connect's model (large) is parsed once, not twice.
            import botocore.session

            core = botocore.session.Session()
            core.register_component("data_loader", schema.loader())
        session = credentials.boto3_session(source, botocore_session=core)
        config = Config(
            # total_max_attempts counts the first try; botocore's max_attempts would not.
            retries={"mode": "adaptive", "total_max_attempts": self.max_attempts},
            connect_timeout=5,
            read_timeout=30,
            user_agent_extra=f"connect-tui/{__version__}",
        )
        if service == "s3":
            # Attachments (core/attachments.py): SigV4 presigned URLs (botocore may still
            # presign SigV2 by default), and path-style for a local endpoint such as the
            # sandbox's, whose host name is no bucket's.
            style = "path" if endpoint else "auto"
            config = config.merge(Config(signature_version="s3v4", s3={"addressing_style": style}))
        client = session.client(service, region_name=region, endpoint_url=endpoint, config=config)
        # --max-attempts counts whatever botocore's retry quota says; each attempt is watched.
        attempts.prepare_client(client, self.max_attempts)
        return client


def planned_target(draft: Draft) -> str:
    """Where a send of this draft would go now, described; nothing is started.

    A sandbox draft with no endpoint_url goes to the registered standalone sandbox when
    one runs (its URL is shown), else to the embedded one.
    """
    endpoint = draft.target.endpoint_url
    embedded = False
    if draft.target.is_sandbox and endpoint is None:
        endpoint = local_sandbox.registered_url()
        embedded = endpoint is None
    return draft.target.describe(endpoint, embedded=embedded)
