"""The WebSocket side of both clients, over the `websockets` package:
channel subscriptions and calls declared `transport=websocket`.

Everything travels over `<base>/ws/` (`ws://` or `wss://` after the base
URL's scheme) as JSON text frames. The connection carries the client's
headers (`Authorization`, `headers=`, the session cookie and `X-CSRFToken`),
and a bearer token also rides the URL as `?token=`, as the protocol allows.

Calls: one socket per client (and per set of credentials, for
`with_options` copies), opened on the first call and kept; a call sends
`{"action": "rpc", "id", "fn", "args"}` and waits for the frame with its id,
within the call's `timeout`. Calls on one client go one at a time. A socket
that cannot be opened is tried again like an HTTP call that could not
connect (`max_retries`); a call whose socket closes before its answer is
raised (`MizanConnectionError`), never repeated: it may have run.

Channels: a socket per subscription, opened by `with` (`async with`),
subscribed (`{"action": "subscribe", "channel", "params"}`) and confirmed
before the block starts. A dropped connection is opened again and
resubscribed when `receive` or `send` finds it closed, after 0.25 s
doubling to 5 s, up to `MAX_RECONNECTS` times in a row. Messages the server
pushed meanwhile are lost, and so is a message sent into a connection whose
end was not noticed yet. Leaving the block unsubscribes and closes the
socket.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
import urllib.parse
from collections import deque
from collections.abc import AsyncIterator, Iterator, Mapping
from types import TracebackType
from typing import Any, Generic, Self, TypeAlias, TypeVar, cast

import httpx
from pydantic import TypeAdapter
from websockets.asyncio.client import ClientConnection as AsyncConnection
from websockets.asyncio.client import connect as async_connect
from websockets.exceptions import ConnectionClosed, WebSocketException
from websockets.protocol import State
from websockets.sync.client import ClientConnection, connect

from ._transport import (
    AsyncClientBase,
    NotGiven,
    RequestOptions,
    SyncClientBase,
    Timeout,
    jsonable,
    query_value,
    retry_delay,
)
from .errors import (
    ChannelError,
    MizanConnectionError,
    MizanTimeoutError,
    error_from_payload,
)

T = TypeVar("T")
S = TypeVar("S")
M = TypeVar("M")

MAX_RECONNECTS = 10
"""How many times in a row a dropped channel connection is opened again."""

FIRST_RECONNECT_DELAY = 0.25
MAX_RECONNECT_DELAY = 5.0

_Target: TypeAlias = tuple[str, tuple[tuple[str, str], ...]]
"""Where a socket goes: its URL and the headers of its handshake."""

_SKIPPED_HEADERS = frozenset(
    {"host", "connection", "upgrade", "user-agent", "accept-encoding"}
)
"""Handshake headers `websockets` writes itself."""


def _frame(text: str | bytes) -> dict[str, object]:
    """A frame as a JSON object (empty when it is not one)."""
    try:
        value: object = json.loads(text)
    except ValueError:
        return {}
    return cast("dict[str, object]", value) if isinstance(value, dict) else {}


def _seconds(
    timeout: Timeout | NotGiven, http: httpx.Client | httpx.AsyncClient
) -> float | None:
    """A timeout in seconds: the given one (an `httpx.Timeout`'s read
    timeout), else the HTTP client's."""
    if isinstance(timeout, NotGiven):
        return http.timeout.read
    if isinstance(timeout, httpx.Timeout):
        return timeout.read
    return timeout


def _reconnect_delay(attempt: int) -> float:
    return min(FIRST_RECONNECT_DELAY * 2.0 ** min(attempt, 32), MAX_RECONNECT_DELAY)


def _socket_error(url: str, error: BaseException) -> MizanConnectionError:
    """The `MizanError` of a socket that could not be opened or answered."""
    what = f"WebSocket {url.split('?')[0]}"
    if isinstance(error, TimeoutError):
        return MizanTimeoutError(f"{what} timed out")
    return MizanConnectionError(f"{what} failed: {error or type(error).__name__}")


def _target(request: httpx.Request) -> _Target:
    """The socket URL and handshake headers of a request to `<base>/ws/`
    (built like every request: auth, session cookie, CSRF, extra headers)."""
    url = str(request.url)
    scheme, rest = url.split(":", 1)
    url = ("wss" if scheme == "https" else "ws") + ":" + rest
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        token = urllib.parse.quote(auth[7:].strip(), safe="")
        url += ("&" if "?" in url else "?") + "token=" + token
    headers = tuple(
        (k, v)
        for k, v in request.headers.items()
        if k.lower() not in _SKIPPED_HEADERS
        and not k.lower().startswith("sec-websocket")
    )
    return url, headers


def _rpc_result(frame: Mapping[str, object], adapter: TypeAdapter[T]) -> T:
    """A call's result from its answer frame, or its error raised."""
    if frame.get("ok") is True:
        return adapter.validate_python(frame.get("data"))
    raise error_from_payload(frame.get("error"))


def _rpc_frame(
    fn: str, args: Mapping[str, object], optional: Mapping[str, object]
) -> dict[str, Any]:
    # An optional argument left at None is left out: the server's default applies.
    present = {**args, **{k: v for k, v in optional.items() if v is not None}}
    return {"action": "rpc", "fn": fn, "args": jsonable(present)}


def _channel_params(params: Mapping[str, object]) -> dict[str, str]:
    """Channel params as the protocol carries them: query-string values."""
    return {k: query_value(v) for k, v in params.items() if v is not None}


class _Subscription:
    """What a channel frame is matched against."""

    def __init__(self, channel: str, params: dict[str, str]) -> None:
        self.channel = channel
        self.params = params

    def frame(self, action: str, **extra: object) -> str:
        body = {"action": action, "channel": self.channel, "params": self.params}
        return json.dumps({**body, **extra})

    def mine(self, frame: Mapping[str, object]) -> bool:
        return frame.get("channel") == self.channel and "id" not in frame

    def refusal(self, frame: Mapping[str, object]) -> ChannelError | None:
        """The error of an `error` frame about this channel (or none named)."""
        error = frame.get("error")
        if not isinstance(error, str):
            return None
        if frame.get("channel", self.channel) != self.channel:
            return None
        return ChannelError(f"channel {self.channel}: {error}")


def _closed(channel: str) -> MizanConnectionError:
    return MizanConnectionError(f"the channel {channel} is closed")


class Channel(Generic[S]):
    """A channel subscription of the sync `Client`: use it as a context manager
    and iterate over the server's messages, validated as `S`.

    `for message in channel:` waits for each message and ends when the
    channel is closed (from another thread, say); `receive(timeout=...)`
    waits for one. A dropped connection is opened again and resubscribed.
    An `error` frame the server sends about the channel is raised as
    `ChannelError`.
    """

    def __init__(
        self,
        target: _Target,
        timeout: float | None,
        subscription: _Subscription,
        messages: TypeAdapter[S],
    ) -> None:
        self._mizan_target = target
        self._mizan_timeout = timeout
        self._mizan_subscription = subscription
        self._mizan_messages = messages
        self._mizan_socket: ClientConnection | None = None
        self._mizan_waiting: deque[dict[str, object]] = deque()
        self._mizan_lock = threading.Lock()
        self._mizan_closed = False
        self.reconnects = 0
        """How many times the connection was opened again after a drop."""

    def __enter__(self) -> Self:
        self._mizan_socket = self._mizan_open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Unsubscribes and closes the connection (again: nothing)."""
        if self._mizan_closed:
            return
        self._mizan_closed = True
        socket = self._mizan_socket
        if socket is None:
            return
        try:
            socket.send(self._mizan_subscription.frame("unsubscribe"))
        except ConnectionClosed:
            pass
        socket.close()

    def receive(self, timeout: float | None = None) -> S:
        """The next message, waiting at most `timeout` seconds (`None`: no
        limit; then `MizanTimeoutError`)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        subscription = self._mizan_subscription
        while True:
            if self._mizan_waiting:
                frame = self._mizan_waiting.popleft()
                return self._mizan_messages.validate_python(frame.get("data"))
            socket = self._mizan_live()
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                text = socket.recv(timeout=left)
            except TimeoutError:
                raise MizanTimeoutError(
                    f"no message on channel {subscription.channel} within {timeout} s"
                ) from None
            except ConnectionClosed:
                if self._mizan_closed:
                    raise _closed(subscription.channel) from None
                self._mizan_reconnect(socket)
                continue
            frame = _frame(text)
            refusal = subscription.refusal(frame)
            if refusal is not None:
                raise refusal
            if subscription.mine(frame) and "data" in frame:
                self._mizan_waiting.append(frame)

    def __iter__(self) -> Iterator[S]:
        while True:
            try:
                yield self.receive()
            except MizanConnectionError:
                if self._mizan_closed:
                    return
                raise

    def _mizan_live(self) -> ClientConnection:
        socket = self._mizan_socket
        if self._mizan_closed or socket is None:
            raise _closed(self._mizan_subscription.channel)
        return socket

    def _mizan_send(self, data: object) -> None:
        frame = self._mizan_subscription.frame("message", data=jsonable(data))
        while True:
            socket = self._mizan_live()
            try:
                socket.send(frame)
                return
            except ConnectionClosed:
                self._mizan_reconnect(socket)

    def _mizan_open(self) -> ClientConnection:
        """A connection, subscribed: the server confirmed, or refused
        (`ChannelError`)."""
        url, headers = self._mizan_target
        timeout = self._mizan_timeout
        try:
            socket = connect(url, additional_headers=headers, open_timeout=timeout)
        except (OSError, TimeoutError, WebSocketException) as error:
            raise _socket_error(url, error) from error
        subscription = self._mizan_subscription
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            socket.send(subscription.frame("subscribe"))
            while True:
                left = (
                    None if deadline is None else max(0.0, deadline - time.monotonic())
                )
                frame = _frame(socket.recv(timeout=left))
                refusal = subscription.refusal(frame)
                if refusal is not None:
                    raise refusal
                if subscription.mine(frame) and frame.get("subscribed") is True:
                    return socket
                if subscription.mine(frame) and "data" in frame:
                    self._mizan_waiting.append(frame)
        except (ConnectionClosed, TimeoutError) as error:
            socket.close()
            raise _socket_error(url, error) from error
        except ChannelError:
            socket.close()
            raise

    def _mizan_reconnect(self, broken: ClientConnection) -> None:
        """Opens the connection again after `broken` dropped (once, whichever
        thread notices first), with backoff; raises after `MAX_RECONNECTS`."""
        with self._mizan_lock:
            if self._mizan_socket is not broken:
                return
            for attempt in itertools.count():
                if self._mizan_closed:
                    raise _closed(self._mizan_subscription.channel)
                time.sleep(_reconnect_delay(attempt))
                try:
                    socket = self._mizan_open()
                except MizanConnectionError:
                    if attempt + 1 >= MAX_RECONNECTS:
                        raise
                    continue
                if self._mizan_closed:
                    # Closed (from another thread) while reconnecting.
                    socket.close()
                    raise _closed(self._mizan_subscription.channel)
                self._mizan_socket = socket
                self.reconnects += 1
                return


class SendChannel(Channel[S], Generic[S, M]):
    """A channel subscription that also sends `M` messages to the server."""

    def send(self, message: M) -> None:
        """Sends `message` on the channel (after reconnecting, if the
        connection dropped)."""
        self._mizan_send(message)


class AsyncChannel(Generic[S]):
    """A channel subscription of `AsyncClient`: use it with `async with` and
    `async for` over the server's messages, validated as `S`.

    `async for message in channel:` ends when the channel is closed;
    `await receive(timeout=...)` waits for one message. A dropped connection
    is opened again and resubscribed. An `error` frame the server sends
    about the channel is raised as `ChannelError`.
    """

    def __init__(
        self,
        target: _Target,
        timeout: float | None,
        subscription: _Subscription,
        messages: TypeAdapter[S],
    ) -> None:
        self._mizan_target = target
        self._mizan_timeout = timeout
        self._mizan_subscription = subscription
        self._mizan_messages = messages
        self._mizan_socket: AsyncConnection | None = None
        self._mizan_waiting: deque[dict[str, object]] = deque()
        self._mizan_lock = asyncio.Lock()
        self._mizan_closed = False
        self.reconnects = 0
        """How many times the connection was opened again after a drop."""

    async def __aenter__(self) -> Self:
        self._mizan_socket = await self._mizan_open()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        """Unsubscribes and closes the connection (again: nothing)."""
        if self._mizan_closed:
            return
        self._mizan_closed = True
        socket = self._mizan_socket
        if socket is None:
            return
        try:
            await socket.send(self._mizan_subscription.frame("unsubscribe"))
        except ConnectionClosed:
            pass
        await socket.close()

    async def receive(self, timeout: float | None = None) -> S:
        """The next message, waiting at most `timeout` seconds (`None`: no
        limit; then `MizanTimeoutError`)."""
        try:
            async with asyncio.timeout(timeout):
                return await self._mizan_receive()
        except TimeoutError:
            channel = self._mizan_subscription.channel
            raise MizanTimeoutError(
                f"no message on channel {channel} within {timeout} s"
            ) from None

    async def __aiter__(self) -> AsyncIterator[S]:
        while True:
            try:
                yield await self.receive()
            except MizanConnectionError:
                if self._mizan_closed:
                    return
                raise

    async def _mizan_receive(self) -> S:
        subscription = self._mizan_subscription
        while True:
            if self._mizan_waiting:
                frame = self._mizan_waiting.popleft()
                return self._mizan_messages.validate_python(frame.get("data"))
            socket = self._mizan_live()
            try:
                text = await socket.recv()
            except ConnectionClosed:
                if self._mizan_closed:
                    raise _closed(subscription.channel) from None
                await self._mizan_reconnect(socket)
                continue
            frame = _frame(text)
            refusal = subscription.refusal(frame)
            if refusal is not None:
                raise refusal
            if subscription.mine(frame) and "data" in frame:
                self._mizan_waiting.append(frame)

    def _mizan_live(self) -> AsyncConnection:
        socket = self._mizan_socket
        if self._mizan_closed or socket is None:
            raise _closed(self._mizan_subscription.channel)
        return socket

    async def _mizan_send(self, data: object) -> None:
        frame = self._mizan_subscription.frame("message", data=jsonable(data))
        while True:
            socket = self._mizan_live()
            try:
                await socket.send(frame)
                return
            except ConnectionClosed:
                await self._mizan_reconnect(socket)

    async def _mizan_open(self) -> AsyncConnection:
        """A connection, subscribed: the server confirmed, or refused
        (`ChannelError`)."""
        url, headers = self._mizan_target
        try:
            async with asyncio.timeout(self._mizan_timeout):
                socket = await async_connect(url, additional_headers=headers)
        except (OSError, TimeoutError, WebSocketException) as error:
            raise _socket_error(url, error) from error
        subscription = self._mizan_subscription
        try:
            async with asyncio.timeout(self._mizan_timeout):
                await socket.send(subscription.frame("subscribe"))
                while True:
                    frame = _frame(await socket.recv())
                    refusal = subscription.refusal(frame)
                    if refusal is not None:
                        raise refusal
                    if subscription.mine(frame) and frame.get("subscribed") is True:
                        return socket
                    if subscription.mine(frame) and "data" in frame:
                        self._mizan_waiting.append(frame)
        except (ConnectionClosed, TimeoutError) as error:
            await socket.close()
            raise _socket_error(url, error) from error
        except ChannelError:
            await socket.close()
            raise

    async def _mizan_reconnect(self, broken: AsyncConnection) -> None:
        """Opens the connection again after `broken` dropped (once, whichever
        task notices first), with backoff; raises after `MAX_RECONNECTS`."""
        async with self._mizan_lock:
            if self._mizan_socket is not broken:
                return
            for attempt in itertools.count():
                if self._mizan_closed:
                    raise _closed(self._mizan_subscription.channel)
                await asyncio.sleep(_reconnect_delay(attempt))
                try:
                    socket = await self._mizan_open()
                except MizanConnectionError:
                    if attempt + 1 >= MAX_RECONNECTS:
                        raise
                    continue
                if self._mizan_closed:
                    # Closed (by another task) while reconnecting.
                    await socket.close()
                    raise _closed(self._mizan_subscription.channel)
                self._mizan_socket = socket
                self.reconnects += 1
                return


class AsyncSendChannel(AsyncChannel[S], Generic[S, M]):
    """A channel subscription that also sends `M` messages to the server."""

    async def send(self, message: M) -> None:
        """Sends `message` on the channel (after reconnecting, if the
        connection dropped)."""
        await self._mizan_send(message)


class _SyncSockets:
    """The RPC sockets of a sync client and its copies, by target."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.open: dict[_Target, ClientConnection] = {}
        self.ids = itertools.count(1)

    def close(self) -> None:
        with self.lock:
            for socket in self.open.values():
                socket.close()
            self.open.clear()


class _AsyncSockets:
    """The RPC sockets of an async client and its copies, by target."""

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.open: dict[_Target, AsyncConnection] = {}
        self.ids = itertools.count(1)

    async def close(self) -> None:
        async with self.lock:
            for socket in self.open.values():
                await socket.close()
            self.open.clear()


class SyncSocketClientBase(SyncClientBase):
    """`SyncClientBase` with channels and calls over the WebSocket."""

    def _mizan_setup(self) -> None:
        self._mizan_sockets = _SyncSockets()

    def close(self) -> None:
        """Closes the call socket and the HTTP client."""
        self._mizan_sockets.close()
        super().close()

    def _mizan_target(self, options: RequestOptions) -> _Target:
        request = self._mizan_build(self._mizan_http, "GET", "/ws/", options)
        return _target(request)

    def _mizan_channel(
        self, channel: str, params: Mapping[str, object], messages: TypeAdapter[S]
    ) -> Channel[S]:
        return Channel(*self._mizan_channel_parts(channel, params), messages)

    def _mizan_send_channel(
        self, channel: str, params: Mapping[str, object], messages: TypeAdapter[S]
    ) -> SendChannel[S, Any]:
        return SendChannel(*self._mizan_channel_parts(channel, params), messages)

    def _mizan_channel_parts(
        self, channel: str, params: Mapping[str, object]
    ) -> tuple[_Target, float | None, _Subscription]:
        timeout = _seconds(self._mizan_timeout, self._mizan_http)
        subscription = _Subscription(channel, _channel_params(params))
        return self._mizan_target({}), timeout, subscription

    def _mizan_socket_call(
        self,
        fn: str,
        args: Mapping[str, object],
        result: TypeAdapter[T],
        options: RequestOptions,
        *,
        optional: Mapping[str, object] | None = None,
    ) -> T:
        """A call over the socket; through HTTP for `with_raw_response`
        (whose `RawResponse` is an HTTP response)."""
        if self._mizan_raw:
            return self._mizan_call(fn, args, result, options, optional=optional)
        frame = _rpc_frame(fn, args, optional or {})
        timeout = _seconds(
            options.get("timeout", self._mizan_timeout), self._mizan_http
        )
        target = self._mizan_target(options)
        sockets = self._mizan_sockets
        with sockets.lock:
            socket = self._mizan_rpc_socket(target, timeout, self._mizan_max(options))
            frame["id"] = str(next(sockets.ids))
            deadline = None if timeout is None else time.monotonic() + timeout
            try:
                socket.send(json.dumps(frame))
                while True:
                    left = (
                        None
                        if deadline is None
                        else max(0.0, deadline - time.monotonic())
                    )
                    answer = _frame(socket.recv(timeout=left))
                    if answer.get("id") == frame["id"]:
                        return _rpc_result(answer, result)
            except TimeoutError:
                raise MizanTimeoutError(
                    f"the WebSocket call {fn} timed out after {timeout} s"
                ) from None
            except ConnectionClosed as error:
                sockets.open.pop(target, None)
                raise _socket_error(target[0], error) from error

    def _mizan_rpc_socket(
        self, target: _Target, timeout: float | None, max_retries: int
    ) -> ClientConnection:
        """The open call socket of `target`, opened (and tried again, as an
        HTTP call that could not connect) when there is none or it closed."""
        open_ = self._mizan_sockets.open
        socket = open_.get(target)
        if socket is not None and socket.protocol.state is State.OPEN:
            return socket
        open_.pop(target, None)
        url, headers = target
        retries = 0
        while True:
            try:
                socket = connect(url, additional_headers=headers, open_timeout=timeout)
            except (OSError, TimeoutError, WebSocketException) as error:
                if retries < max_retries and not isinstance(error, TimeoutError):
                    time.sleep(retry_delay(retries, None))
                    retries += 1
                    continue
                raise _socket_error(url, error) from error
            open_[target] = socket
            return socket


class AsyncSocketClientBase(AsyncClientBase):
    """`AsyncClientBase` with channels and calls over the WebSocket."""

    def _mizan_setup(self) -> None:
        self._mizan_sockets = _AsyncSockets()

    async def close(self) -> None:
        """Closes the call socket and the HTTP client."""
        await self._mizan_sockets.close()
        await super().close()

    def _mizan_target(self, options: RequestOptions) -> _Target:
        request = self._mizan_build(self._mizan_http, "GET", "/ws/", options)
        return _target(request)

    def _mizan_channel(
        self, channel: str, params: Mapping[str, object], messages: TypeAdapter[S]
    ) -> AsyncChannel[S]:
        return AsyncChannel(*self._mizan_channel_parts(channel, params), messages)

    def _mizan_send_channel(
        self, channel: str, params: Mapping[str, object], messages: TypeAdapter[S]
    ) -> AsyncSendChannel[S, Any]:
        return AsyncSendChannel(*self._mizan_channel_parts(channel, params), messages)

    def _mizan_channel_parts(
        self, channel: str, params: Mapping[str, object]
    ) -> tuple[_Target, float | None, _Subscription]:
        timeout = _seconds(self._mizan_timeout, self._mizan_http)
        subscription = _Subscription(channel, _channel_params(params))
        return self._mizan_target({}), timeout, subscription

    async def _mizan_socket_call(
        self,
        fn: str,
        args: Mapping[str, object],
        result: TypeAdapter[T],
        options: RequestOptions,
        *,
        optional: Mapping[str, object] | None = None,
    ) -> T:
        """A call over the socket; through HTTP for `with_raw_response`
        (whose `RawResponse` is an HTTP response)."""
        if self._mizan_raw:
            return await self._mizan_call(fn, args, result, options, optional=optional)
        frame = _rpc_frame(fn, args, optional or {})
        timeout = _seconds(
            options.get("timeout", self._mizan_timeout), self._mizan_http
        )
        target = self._mizan_target(options)
        sockets = self._mizan_sockets
        async with sockets.lock:
            socket = await self._mizan_rpc_socket(
                target, timeout, self._mizan_max(options)
            )
            frame["id"] = str(next(sockets.ids))
            try:
                async with asyncio.timeout(timeout):
                    await socket.send(json.dumps(frame))
                    while True:
                        answer = _frame(await socket.recv())
                        if answer.get("id") == frame["id"]:
                            return _rpc_result(answer, result)
            except TimeoutError:
                raise MizanTimeoutError(
                    f"the WebSocket call {fn} timed out after {timeout} s"
                ) from None
            except ConnectionClosed as error:
                sockets.open.pop(target, None)
                raise _socket_error(target[0], error) from error

    async def _mizan_rpc_socket(
        self, target: _Target, timeout: float | None, max_retries: int
    ) -> AsyncConnection:
        """The open call socket of `target`, opened (and tried again, as an
        HTTP call that could not connect) when there is none or it closed."""
        open_ = self._mizan_sockets.open
        socket = open_.get(target)
        if socket is not None and socket.protocol.state is State.OPEN:
            return socket
        open_.pop(target, None)
        url, headers = target
        retries = 0
        while True:
            try:
                async with asyncio.timeout(timeout):
                    socket = await async_connect(url, additional_headers=headers)
            except (OSError, TimeoutError, WebSocketException) as error:
                if retries < max_retries and not isinstance(error, TimeoutError):
                    await asyncio.sleep(retry_delay(retries, None))
                    retries += 1
                    continue
                raise _socket_error(url, error) from error
            open_[target] = socket
            return socket
