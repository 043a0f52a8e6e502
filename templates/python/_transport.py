"""Request building, auth hooks, retries, timeouts and response parsing shared
by `Client` and `AsyncClient`.

Calls are `POST <base>/call/` with `{"fn", "args"}` (multipart when they
carry uploads); context fetches are `GET <base>/ctx/<name>/?<params>`. Calls
declared `transport=websocket` and channels go over the WebSocket
(`_socket.py`). This client keeps no context cache:
a call's `invalidate` and `merge` entries are read through
`with_raw_response` (`RawResponse.invalidate`, `RawResponse.merge`).

Retries follow the shape of the OpenAI Python SDK's: exponential backoff from
0.5 s to 8 s with up to 25% jitter, `Retry-After` (or `retry-after-ms`)
honoured up to 60 s, `max_retries` times (default 2). A request is retried
only when repeating it cannot repeat its effect: a context fetch (a read)
after a network error, a timeout, a 429 or a 5xx other than 501; a call only
when its connection failed before the request was sent. A call that reached
the server may have run, so its failure is raised, never repeated.
"""

from __future__ import annotations

import copy
import email.utils
import functools
import json
import math
import random
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import (
    IO,
    Any,
    Concatenate,
    Generic,
    Literal,
    ParamSpec,
    Self,
    TypeAlias,
    TypedDict,
    TypeVar,
    Unpack,
    cast,
    final,
    overload,
)

import anyio
import httpx
from pydantic import BaseModel, JsonValue, TypeAdapter
from pydantic_core import to_jsonable_python

from .errors import (
    InternalServerError,
    MizanConnectionError,
    MizanTimeoutError,
    error_from_response,
)

T = TypeVar("T")
C = TypeVar("C")
P = ParamSpec("P")

DEFAULT_BASE_PATH = {{base_path}}
"""Where the backend mounts the protocol (the IR's `base-url`)."""

DEFAULT_TIMEOUT = 30.0
"""Seconds a request may take when neither the client nor the call says."""

DEFAULT_MAX_RETRIES = 2
"""How many times a failed request that is safe to repeat is tried again."""

INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER = 60.0
"""The longest `Retry-After` waited for; a longer one is raised at once."""

Upload: TypeAlias = (
    bytes
    | IO[bytes]
    | tuple[str, bytes | IO[bytes]]
    | tuple[str, bytes | IO[bytes], str]
)
"""A file to upload: its bytes, a binary file object, or `(filename, content)`
or `(filename, content, content_type)`."""

Token: TypeAlias = str | Callable[[], str | None] | None
"""A bearer token, or a function returning the current one (`None`: send none)."""

Headers: TypeAlias = Mapping[str, str] | Callable[[], Mapping[str, str]] | None
"""Extra headers for every request, or a function returning them (e.g.
`{"X-Mizan-Token": ...}`)."""

Timeout: TypeAlias = float | httpx.Timeout | None
"""Seconds (or an `httpx.Timeout`) a request may take; `None`: no limit."""

_CSRF_COOKIE = "csrftoken"


@final
class NotGiven:
    """The default of an option that keeps what is configured: unlike `None`,
    which for `timeout` means no limit."""

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()


class RequestOptions(TypedDict, total=False):
    """What every method takes besides its arguments, for that request only."""

    extra_headers: Mapping[str, str]
    """Headers sent with this request, over the client's."""
    timeout: Timeout
    """Seconds this request may take (each try), over the client's `timeout`."""
    max_retries: int
    """Retries of this request, over the client's `max_retries`."""


def _object(value: object) -> dict[str, object] | None:
    """`value` as a JSON object (its keys are strings), or None."""
    return cast("dict[str, object]", value) if isinstance(value, dict) else None


def _list(value: object) -> list[object]:
    """`value` as a JSON array, or an empty one."""
    return cast("list[object]", value) if isinstance(value, list) else []


def _json(value: object) -> JsonValue:
    return cast(JsonValue, value)


def jsonable(value: object) -> Any:
    """`value` as JSON data: models by their wire names (absent optional
    fields left out), dates, times, UUIDs and decimals as strings."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True)
    if isinstance(value, Mapping):
        items = cast("Mapping[object, object]", value)
        return {str(k): jsonable(v) for k, v in items.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in cast("Sequence[object]", value)]
    return to_jsonable_python(value)


def query_value(value: object) -> str:
    """A query-string value: the server coerces strings to the param's type."""
    if isinstance(value, bool):
        return "true" if value else "false"
    data = jsonable(value)
    return data if isinstance(data, str) else json.dumps(data)


@dataclass(frozen=True)
class InvalidateEntry:
    """An entry of a call's `invalidate`: what the call made stale.

    `context` alone: every entry of that context; `context` and `params`: the
    one entry fetched with those arguments; `function`: that member's slot in
    every entry of its context.
    """

    context: str | None
    function: str | None
    params: Mapping[str, JsonValue]

    @classmethod
    def parse(cls, entry: object) -> InvalidateEntry | None:
        if isinstance(entry, str):
            return cls(entry, None, {})
        data = _object(entry) or {}
        context, function = data.get("context"), data.get("function")
        params = {k: _json(v) for k, v in (_object(data.get("params")) or {}).items()}
        if isinstance(context, str):
            return cls(context, None, params)
        if isinstance(function, str):
            return cls(None, function, {})
        return None


@dataclass(frozen=True)
class MergeEntry:
    """An entry of a call's `merge`: the call's result, to be written into the
    `slot` member of `context` (the entry fetched with `params`, or every
    entry when `params` is None)."""

    context: str
    slot: str
    value: JsonValue
    params: Mapping[str, JsonValue] | None

    @classmethod
    def parse(cls, entry: object) -> MergeEntry | None:
        data = _object(entry) or {}
        context, slot = data.get("context"), data.get("slot")
        if not isinstance(context, str) or not isinstance(slot, str):
            return None
        raw = _object(data.get("params"))
        params = None if raw is None else {k: _json(v) for k, v in raw.items()}
        return cls(context, slot, _json(data.get("value")), params)


class RawResponse(Generic[T]):
    """What `with_raw_response` returns: the HTTP response of a call or fetch,
    the server's `invalidate` and `merge` entries, and the result (`parse()`).
    """

    http_response: httpx.Response
    """The HTTP response (the last one, after retries)."""
    retries_taken: int
    """How many times the request was tried again before this response."""
    invalidate: list[InvalidateEntry]
    """A call's `invalidate` entries (none for a context fetch)."""
    merge: list[MergeEntry]
    """A call's `merge` entries (none for a context fetch)."""

    def __init__(
        self,
        response: httpx.Response,
        body: object,
        parse: Callable[[object], T],
        retries_taken: int,
    ) -> None:
        self.http_response = response
        self.retries_taken = retries_taken
        data = _object(body) or {}
        invalidate = (InvalidateEntry.parse(e) for e in _list(data.get("invalidate")))
        self.invalidate = [e for e in invalidate if e is not None]
        merge = (MergeEntry.parse(e) for e in _list(data.get("merge")))
        self.merge = [e for e in merge if e is not None]
        self._body = body
        self._parse = parse
        self._parsed: tuple[T] | None = None

    @property
    def status_code(self) -> int:
        """The HTTP status."""
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The response headers (`X-Mizan-Invalidate`, ...)."""
        return self.http_response.headers

    def parse(self) -> T:
        """The result, validated as the method returns it (once)."""
        if self._parsed is None:
            self._parsed = (self._parse(self._body),)
        return self._parsed[0]

    def __repr__(self) -> str:
        return f"<RawResponse [{self.status_code}]>"


class RawView(Generic[C]):
    """Base of `ClientWithRawResponse`: the client's methods, each returning a
    `RawResponse` instead of its result."""

    def __init__(self, client: C) -> None:
        self._mizan_client = client


class RawMethod(Generic[C, P, T]):
    """A method of `RawView`: `method` on the client, returning its `RawResponse`."""

    def __init__(self, method: Callable[Concatenate[C, P], T]) -> None:
        self._method = method

    @overload
    def __get__(self, view: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(
        self, view: RawView[C], owner: type[Any]
    ) -> Callable[P, RawResponse[T]]: ...
    def __get__(
        self, view: RawView[C] | None, owner: type[Any]
    ) -> Self | Callable[P, RawResponse[T]]:
        if view is None:
            return self
        client = view._mizan_client  # pyright: ignore[reportPrivateUsage]
        # The view's client answers `RawResponse`s (`_mizan_raw`).
        return cast(
            "Callable[P, RawResponse[T]]", functools.partial(self._method, client)
        )


class AsyncRawMethod(Generic[C, P, T]):
    """An async method of `RawView`: `method` on the client, returning its
    `RawResponse`."""

    def __init__(self, method: Callable[Concatenate[C, P], Awaitable[T]]) -> None:
        self._method = method

    @overload
    def __get__(self, view: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(
        self, view: RawView[C], owner: type[Any]
    ) -> Callable[P, Awaitable[RawResponse[T]]]: ...
    def __get__(
        self, view: RawView[C] | None, owner: type[Any]
    ) -> Self | Callable[P, Awaitable[RawResponse[T]]]:
        if view is None:
            return self
        client = view._mizan_client  # pyright: ignore[reportPrivateUsage]
        method = functools.partial(self._method, client)
        return cast("Callable[P, Awaitable[RawResponse[T]]]", method)


def retry_after(headers: httpx.Headers) -> float | None:
    """The seconds `Retry-After` (or `retry-after-ms`) asks to wait, if any."""
    try:
        return float(headers.get("retry-after-ms", "")) / 1000
    except ValueError:
        pass
    value = headers.get("retry-after", "")
    try:
        return float(value)
    except ValueError:
        pass
    date = email.utils.parsedate_tz(value)
    if date is None:
        return None
    return float(email.utils.mktime_tz(date) - time.time())


def _retryable_status(response: httpx.Response) -> bool:
    """A 429 or a 5xx (but 501) whose `Retry-After`, if any, is not too long."""
    status = response.status_code
    if status != 429 and (status < 500 or status == 501):
        return False
    wait = retry_after(response.headers)
    return wait is None or not math.isfinite(wait) or wait <= MAX_RETRY_AFTER


def _retryable_failure(error: httpx.RequestError, safe: bool) -> bool:
    """Whether a request that failed with `error` may be sent again: any
    network failure of a read (`safe`), else only one before it was sent."""
    if safe:
        return isinstance(error, httpx.TransportError)
    return isinstance(
        error, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
    )


def retry_delay(retries_taken: int, response: httpx.Response | None) -> float:
    """Seconds to wait before retry number `retries_taken + 1`."""
    wait = retry_after(response.headers) if response is not None else None
    if wait is not None and math.isfinite(wait) and 0 < wait <= MAX_RETRY_AFTER:
        return wait
    backoff = min(INITIAL_RETRY_DELAY * 2.0 ** min(retries_taken, 32), MAX_RETRY_DELAY)
    return backoff * (1 - 0.25 * random.random())


def _call_result(adapter: TypeAdapter[T], body: object) -> T:
    """A call's `result`, validated."""
    return adapter.validate_python((_object(body) or {}).get("result"))


def _network_error(error: httpx.RequestError) -> MizanConnectionError:
    """The `MizanError` of a request that got no response."""
    what = f"{error.request.method} {error.request.url}"
    if isinstance(error, httpx.TimeoutException):
        return MizanTimeoutError(f"{what} timed out: {error}")
    return MizanConnectionError(f"{what} failed: {error or type(error).__name__}")


class _Session:
    """What a client and its copies (`with_options`) share: the CSRF token."""

    csrf: str | None = None


class _Requests:
    """What both clients share: URLs, headers, auth, options, request bodies
    and response parsing."""

    def __init__(
        self,
        base_url: str,
        base_path: str,
        token: Token,
        headers: Headers,
        timeout: Timeout | NotGiven,
        max_retries: int,
    ) -> None:
        self._mizan_base = base_url.rstrip("/") + "/" + base_path.strip("/")
        self._mizan_token = token
        self._mizan_headers: tuple[Headers, ...] = (headers,)
        self._mizan_timeout = timeout
        self._mizan_max_retries = max_retries
        self._mizan_session = _Session()
        self._mizan_raw = False
        self._mizan_setup()

    def _mizan_setup(self) -> None:
        """Called once at construction (not for `with_options` copies, which
        share what it sets up): the WebSocket client's sockets."""

    def with_options(
        self,
        *,
        token: Token | NotGiven = NOT_GIVEN,
        headers: Headers = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Self:
        """A copy of this client with other options, for some calls:
        `client.with_options(timeout=5, max_retries=0).fetch_...(...)`.

        `headers` are sent over the client's; `token`, `timeout` and
        `max_retries` replace its own. The copy shares the HTTP client, its
        cookies and the session: close the original, not the copy.
        """
        other = copy.copy(self)
        if not isinstance(token, NotGiven):
            other._mizan_token = token
        if headers is not None:
            other._mizan_headers = (*self._mizan_headers, headers)
        if not isinstance(timeout, NotGiven):
            other._mizan_timeout = timeout
        if not isinstance(max_retries, NotGiven):
            other._mizan_max_retries = max_retries
        return other

    def _mizan_raw_copy(self) -> Self:
        """The client of `with_raw_response`: its methods answer `RawResponse`s."""
        other = copy.copy(self)
        other._mizan_raw = True
        return other

    def _mizan_request_headers(
        self, cookies: httpx.Cookies, options: RequestOptions
    ) -> dict[str, str]:
        out: dict[str, str] = {"Accept": "application/json"}
        for headers in self._mizan_headers:
            out.update((headers() if callable(headers) else headers) or {})
        token = (
            self._mizan_token() if callable(self._mizan_token) else self._mizan_token
        )
        if token:
            out["Authorization"] = f"Bearer {token}"
        csrf = self._mizan_session.csrf or cookies.get(_CSRF_COOKIE)
        if csrf:
            out["X-CSRFToken"] = csrf
        out.update(options.get("extra_headers") or {})
        return out

    def _mizan_build(
        self,
        http: httpx.Client | httpx.AsyncClient,
        method: str,
        path: str,
        options: RequestOptions,
        **parts: Any,
    ) -> httpx.Request:
        """A request to `<base><path>`, with the timeout that applies to it:
        the call's, else the client's, else the HTTP client's own."""
        url = self._mizan_base + path
        headers = self._mizan_request_headers(http.cookies, options)
        timeout = options.get("timeout", self._mizan_timeout)
        if isinstance(timeout, NotGiven):
            return http.build_request(method, url, headers=headers, **parts)
        return http.build_request(
            method, url, headers=headers, timeout=timeout, **parts
        )

    def _mizan_call_request(
        self,
        http: httpx.Client | httpx.AsyncClient,
        fn: str,
        args: Mapping[str, object],
        options: RequestOptions,
        optional: Mapping[str, object],
        files: Mapping[str, Upload | list[Upload] | None],
    ) -> httpx.Request:
        # An optional argument left at None is left out: the server's default applies.
        present = {**args, **{k: v for k, v in optional.items() if v is not None}}
        body = {"fn": fn, "args": jsonable(present)}
        if not files:
            return self._mizan_build(http, "POST", "/call/", options, json=body)
        parts: list[tuple[str, Upload]] = []
        for name, upload in files.items():
            uploads = upload if isinstance(upload, list) else [upload]
            parts.extend((name, u) for u in uploads if u is not None)
        data = {"fn": fn, "args": json.dumps(body["args"])}
        return self._mizan_build(
            http, "POST", "/call/", options, data=data, files=parts
        )

    def _mizan_fetch_request(
        self,
        http: httpx.Client | httpx.AsyncClient,
        context: str,
        params: Mapping[str, object],
        options: RequestOptions,
    ) -> httpx.Request:
        query = {k: query_value(v) for k, v in params.items() if v is not None}
        path = f"/ctx/{context}/"
        return self._mizan_build(http, "GET", path, options, params=query)

    def _mizan_max(self, options: RequestOptions) -> int:
        return options.get("max_retries", self._mizan_max_retries)

    def _mizan_body(self, response: httpx.Response) -> object:
        try:
            body: object = response.json()
        except ValueError:
            raise InternalServerError(
                "INTERNAL_ERROR",
                f"the response is not JSON: {response.text[:200]!r}",
                status=response.status_code,
            ) from None
        return body

    def _mizan_keep_session(self, response: httpx.Response) -> None:
        token = (_object(self._mizan_body(response)) or {}).get("csrfToken")
        self._mizan_session.csrf = token if isinstance(token, str) else None

    def _mizan_result(
        self, response: httpx.Response, retries: int, parse: Callable[[object], T]
    ) -> T:
        """The result of a response, `parse`d from its body, or its
        `RawResponse` for `with_raw_response`."""
        body = self._mizan_body(response)
        if self._mizan_raw:
            return cast(T, RawResponse(response, body, parse, retries))
        return parse(body)


class SyncClientBase(_Requests):
    """The sync client's plumbing; `Client` adds a method per function."""

    def __init__(
        self,
        base_url: str,
        *,
        base_path: str = DEFAULT_BASE_PATH,
        token: Token = None,
        headers: Headers = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.Client | None = None,
    ) -> None:
        """Talk to the backend at `base_url` (e.g. `"https://shop.example.com"`).

        `token` sends `Authorization: Bearer`; `headers` adds headers to every
        request; `timeout` (seconds, or an `httpx.Timeout`; `None`: no limit)
        applies to each try of every request, also through your own
        `http_client` (default: 30 s, or that client's own timeout);
        `max_retries` is how many times a request that is safe to repeat is
        tried again (default 2); `http_client` replaces the `httpx.Client`
        (its cookies carry the session).
        """
        super().__init__(base_url, base_path, token, headers, timeout, max_retries)
        if http_client is None:
            default = DEFAULT_TIMEOUT if isinstance(timeout, NotGiven) else timeout
            http_client = httpx.Client(timeout=default)
        self._mizan_http = http_client

    def init_session(self, **options: Unpack[RequestOptions]) -> None:
        """`GET <base>/session/`: starts a session and keeps its CSRF token,
        sent as `X-CSRFToken` from then on (Django session auth)."""
        request = self._mizan_build(self._mizan_http, "GET", "/session/", options)
        response, _ = self._mizan_send(request, True, options)
        self._mizan_keep_session(response)

    def close(self) -> None:
        """Closes the HTTP client."""
        self._mizan_http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _mizan_send(
        self, request: httpx.Request, safe: bool, options: RequestOptions
    ) -> tuple[httpx.Response, int]:
        """Sends `request`, tried again while it fails in a way that allows
        it; the response and how many retries it took, or the error raised."""
        max_retries = self._mizan_max(options)
        retries = 0
        while True:
            try:
                response = self._mizan_http.send(request)
            except httpx.RequestError as error:
                if retries < max_retries and _retryable_failure(error, safe):
                    time.sleep(retry_delay(retries, None))
                    retries += 1
                    continue
                raise _network_error(error) from error
            if response.is_success:
                return response, retries
            if safe and retries < max_retries and _retryable_status(response):
                response.close()
                time.sleep(retry_delay(retries, response))
                retries += 1
                continue
            raise error_from_response(response)

    def _mizan_call(
        self,
        fn: str,
        args: Mapping[str, object],
        result: TypeAdapter[T],
        options: RequestOptions,
        *,
        optional: Mapping[str, object] | None = None,
        files: Mapping[str, Upload | list[Upload] | None] | None = None,
    ) -> T:
        request = self._mizan_call_request(
            self._mizan_http, fn, args, options, optional or {}, files or {}
        )
        response, retries = self._mizan_send(request, False, options)
        parse = functools.partial(_call_result, result)
        return self._mizan_result(response, retries, parse)

    def _mizan_fetch(
        self,
        context: str,
        params: Mapping[str, object],
        bundle: type[T],
        options: RequestOptions,
    ) -> T:
        request = self._mizan_fetch_request(self._mizan_http, context, params, options)
        response, retries = self._mizan_send(request, True, options)
        validate = TypeAdapter(bundle).validate_python
        return self._mizan_result(response, retries, validate)


class AsyncClientBase(_Requests):
    """The async client's plumbing; `AsyncClient` adds a method per function."""

    def __init__(
        self,
        base_url: str,
        *,
        base_path: str = DEFAULT_BASE_PATH,
        token: Token = None,
        headers: Headers = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        """Talk to the backend at `base_url` (e.g. `"https://shop.example.com"`).

        `token` sends `Authorization: Bearer`; `headers` adds headers to every
        request; `timeout` (seconds, or an `httpx.Timeout`; `None`: no limit)
        applies to each try of every request, also through your own
        `http_client` (default: 30 s, or that client's own timeout);
        `max_retries` is how many times a request that is safe to repeat is
        tried again (default 2); `http_client` replaces the
        `httpx.AsyncClient` (its cookies carry the session).
        """
        super().__init__(base_url, base_path, token, headers, timeout, max_retries)
        if http_client is None:
            default = DEFAULT_TIMEOUT if isinstance(timeout, NotGiven) else timeout
            http_client = httpx.AsyncClient(timeout=default)
        self._mizan_http = http_client

    async def init_session(self, **options: Unpack[RequestOptions]) -> None:
        """`GET <base>/session/`: starts a session and keeps its CSRF token,
        sent as `X-CSRFToken` from then on (Django session auth)."""
        request = self._mizan_build(self._mizan_http, "GET", "/session/", options)
        response, _ = await self._mizan_send(request, True, options)
        self._mizan_keep_session(response)

    async def close(self) -> None:
        """Closes the HTTP client."""
        await self._mizan_http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def _mizan_send(
        self, request: httpx.Request, safe: bool, options: RequestOptions
    ) -> tuple[httpx.Response, int]:
        """Sends `request`, tried again while it fails in a way that allows
        it; the response and how many retries it took, or the error raised."""
        max_retries = self._mizan_max(options)
        retries = 0
        while True:
            try:
                response = await self._mizan_http.send(request)
            except httpx.RequestError as error:
                if retries < max_retries and _retryable_failure(error, safe):
                    await anyio.sleep(retry_delay(retries, None))
                    retries += 1
                    continue
                raise _network_error(error) from error
            if response.is_success:
                return response, retries
            if safe and retries < max_retries and _retryable_status(response):
                await response.aclose()
                await anyio.sleep(retry_delay(retries, response))
                retries += 1
                continue
            raise error_from_response(response)

    async def _mizan_call(
        self,
        fn: str,
        args: Mapping[str, object],
        result: TypeAdapter[T],
        options: RequestOptions,
        *,
        optional: Mapping[str, object] | None = None,
        files: Mapping[str, Upload | list[Upload] | None] | None = None,
    ) -> T:
        request = self._mizan_call_request(
            self._mizan_http, fn, args, options, optional or {}, files or {}
        )
        response, retries = await self._mizan_send(request, False, options)
        parse = functools.partial(_call_result, result)
        return self._mizan_result(response, retries, parse)

    async def _mizan_fetch(
        self,
        context: str,
        params: Mapping[str, object],
        bundle: type[T],
        options: RequestOptions,
    ) -> T:
        request = self._mizan_fetch_request(self._mizan_http, context, params, options)
        response, retries = await self._mizan_send(request, True, options)
        validate = TypeAdapter(bundle).validate_python
        return self._mizan_result(response, retries, validate)
