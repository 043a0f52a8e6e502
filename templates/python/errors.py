"""The protocol's errors as exceptions: one class per error code.

Every error a server answers with (a non-2xx status with
`{"error": {"code", "message", "details"?}}`) is raised as the subclass of
`MizanError` for its code, or `MizanError` itself for a code this client does
not know. A request that got no response raises `MizanConnectionError`
(`MizanTimeoutError` when it timed out): code `NETWORK_ERROR`, status 0, the
httpx exception as its `__cause__`.
"""

from __future__ import annotations

from typing import Any, cast

import httpx


class MizanError(Exception):
    """An error answered by the server, or no answer (`MizanConnectionError`)."""

    code: str
    """The protocol error code, e.g. `"NOT_FOUND"`, or `"NETWORK_ERROR"`."""
    status: int
    """The HTTP status of the response (0: no response)."""
    message: str
    """The server's message."""
    details: dict[str, Any] | None
    """The error's `details` object, when the server sent one."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        status: int,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.status = status
        self.message = message
        self.details = details


class MizanConnectionError(MizanError):
    """`NETWORK_ERROR` (status 0): no response (refused, reset, DNS, ...).

    Reads (context fetches) are tried again first, `max_retries` times; calls
    only when the connection failed before the request was sent.
    """

    def __init__(self, message: str) -> None:
        super().__init__("NETWORK_ERROR", message, status=0)


class MizanTimeoutError(MizanConnectionError):
    """`NETWORK_ERROR` (status 0): the request took longer than its `timeout`."""


class ChannelError(MizanError):
    """`CHANNEL_ERROR` (status 0): the server refused a channel subscription or
    message (its `error` frame's text is the message)."""

    def __init__(self, message: str) -> None:
        super().__init__("CHANNEL_ERROR", message, status=0)


class BadRequestError(MizanError):
    """`BAD_REQUEST` (400): the request was malformed."""


class UnauthorizedError(MizanError):
    """`UNAUTHORIZED` (401): the call needs a signed-in user."""


class ForbiddenError(MizanError):
    """`FORBIDDEN` (403): the user may not make this call."""


class NotFoundError(MizanError):
    """`NOT_FOUND` (404): no such function, context or object."""


FORM_ERRORS_KEY = "__all__"
"""The key of validation messages that name no parameter (the form as a whole)."""

_LOC_ROOTS = ("body", "query", "args")


def _object(value: object) -> dict[str, Any] | None:
    """`value` as a JSON object (its keys are strings), or None."""
    return cast("dict[str, Any]", value) if isinstance(value, dict) else None


def _list(value: object) -> list[object] | None:
    """`value` as a JSON array, or None."""
    return cast("list[object]", value) if isinstance(value, list) else None


def _path(loc: object) -> list[str]:
    """A pydantic `loc` as path segments, a leading request part dropped."""
    items = _list(loc)
    if items is None:
        return []
    parts = items[1:] if len(items) > 1 and items[0] in _LOC_ROOTS else items
    usable = all(
        (isinstance(p, str) and p != "")
        or (isinstance(p, int) and not isinstance(p, bool))
        for p in parts
    )
    return [str(p) for p in parts] if usable else []


def _messages(details: dict[str, Any] | None) -> list[tuple[list[str], str]]:
    """Every validation message with its path: `details.fields`, then `details.errors`."""
    out: list[tuple[list[str], str]] = []
    for name, messages in (_object((details or {}).get("fields")) or {}).items():
        items = _list(messages)
        for m in [messages] if items is None else items:
            out.append(([name], str(m)))
    for entry in _list((details or {}).get("errors")) or []:
        error = _object(entry)
        if error is not None:
            msg = error.get("msg")
            text = msg if isinstance(msg, str) else "Invalid value"
            out.append((_path(error.get("loc")), text))
    return out


class ValidationFailedError(MizanError):
    """`VALIDATION_ERROR` (422): some arguments were rejected.

    `fields` maps each rejected parameter to the server's messages, whichever
    of the protocol's two shapes the server sent; `fields_by_path` keys them
    by their nested path instead.
    """

    @property
    def fields(self) -> dict[str, list[str]]:
        """The messages for each rejected parameter, in order.

        From `details.fields` (`{param: [message, ...]}`) and `details.errors`
        (pydantic's list, keyed by the first element of each `loc`, a leading
        `"body"`/`"query"`/`"args"` skipped). Messages with no usable `loc` are
        under `FORM_ERRORS_KEY` (`"__all__"`).
        """
        out: dict[str, list[str]] = {}
        for path, message in _messages(self.details):
            out.setdefault(path[0] if path else FORM_ERRORS_KEY, []).append(message)
        return out

    @property
    def fields_by_path(self) -> dict[str, list[str]]:
        """The same messages keyed by dotted path, e.g. `"lines.1.product"`."""
        out: dict[str, list[str]] = {}
        for path, message in _messages(self.details):
            out.setdefault(".".join(path) or FORM_ERRORS_KEY, []).append(message)
        return out


class InternalServerError(MizanError):
    """`INTERNAL_ERROR` (500): the server failed."""


class ServerNotImplementedError(MizanError):
    """`NOT_IMPLEMENTED` (501): the server does not implement this."""


ERRORS_BY_CODE: dict[str, type[MizanError]] = {
    "BAD_REQUEST": BadRequestError,
    "UNAUTHORIZED": UnauthorizedError,
    "FORBIDDEN": ForbiddenError,
    "NOT_FOUND": NotFoundError,
    "VALIDATION_ERROR": ValidationFailedError,
    "INTERNAL_ERROR": InternalServerError,
    "NOT_IMPLEMENTED": ServerNotImplementedError,
}
"""The exception class of each protocol error code."""

_CODES_BY_STATUS = {
    400: "BAD_REQUEST",
    401: "UNAUTHORIZED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    422: "VALIDATION_ERROR",
    500: "INTERNAL_ERROR",
    501: "NOT_IMPLEMENTED",
}


def error_from_response(response: httpx.Response) -> MizanError:
    """The exception for a non-2xx response.

    A body that is not a protocol error (a proxy's HTML page, say) still maps
    by status, with the body's start as the message.
    """
    status = response.status_code
    code = _CODES_BY_STATUS.get(
        status, "INTERNAL_ERROR" if status >= 500 else "BAD_REQUEST"
    )
    message = response.text[:200]
    details: dict[str, Any] | None = None
    try:
        body: object = response.json()
    except ValueError:
        body = None
    error = _object((_object(body) or {}).get("error"))
    if error is not None:
        code = str(error.get("code", code))
        message = str(error.get("message", message))
        details = _object(error.get("details"))
    return ERRORS_BY_CODE.get(code, MizanError)(
        code, message, status=status, details=details
    )


_STATUS_BY_CODE = {code: status for status, code in _CODES_BY_STATUS.items()}


def error_from_payload(payload: object) -> MizanError:
    """The exception for the `error` of a WebSocket call's answer
    (`{"code", "message", "details"?}`), with the status its code has over
    HTTP (0 for a code HTTP does not have)."""
    error = _object(payload) or {}
    code = str(error.get("code", "INTERNAL_ERROR"))
    message = str(error.get("message", ""))
    status = _STATUS_BY_CODE.get(code, 0)
    details = _object(error.get("details"))
    return ERRORS_BY_CODE.get(code, MizanError)(
        code, message, status=status, details=details
    )
