"""Provides the one-line wording of a failed send: the error code and what it means for the draft.

Every failure a user can meet (the service's errors, credentials, Region, network) becomes
`(code, message)`: never a traceback. The wording lives here, once, for the composer and
the headless `send` alike.
"""

from __future__ import annotations

from typing import Any, Final

#: What each Connect error means for the draft being sent, and what to do.
MEANINGS: Final = {
    "InvalidRequestException": "Amazon Connect refused the request",
    "InvalidParameterException": "Amazon Connect refused a parameter",
    "ResourceNotFoundException": (
        "something the draft names does not exist (check InstanceId, ContactId, the addresses)"
    ),
    "AccessDeniedException": "these credentials may not do this on the instance",
    "ThrottlingException": (
        "over the request quota (2 per second per account and Region, shared by every caller); "
        "send fewer at once or lower --rate"
    ),
    "ServiceQuotaExceededException": (
        "a service quota is used up (such as 1,000 active email contacts per instance)"
    ),
    "IdempotencyException": (
        "this ClientToken was already used with different parameters; clear ClientToken to get a "
        "new one"
    ),
    "InternalServiceException": "Amazon Connect failed internally; try again",
    "ConflictException": "the contact is in a state that does not allow this",
    "UnrecognizedClientException": (
        "the access key is not known; check the keys (connect-tui credentials status)"
    ),
    "InvalidSignatureException": (
        "the request signature was refused: wrong secret key, or the clock is off"
    ),
    "MissingAuthenticationTokenException": "the request was not signed",
    "ExpiredTokenException": "the session token has expired; refresh the credentials",
    "InvalidClientTokenId": "the access key is not valid",
}


def describe_client_error(error: Any, operation: str) -> tuple[str, str, str | None]:
    """(code, one-line message, request id) for a botocore ClientError."""
    response = getattr(error, "response", {}) or {}
    details = response.get("Error", {})
    code = details.get("Code") or "UnknownError"
    said = " ".join(str(details.get("Message") or "").split())
    metadata = response.get("ResponseMetadata", {})
    request_id = metadata.get("RequestId") or None
    attempts = metadata.get("RetryAttempts") or 0
    meaning = MEANINGS.get(code, f"{operation} failed")
    message = f"{code}: {meaning}" + (f": {said}" if said else "")
    if attempts:
        message += f" (after {attempts + 1} attempts)"
    return code, message, request_id


def describe_exception(
    error: BaseException, *, endpoint: str | None, aws_profile: str | None
) -> tuple[str, str]:
    """(code, one line) for a failure around the call: credentials, Region, network."""
    from botocore import exceptions as e

    kind = type(error).__name__
    where = endpoint or "Amazon Connect"
    if isinstance(error, e.NoCredentialsError | e.PartialCredentialsError):
        return kind, (
            "no AWS credentials found: store keys with `connect-tui credentials set PROFILE`, "
            "name an aws_profile, or configure the AWS CLI (aws configure / aws sso login)"
        )
    if isinstance(error, e.NoRegionError):
        return (
            kind,
            "no AWS Region: set region in the profile's [target], pass --region, or set AWS_REGION",
        )
    if isinstance(error, e.ProfileNotFound):
        return (
            kind,
            f"the AWS profile {aws_profile!r} is not in ~/.aws/config or ~/.aws/credentials",
        )
    if isinstance(
        error,
        e.SSOError | e.UnauthorizedSSOTokenError | e.SSOTokenLoadError | e.TokenRetrievalError,
    ):
        login = f"aws sso login --profile {aws_profile}" if aws_profile else "aws sso login"
        return kind, f"the SSO session has expired or is missing: run `{login}`"
    if isinstance(error, e.EndpointConnectionError | e.ConnectTimeoutError):
        return kind, f"cannot reach {where}: is it running, and is the URL right?"
    if isinstance(error, e.ReadTimeoutError | e.ConnectionClosedError):
        return kind, (
            f"{where} closed the connection or did not answer, after retries; the contact may "
            "exist: a send with the same ClientToken returns it without making another"
        )
    if isinstance(error, e.ParamValidationError):
        return kind, " ".join(str(error).split())
    if isinstance(error, e.BotoCoreError | OSError):
        return kind, " ".join(str(error).split()) or kind
    raise error
