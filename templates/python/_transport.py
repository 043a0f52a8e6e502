"""Request building, auth hooks and response parsing shared by `Client` and
`AsyncClient`.

Calls are `POST <base>/call/` with `{"fn", "args"}` (multipart when they
carry uploads); context fetches are `GET <base>/ctx/<name>/?<params>`. Calls
declared `transport=websocket` travel over HTTP too: every Mizan server
accepts any call at `POST <base>/call/`. This client keeps no context cache,
so a call's `invalidate` and `merge` entries are read by nobody.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from types import TracebackType
from typing import IO, Any, Self, TypeAlias, TypeVar

import httpx
from pydantic import BaseModel, TypeAdapter
from pydantic_core import to_jsonable_python

from .errors import error_from_response

T = TypeVar("T")

DEFAULT_BASE_PATH = {{ base_path }}
"""Where the backend mounts the protocol (the IR's `base-url`)."""

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

_CSRF_COOKIE = "csrftoken"


def jsonable(value: object) -> Any:
    """`value` as JSON data: models by their wire names (absent optional
    fields left out), dates, times, UUIDs and decimals as strings."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return to_jsonable_python(value)


def query_value(value: object) -> str:
    """A query-string value: the server coerces strings to the param's type."""
    if isinstance(value, bool):
        return "true" if value else "false"
    data = jsonable(value)
    return data if isinstance(data, str) else json.dumps(data)


class _Requests:
    """What both clients share: URLs, headers, auth, request bodies and
    response parsing."""

    def __init__(
        self, base_url: str, base_path: str, token: Token, headers: Headers
    ) -> None:
        self._mizan_base = base_url.rstrip("/") + "/" + base_path.strip("/")
        self._mizan_token = token
        self._mizan_headers = headers
        self._mizan_csrf: str | None = None

    def _mizan_request_headers(self, cookies: httpx.Cookies) -> dict[str, str]:
        out: dict[str, str] = {"Accept": "application/json"}
        extra = (
            self._mizan_headers()
            if callable(self._mizan_headers)
            else self._mizan_headers
        )
        out.update(extra or {})
        token = (
            self._mizan_token() if callable(self._mizan_token) else self._mizan_token
        )
        if token:
            out["Authorization"] = f"Bearer {token}"
        csrf = self._mizan_csrf or cookies.get(_CSRF_COOKIE)
        if csrf:
            out["X-CSRFToken"] = csrf
        return out

    def _mizan_call_request(
        self,
        http: httpx.Client | httpx.AsyncClient,
        fn: str,
        args: Mapping[str, object],
        optional: Mapping[str, object],
        files: Mapping[str, Upload | Sequence[Upload] | None],
    ) -> httpx.Request:
        url = f"{self._mizan_base}/call/"
        headers = self._mizan_request_headers(http.cookies)
        # An optional argument left at None is left out: the server's default applies.
        present = {**args, **{k: v for k, v in optional.items() if v is not None}}
        body = {"fn": fn, "args": jsonable(present)}
        if not files:
            return http.build_request("POST", url, json=body, headers=headers)
        parts: list[tuple[str, Any]] = []
        for name, upload in files.items():
            uploads = upload if isinstance(upload, list) else [upload]
            parts.extend((name, u) for u in uploads if u is not None)
        data = {"fn": fn, "args": json.dumps(body["args"])}
        return http.build_request("POST", url, data=data, files=parts, headers=headers)

    def _mizan_fetch_request(
        self,
        http: httpx.Client | httpx.AsyncClient,
        context: str,
        params: Mapping[str, object],
    ) -> httpx.Request:
        query = {k: query_value(v) for k, v in params.items() if v is not None}
        return http.build_request(
            "GET",
            f"{self._mizan_base}/ctx/{context}/",
            params=query,
            headers=self._mizan_request_headers(http.cookies),
        )

    def _mizan_session_request(
        self, http: httpx.Client | httpx.AsyncClient
    ) -> httpx.Request:
        return http.build_request(
            "GET",
            f"{self._mizan_base}/session/",
            headers=self._mizan_request_headers(http.cookies),
        )

    def _mizan_body(self, response: httpx.Response) -> Any:
        if not response.is_success:
            raise error_from_response(response)
        return response.json()

    def _mizan_keep_session(self, response: httpx.Response) -> None:
        token = self._mizan_body(response).get("csrfToken")
        self._mizan_csrf = token if isinstance(token, str) else None


class SyncClientBase(_Requests):
    """The sync client's plumbing; `Client` adds a method per function."""

    def __init__(
        self,
        base_url: str,
        *,
        base_path: str = DEFAULT_BASE_PATH,
        token: Token = None,
        headers: Headers = None,
        http_client: httpx.Client | None = None,
        timeout: float = 30.0,
    ) -> None:
        """Talk to the backend at `base_url` (e.g. `"https://shop.example.com"`).

        `token` sends `Authorization: Bearer`; `headers` adds headers to every
        request; `http_client` replaces the `httpx.Client` (its cookies carry
        the session).
        """
        super().__init__(base_url, base_path, token, headers)
        self._mizan_http = http_client or httpx.Client(timeout=timeout)

    def init_session(self) -> None:
        """`GET <base>/session/`: starts a session and keeps its CSRF token,
        sent as `X-CSRFToken` from then on (Django session auth)."""
        self._mizan_keep_session(
            self._mizan_http.send(self._mizan_session_request(self._mizan_http))
        )

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

    def _mizan_call(
        self,
        fn: str,
        args: Mapping[str, object],
        result: TypeAdapter[T],
        *,
        optional: Mapping[str, object] | None = None,
        files: Mapping[str, Upload | Sequence[Upload] | None] | None = None,
    ) -> T:
        request = self._mizan_call_request(
            self._mizan_http, fn, args, optional or {}, files or {}
        )
        body = self._mizan_body(self._mizan_http.send(request))
        return result.validate_python(body.get("result"))

    def _mizan_fetch(
        self, context: str, params: Mapping[str, object], bundle: type[T]
    ) -> T:
        request = self._mizan_fetch_request(self._mizan_http, context, params)
        body = self._mizan_body(self._mizan_http.send(request))
        return TypeAdapter(bundle).validate_python(body)


class AsyncClientBase(_Requests):
    """The async client's plumbing; `AsyncClient` adds a method per function."""

    def __init__(
        self,
        base_url: str,
        *,
        base_path: str = DEFAULT_BASE_PATH,
        token: Token = None,
        headers: Headers = None,
        http_client: httpx.AsyncClient | None = None,
        timeout: float = 30.0,
    ) -> None:
        """Talk to the backend at `base_url` (e.g. `"https://shop.example.com"`).

        `token` sends `Authorization: Bearer`; `headers` adds headers to every
        request; `http_client` replaces the `httpx.AsyncClient` (its cookies
        carry the session).
        """
        super().__init__(base_url, base_path, token, headers)
        self._mizan_http = http_client or httpx.AsyncClient(timeout=timeout)

    async def init_session(self) -> None:
        """`GET <base>/session/`: starts a session and keeps its CSRF token,
        sent as `X-CSRFToken` from then on (Django session auth)."""
        request = self._mizan_session_request(self._mizan_http)
        self._mizan_keep_session(await self._mizan_http.send(request))

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

    async def _mizan_call(
        self,
        fn: str,
        args: Mapping[str, object],
        result: TypeAdapter[T],
        *,
        optional: Mapping[str, object] | None = None,
        files: Mapping[str, Upload | Sequence[Upload] | None] | None = None,
    ) -> T:
        request = self._mizan_call_request(
            self._mizan_http, fn, args, optional or {}, files or {}
        )
        body = self._mizan_body(await self._mizan_http.send(request))
        return result.validate_python(body.get("result"))

    async def _mizan_fetch(
        self, context: str, params: Mapping[str, object], bundle: type[T]
    ) -> T:
        request = self._mizan_fetch_request(self._mizan_http, context, params)
        body = self._mizan_body(await self._mizan_http.send(request))
        return TypeAdapter(bundle).validate_python(body)
