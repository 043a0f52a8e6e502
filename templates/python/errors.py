"""The protocol's errors as exceptions: one class per error code.

Every error a server answers with (a non-2xx status with
`{"error": {"code", "message", "details"?}}`) is raised as the subclass of
`MizanError` for its code, or `MizanError` itself for a code this client does
not know. Network failures are httpx's own exceptions (`httpx.HTTPError`).
"""

from __future__ import annotations

from typing import Any

import httpx


class MizanError(Exception):
    """An error answered by the server."""

    code: str
    """The protocol error code, e.g. `"NOT_FOUND"`."""
    status: int
    """The HTTP status of the response."""
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


def _path(loc: Any) -> list[str]:
    """A pydantic `loc` as path segments, a leading request part dropped."""
    if not isinstance(loc, list):
        return []
    parts = loc[1:] if len(loc) > 1 and loc[0] in _LOC_ROOTS else loc
    usable = all(
        (isinstance(p, str) and p != "")
        or (isinstance(p, int) and not isinstance(p, bool))
        for p in parts
    )
    return [str(p) for p in parts] if usable else []


def _messages(details: dict[str, Any] | None) -> list[tuple[list[str], str]]:
    """Every validation message with its path: `details.fields`, then `details.errors`."""
    out: list[tuple[list[str], str]] = []
    fields = (details or {}).get("fields")
    if isinstance(fields, dict):
        for name, messages in fields.items():
            for m in messages if isinstance(messages, list) else [messages]:
                out.append(([str(name)], str(m)))
    errors = (details or {}).get("errors")
    if isinstance(errors, list):
        for entry in errors:
            if isinstance(entry, dict):
                msg = entry.get("msg")
                text = msg if isinstance(msg, str) else "Invalid value"
                out.append((_path(entry.get("loc")), text))
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
        body = response.json()
    except ValueError:
        body = None
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):
        code = str(error.get("code", code))
        message = str(error.get("message", message))
        raw = error.get("details")
        details = raw if isinstance(raw, dict) else None
    return ERRORS_BY_CODE.get(code, MizanError)(
        code, message, status=status, details=details
    )
