"""End to end: the generated `mizan_client` package for `shop.kdl` against the
live test server (`tests/js/server/`), with the sync and the async client.

Run by `tests/python/mod.rs` as `python e2e_shop.py <origin>` with the
generated package on `PYTHONPATH`; exits non-zero at the first failed check.
Its `isinstance` checks test at run time what the types already say.
"""

# pyright: reportUnnecessaryIsInstance=false

from __future__ import annotations

import asyncio
import importlib
import io
import json
import socket
import sys
import threading
import time
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

import httpx
from mizan_client import (
    AsyncClient,
    ChannelError,
    ChatIn,
    ChatOut,
    ChatOutMessage,
    Client,
    InternalServerError,
    InvalidateEntry,
    Message,
    MizanConnectionError,
    MizanError,
    MizanTimeoutError,
    NotFoundError,
    Notice,
    NoticeLinkNotice,
    NoticeTextNotice,
    OrderLine,
    UnauthorizedError,
    UnknownNotice,
    UnknownStr,
    UnknownVariant,
    ValidationFailedError,
)
from pydantic import TypeAdapter

ORIGIN = sys.argv[1]
MUG = UUID("00000000-0000-4000-8000-000000000001")
TOKEN = "test-token"


def log() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = httpx.get(f"{ORIGIN}/__log").json()
    return entries


def reset() -> None:
    httpx.post(f"{ORIGIN}/__reset").raise_for_status()


def arm(path: str, **params: str | int) -> None:
    """A test endpoint: `/__fail`, `/__drift`, `/__delay`."""
    httpx.post(f"{ORIGIN}{path}", params=params).raise_for_status()


def sent(fn: str | None = None, path: str | None = None) -> int:
    """How many requests the server saw for call `fn` or at `path`."""
    return sum(
        1
        for e in log()
        if (fn is None or e.get("fn") == fn) and (path is None or e["path"] == path)
    )


USER_CTX = "/api/mizan/ctx/user/"
CALL = "/api/mizan/call/"


def refused_origin() -> str:
    """An origin nothing listens on: a port bound, then closed."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def frames(action: str, name: str) -> int:
    """How many WebSocket frames the server saw with `action` for call or
    channel `name`."""
    return sum(
        1
        for e in log()
        if e["method"] == "WS"
        and e["query"]["action"] == action
        and name in (e["query"]["fn"], e["query"]["channel"])
    )


def drop_sockets() -> int:
    """The server drops every WebSocket abruptly; the clients notice the
    closed connection (their readers see it end) shortly after."""
    dropped: int = httpx.post(f"{ORIGIN}/__drop-sockets").json()["dropped"]
    time.sleep(0.3)
    return dropped


async def drop_sockets_async() -> int:
    """`drop_sockets` without blocking the event loop, whose readers notice."""
    async with httpx.AsyncClient() as http:
        response = await http.post(f"{ORIGIN}/__drop-sockets")
    await asyncio.sleep(0.3)
    dropped: int = response.json()["dropped"]
    return dropped


def said(message: ChatOut) -> ChatOutMessage:
    """A received chat message, which must be a `message` (typed as one)."""
    if not isinstance(message, ChatOutMessage):
        raise AssertionError(f"not a chat message: {message!r}")
    return message


def check(ok: bool, what: str) -> None:
    if not ok:
        raise AssertionError(what)


def sync_round_trips() -> None:
    sent: list[httpx.Request] = []
    http = httpx.Client(event_hooks={"request": [sent.append]})
    with Client(ORIGIN, token=TOKEN, http_client=http) as client:
        profile = client.update_profile(user_id=5, name="Ada L.")
        check(profile.name == "Ada L.", f"update_profile name: {profile}")
        check(isinstance(profile.created_at, datetime), "created-at is a datetime")
        check(profile.role == "member", "enum value")

        bundle = client.fetch_user(user_id=5)
        check(bundle.user_profile.name == "Ada L.", "bundle sees the update")
        orders = bundle.user_orders
        check([o.id for o in orders] == [101, 102], f"orders: {orders}")
        check(isinstance(orders[0].placed, date), "placed is a date")
        check(orders[0].total.amount == Decimal("25.00"), "decimal amount")
        check(orders[0].lines[0].product == MUG, "uuid through an alias")
        paid = client.fetch_user(user_id=5, status="shipped")
        check([o.id for o in paid.user_orders] == [102], "enum query param")

        catalog = client.fetch_catalog()
        check(len(catalog.product_list) == 3, "catalog list")
        check(catalog.product_detail is None, "absent member is None")
        detail = client.fetch_catalog(slug="red-mug").product_detail
        check(detail is not None and detail.id == MUG, f"product_detail: {detail}")

        order = client.place_order(
            user_id=5, lines=[OrderLine(product=MUG, quantity=3)], note=None
        )
        check(order.lines == [OrderLine(product=MUG, quantity=3)], f"order: {order}")
        check(order.total.amount == Decimal("37.50"), f"total: {order.total}")
        body = json.loads(sent[-1].content)
        check(body["fn"] == "place_order", f"body: {body}")
        check(set(body["args"]) == {"user_id", "lines"}, "optional None left out")
        check(body["args"]["lines"] == [{"product": str(MUG), "quantity": 3}], "wire")
        check(sent[-1].headers["authorization"] == f"Bearer {TOKEN}", "bearer")

        check(client.set_nickname(user_id=5, nickname="ada").nickname == "ada", "nick")
        check(client.set_nickname(user_id=5, nickname=None).nickname is None, "null")
        check(json.loads(sent[-1].content)["args"]["nickname"] is None, "null is sent")

        message = client.send_message(room="lobby", text="hello")
        check(message.text == "hello" and message.room == "lobby", "websocket fn")
        check(
            client.contact_submit(email="a@b.example", topic="sales", body="x" * 12),
            "form",
        )
        client.ping()  # answers null: validated as None
        # Wire names that are signs: the enum value `+1` as sent, the
        # fields `+1`/`-1` read into `plus_1`/`minus_1`.
        before = client.react(product=MUG, reaction="+1")
        check(json.loads(sent[-1].content)["args"]["reaction"] == "+1", "sign value")
        after = client.react(product=MUG, reaction="-1")
        check(before.plus_1 >= 1, f"react: {before}")
        counts = (after.plus_1, after.minus_1)
        check(counts == (before.plus_1, before.minus_1 + 1), f"react: {after}")
        check(after.model_dump(by_alias=True).keys() == {"+1", "-1"}, "wire keys")
        check(client.fetch_global().site_config.name != "", "global context")


def sync_uploads() -> None:
    with Client(ORIGIN, token=TOKEN) as client:
        profile = client.upload_avatar(
            user_id=5, file=("me.png", b"12345"), caption="hi"
        )
        check(profile.avatar is not None, "avatar set")
        check(
            str(profile.avatar).endswith("/me.png?size=5"), f"avatar: {profile.avatar}"
        )
        count = client.attach_documents(
            order_id=101, files=[("a.txt", b"a"), io.BytesIO(b"bb")]
        )
        check(count == 2, f"documents: {count}")
        files = [e for e in log() if e.get("fn") == "attach_documents"][-1]["files"]
        check([f["size"] for f in files] == [1, 2], f"file parts: {files}")


def sync_errors() -> None:
    with Client(ORIGIN) as anonymous:
        try:
            anonymous.update_profile(user_id=5, name="x")
            raise AssertionError("no UNAUTHORIZED")
        except UnauthorizedError as e:
            check((e.code, e.status) == ("UNAUTHORIZED", 401), f"{e.code} {e.status}")
        # Session auth: cookie plus X-CSRFToken.
        anonymous.init_session()
        check(anonymous.update_profile(user_id=5, name="Ada").name == "Ada", "csrf")
    with Client(ORIGIN, token=TOKEN) as client:
        try:
            client.update_profile(user_id=5, name="x" * 101)
            raise AssertionError("no VALIDATION_ERROR")
        except ValidationFailedError as e:
            check(e.status == 422 and "name" in e.fields, f"fields: {e.details}")
            check(all(isinstance(m, str) for m in e.fields["name"]), "messages")
            # Non-empty args: pydantic's `details.errors` list, as FastAPI sends it.
            check(set(e.details or {}) == {"errors"}, f"details.errors: {e.details}")
        try:
            client.place_order(user_id=5, lines=[])
            raise AssertionError("no VALIDATION_ERROR for lines")
        except ValidationFailedError as e:
            check("lines" in e.fields, f"fields: {e.details}")
        nowhere = UUID("00000000-0000-4000-8000-000000000009")
        try:
            client.place_order(
                user_id=5,
                lines=[
                    OrderLine(product=MUG, quantity=1),
                    OrderLine(product=nowhere, quantity=1),
                ],
            )
            raise AssertionError("no VALIDATION_ERROR for a missing product")
        except ValidationFailedError as e:
            check(e.fields == {"lines": ["no such product"]}, f"fields: {e.details}")
            check(
                e.fields_by_path == {"lines.1.product": ["no such product"]},
                f"by path: {e.details}",
            )
        # Empty args with required params missing: `details.fields`.
        try:
            client._mizan_call("update_profile", {}, TypeAdapter(int), {})  # pyright: ignore[reportPrivateUsage]
            raise AssertionError("no VALIDATION_ERROR for empty args")
        except ValidationFailedError as e:
            check(set(e.details or {}) == {"fields"}, f"details.fields: {e.details}")
            check(sorted(e.fields) == ["name", "user_id"], f"fields: {e.details}")
        try:
            client._mizan_call("no_such_function", {}, TypeAdapter(int), {})  # pyright: ignore[reportPrivateUsage]
            raise AssertionError("no NOT_FOUND")
        except NotFoundError as e:
            check(isinstance(e, MizanError) and e.status == 404, "not found")


def sync_resilience() -> None:
    """Retries, timeouts, options, raw responses, unknown enum values."""
    reset()
    with Client(ORIGIN, token=TOKEN) as client:
        # A read that fails with 503 is tried again, and succeeds.
        arm("/__fail", kind="context", status=503)
        raw = client.with_raw_response.fetch_user(user_id=5)
        check(raw.retries_taken == 1 and raw.status_code == 200, f"retried: {raw}")
        check(raw.parse().user_profile.id == 5, "the bundle after a retry")
        check(sent(path=USER_CTX) == 2, f"two tries: {log()}")
        # Retry-After is honoured (1 s rather than the 0.5 s backoff).
        arm("/__fail", kind="context", status=429, **{"retry-after": 1})
        started = time.monotonic()
        client.fetch_user(user_id=5)
        check(time.monotonic() - started >= 0.9, "Retry-After waited for")
        # `max_retries` per call and per client copy.
        arm("/__fail", kind="context", status=503, count=2)
        try:
            client.fetch_user(user_id=5, max_retries=1)
            raise AssertionError("no INTERNAL_ERROR after one retry")
        except InternalServerError as e:
            check(e.status == 503, f"status: {e.status}")
        reset()
        arm("/__fail", kind="context", status=503)
        try:
            client.with_options(max_retries=0).fetch_user(user_id=5)
            raise AssertionError("with_options(max_retries=0) retried")
        except InternalServerError:
            check(sent(path=USER_CTX) == 1, "no retry")

        # Never a 4xx other than 429, never a call that reached the server.
        reset()
        try:
            client.update_profile(user_id=5, name="x" * 101)
            raise AssertionError("no VALIDATION_ERROR")
        except ValidationFailedError:
            check(sent("update_profile") == 1, "a 422 is not retried")
        arm("/__fail", kind="context", status=404)
        try:
            client.fetch_user(user_id=5)
            raise AssertionError("no NOT_FOUND")
        except NotFoundError:
            check(sent(path=USER_CTX) == 1, "a 404 is not retried")
        arm("/__fail", kind="call", status=503)
        try:
            client.ping()
            raise AssertionError("no INTERNAL_ERROR for the call")
        except InternalServerError:
            check(sent("ping") == 1, "a call that got a 503 is not repeated")

        # Timeouts: per call, per client copy, and over the user's http_client.
        arm("/__delay", ms=1500)
        try:
            client.ping(timeout=0.2)
            raise AssertionError("no timeout")
        except MizanTimeoutError as e:
            check(
                isinstance(e, MizanConnectionError), "a timeout is a connection error"
            )
            check((e.code, e.status) == ("NETWORK_ERROR", 0), f"{e.code} {e.status}")
            # Its `fn` is logged once its body is read, after the delay: count paths.
            check(sent(path=CALL) == 3, "a call that timed out is not repeated")
        try:
            client.with_options(timeout=0.2).fetch_user(user_id=5, max_retries=1)
            raise AssertionError("no timeout for the read")
        except MizanTimeoutError:
            check(sent(path=USER_CTX) == 3, "a read that timed out is tried again")
        with Client(
            ORIGIN, token=TOKEN, http_client=httpx.Client(timeout=30), timeout=0.2
        ) as own:
            try:
                own.ping()
                raise AssertionError("the client's timeout ignored with http_client")
            except MizanTimeoutError:
                pass
        arm("/__delay", ms=0)

        # Per-call headers, and headers of a client copy.
        client.ping(extra_headers={"X-Test-Trace": "abc"})
        client.with_options(headers={"X-Test-Copy": "1"}).ping()
        client.ping()
        pings = [e.get("headers") for e in log() if e.get("fn") == "ping"][-3:]
        check(
            pings == [{"x-test-trace": "abc"}, {"x-test-copy": "1"}, None],
            f"headers: {pings}",
        )

        # The raw response: status, headers, invalidate and merge entries.
        raw_profile = client.with_raw_response.update_profile(user_id=5, name="Raw")
        check(raw_profile.parse().name == "Raw", "raw parse")
        check(raw_profile.status_code == 200, f"status {raw_profile.status_code}")
        check(
            raw_profile.headers["x-mizan-invalidate"] == "user;user_id=5",
            f"header: {raw_profile.headers}",
        )
        check(
            raw_profile.invalidate
            == [
                InvalidateEntry("user", None, {"user_id": 5}),
                InvalidateEntry(None, "user_orders", {}),
            ],
            f"invalidate: {raw_profile.invalidate}",
        )
        merge = raw_profile.merge
        check(
            [(m.context, m.slot, m.params) for m in merge]
            == [("user", "user_profile", {"user_id": 5})],
            f"merge: {merge}",
        )
        check(
            isinstance(merge[0].value, dict) and merge[0].value["name"] == "Raw",
            "merged value",
        )

        # An enum value this client does not know keeps the bundle.
        arm("/__drift", **{"from": "member", "to": "superadmin"})
        bundle = client.fetch_user(user_id=5)
        role = bundle.user_profile.role
        check(role == "superadmin" and isinstance(role, UnknownStr), f"role {role!r}")
        check(bundle.user_orders[0].id == 101, "the rest of the bundle")
        check(
            bundle.user_profile.model_dump(mode="json")["role"] == "superadmin",
            "sent back as it came",
        )
        arm("/__drift", **{"from": "shipped", "to": "returned"})
        statuses = [o.status for o in client.fetch_user(user_id=5).user_orders]
        check(statuses == ["paid", UnknownStr("returned")], f"statuses {statuses}")
        check(not isinstance(statuses[0], UnknownStr), "known values stay plain")

    # Connection refused: a call is tried again (the request was never sent),
    # then raises the typed error.
    tries: list[httpx.Request] = []
    http = httpx.Client(event_hooks={"request": [tries.append]})
    with Client(refused_origin(), http_client=http, max_retries=1) as nowhere:
        try:
            nowhere.ping()
            raise AssertionError("no connection error")
        except MizanConnectionError as e:
            check(not isinstance(e, MizanTimeoutError), "refused, not timed out")
            check(isinstance(e.__cause__, httpx.ConnectError), f"cause: {e.__cause__}")
            check(isinstance(e, MizanError) and e.status == 0, "a MizanError")
        check(len(tries) == 2, f"tries: {len(tries)}")


async def async_resilience() -> None:
    reset()
    async with AsyncClient(ORIGIN, token=TOKEN) as client:
        arm("/__fail", kind="context", status=503)
        raw = await client.with_raw_response.fetch_user(user_id=5)
        check(raw.retries_taken == 1, "async retry")
        check(raw.parse().user_profile.id == 5, "async bundle after a retry")
        check(sent(path=USER_CTX) == 2, "async: two tries")
        try:
            await client.update_profile(user_id=5, name="x" * 101)
            raise AssertionError("no async VALIDATION_ERROR")
        except ValidationFailedError:
            check(sent("update_profile") == 1, "async: a 422 is not retried")
        arm("/__delay", ms=1500)
        try:
            await client.with_options(max_retries=0).fetch_user(user_id=5, timeout=0.2)
            raise AssertionError("no async timeout")
        except MizanTimeoutError:
            check(sent(path=USER_CTX) == 3, "async: max_retries=0")
        arm("/__delay", ms=0)
        raw_profile = await client.with_raw_response.set_nickname(
            user_id=5, nickname="n", extra_headers={"X-Test-Async": "1"}
        )
        check(raw_profile.parse().nickname == "n", "async raw parse")
        check(raw_profile.invalidate == [], "set_nickname invalidates nothing")
        check([m.slot for m in raw_profile.merge] == ["user_profile"], "async merge")
        check(log()[-1].get("headers") == {"x-test-async": "1"}, "async headers")
        arm("/__drift", **{"from": "member", "to": "superadmin"})
        bundle = await client.fetch_user(user_id=5)
        check(isinstance(bundle.user_profile.role, UnknownStr), "async unknown enum")
    async with AsyncClient(refused_origin(), max_retries=0) as nowhere:
        try:
            await nowhere.fetch_global()
            raise AssertionError("no async connection error")
        except MizanConnectionError as e:
            check(isinstance(e.__cause__, httpx.ConnectError), "async refused")


SALE = {"kind": "link", "url": "https://shop.example/sale", "title": "The summer sale"}


def check_board(board: list[Notice], unknown: bool) -> None:
    """`notice_board`'s notices: the variants declare the tag field `kind`
    themselves (an OpenAPI discriminator); after `/__drift` turned `link`
    into `video`, the link notices are `UnknownNotice`s, the rest intact."""
    check(len(board) == 3, f"three notices: {board!r}")
    text, sale, faq = board
    check(
        isinstance(text, NoticeTextNotice)
        and text.kind == "text"
        and text.text == "Free shipping this week",
        f"a text notice: {text!r}",
    )
    if not unknown:
        if not isinstance(sale, NoticeLinkNotice) or not isinstance(
            faq, NoticeLinkNotice
        ):
            raise AssertionError(f"link notices: {board!r}")
        check(sale.kind == "link", f"{sale!r}")
        check(sale.model_dump(mode="json") == SALE, f"dumped: {sale!r}")
        check(faq.title is None, f"{faq!r}")
        return
    video = {**SALE, "kind": "video"}
    check(
        isinstance(sale, UnknownNotice) and sale.tag == "video" and sale.data == video,
        f"an unknown variant keeps its object: {sale!r}",
    )
    check(isinstance(sale, UnknownVariant), "an UnknownVariant")
    check(isinstance(faq, UnknownNotice) and faq.data["title"] is None, f"{faq!r}")
    dumped = TypeAdapter(list[Notice]).dump_python(board, mode="json")
    check(dumped[1] == video, f"sent back as it came: {dumped}")


def sync_notices() -> None:
    reset()
    requests: list[httpx.Request] = []
    http = httpx.Client(event_hooks={"request": [requests.append]})
    with Client(ORIGIN, http_client=http) as client:
        check_board(client.notice_board(), unknown=False)
        # The union writes the tag over the variant's own `kind` field.
        link = NoticeLinkNotice(url="https://shop.example/new", title=None)
        pinned = client.pin_notice(notice=link)
        check(pinned == link, f"pinned: {pinned!r}")
        sent_notice = json.loads(requests[-1].content)["args"]["notice"]
        check(sent_notice == {"kind": "link", "url": link.url, "title": None}, "sent")
        arm("/__drift", **{"from": "link", "to": "video"})
        check_board(client.notice_board(), unknown=True)
        check_board(client.notice_board(), unknown=False)
        try:
            client.pin_notice(notice=UnknownNotice({"kind": "video", "url": "u"}))
            raise AssertionError("the server took a variant it does not know")
        except ValidationFailedError as e:
            check("notice" in e.fields, f"sent as it is: {e.fields}")


async def async_notices() -> None:
    async with AsyncClient(ORIGIN) as client:
        arm("/__drift", **{"from": "link", "to": "video"})
        check_board(await client.notice_board(), unknown=True)
        text = NoticeTextNotice(text="hello")
        pinned = await client.pin_notice(notice=text)
        check(isinstance(pinned, NoticeTextNotice) and pinned == text, f"{pinned!r}")


async def async_client() -> None:
    async with AsyncClient(ORIGIN, token=TOKEN) as client:
        bundle = await client.fetch_user(user_id=5)
        check(bundle.user_profile.id == 5, "async fetch")
        order = await client.place_order(
            user_id=5, lines=[OrderLine(product=MUG, quantity=1)]
        )
        check(order.total.amount == Decimal("12.50"), f"async order: {order.total}")
        profile = await client.upload_avatar(user_id=5, file=io.BytesIO(b"abc"))
        check(
            str(profile.avatar).endswith("?size=3"), f"async avatar: {profile.avatar}"
        )
        try:
            await client.update_profile(user_id=5, name="x" * 101)
            raise AssertionError("no async VALIDATION_ERROR")
        except ValidationFailedError as e:
            check("name" in e.fields, "async fields")
    async with AsyncClient(ORIGIN) as anonymous:
        try:
            await anonymous.attach_documents(order_id=101, files=[b"a"])
            raise AssertionError("no async UNAUTHORIZED")
        except UnauthorizedError:
            pass
        await anonymous.init_session()
        check(await anonymous.attach_documents(order_id=101, files=[b"a"]) >= 1, "csrf")


def sync_socket_calls() -> None:
    reset()
    with Client(ORIGIN, token=TOKEN) as client:
        message = client.send_message(room="lobby", text="over the socket")
        check(isinstance(message, Message), f"typed result: {message!r}")
        check(message.text == "over the socket" and message.room == "lobby", "result")
        check(frames("rpc", "send_message") == 1, "sent as a socket RPC")
        check(sent("send_message") == 0, "not over HTTP")
        try:
            client.send_message(room="lobby", text="x" * 2001)
            raise AssertionError("no VALIDATION_ERROR over the socket")
        except ValidationFailedError as e:
            check(e.status == 422 and "text" in e.fields, f"socket error: {e!r}")
        arm("/__delay", ms=1500)
        start = time.monotonic()
        try:
            client.send_message(room="late", text="slow", timeout=0.3)
            raise AssertionError("no socket timeout")
        except MizanTimeoutError:
            check(time.monotonic() - start < 1.2, "the call's timeout applies")
        arm("/__delay", ms=0)
        # The late answer of the timed-out call is skipped, not taken for this one.
        check(client.send_message(room="lobby", text="next").text == "next", "late")
        raw = client.with_raw_response.send_message(room="lobby", text="raw")
        check(raw.status_code == 200 and raw.parse().text == "raw", "raw over HTTP")
        check(sent("send_message") == 1, "the raw view's call went over HTTP")
        copy = client.with_options(max_retries=0)
        check(copy.send_message(room="lobby", text="copy").text == "copy", "copy")
        check(drop_sockets() == 1, "one call socket, kept open, shared by copies")
        after = client.send_message(room="lobby", text="reopened")
        check(after.text == "reopened", "a dropped call socket is opened again")
    with Client(ORIGIN) as anonymous:
        try:
            anonymous.send_message(room="lobby", text="who?")
            raise AssertionError("no UNAUTHORIZED over the socket")
        except UnauthorizedError as e:
            check(e.status == 401 and e.code == "UNAUTHORIZED", f"{e!r}")
    with Client(refused_origin(), max_retries=0) as nowhere:
        try:
            nowhere.send_message(room="lobby", text="?")
            raise AssertionError("a refused socket did not raise")
        except MizanConnectionError as e:
            check(e.code == "NETWORK_ERROR" and e.status == 0, f"{e!r}")


def sync_channels() -> None:
    reset()
    with Client(ORIGIN, token=TOKEN) as client, client.chat(room="lobby") as chat:
        check(frames("subscribe", "chat") == 1, "subscribed on enter")
        chat.send(ChatIn(text="hi there"))
        got = said(chat.receive(timeout=5))
        check(got.text == "hi there" and got.room == "lobby", f"message: {got!r}")
        client.send_message(room="elsewhere", text="not for lobby")
        client.send_message(room="lobby", text="from a call")
        for message in chat:
            check(said(message).text == "from a call", f"only the room's: {message!r}")
            break
        check(drop_sockets() == 2, "the channel's and the calls' sockets")
        chat.send(ChatIn(text="after the drop"))
        check(
            said(chat.receive(timeout=10)).text == "after the drop", "reconnected send"
        )
        check(chat.reconnects == 1, f"reconnects: {chat.reconnects}")
        check(frames("subscribe", "chat") == 2, "resubscribed")
        # Dropped while nobody reads: the next `receive` reconnects, then a
        # message sent from another thread arrives.
        drop_sockets()
        call = threading.Timer(
            1.0, lambda: client.send_message(room="lobby", text="back")
        )
        call.start()
        check(said(chat.receive(timeout=10)).text == "back", "reader reconnected")
        call.join()
        check(chat.reconnects == 2, "the reader reconnects too")
        # An `error` frame about the channel (a message the server rejects).
        chat.send(ChatIn.model_construct(text=""))
        try:
            chat.receive(timeout=5)
            raise AssertionError("no ChannelError for a rejected message")
        except ChannelError as e:
            check("invalid ChatIn" in e.message, f"error frame: {e!r}")
        # Reconnecting is bounded: one refused try, then a successful one ...
        socket_module = vars(importlib.import_module("mizan_client._socket"))
        socket_module["MAX_RECONNECTS"] = 2
        arm("/__refuse-sockets", count=1)
        drop_sockets()
        chat.send(ChatIn(text="second try"))
        check(said(chat.receive(timeout=10)).text == "second try", "second try")
        check(chat.reconnects == 3, f"reconnects: {chat.reconnects}")
        try:
            chat.receive(timeout=0.2)
            raise AssertionError("no receive timeout")
        except MizanTimeoutError:
            pass
    check(frames("unsubscribe", "chat") == 1, "unsubscribed on exit")
    # ... and `MAX_RECONNECTS` refused tries in a row raise.
    with Client(ORIGIN, token=TOKEN) as client, client.chat(room="x") as limited:
        arm("/__refuse-sockets", count=2)
        drop_sockets()
        try:
            limited.receive(timeout=10)
            raise AssertionError("reconnected past MAX_RECONNECTS")
        except MizanConnectionError as e:
            check(limited.reconnects == 0, f"gave up: {e!r}")
    socket_module["MAX_RECONNECTS"] = 10
    with Client(ORIGIN) as anonymous:
        with anonymous.announcements() as news:
            check(news.receive(timeout=5) == "Welcome to the shop", "listen-only")
            threading.Timer(0.2, news.close).start()
            check(list(news) == [], "iteration ends when the channel is closed")
        try:
            with anonymous.chat(room="lobby"):
                raise AssertionError("subscribed without credentials")
        except ChannelError as e:
            check("authentication" in e.message, f"refusal: {e!r}")
        # The session cookie authenticates the socket as it does requests.
        anonymous.init_session()
        with anonymous.chat(room="lobby") as chat:
            anonymous.send_message(room="lobby", text="by session")
            check(said(chat.receive(timeout=5)).text == "by session", "session")


async def async_sockets() -> None:
    reset()
    async with AsyncClient(ORIGIN, token=TOKEN) as client:
        message = await client.send_message(room="lobby", text="async socket")
        check(isinstance(message, Message) and message.text == "async socket", "a")
        check(sent("send_message") == 0, "async call not over HTTP")
        results = await asyncio.gather(
            *(client.send_message(room="lobby", text=str(i)) for i in range(3))
        )
        check([m.text for m in results] == ["0", "1", "2"], "concurrent calls")
        try:
            await client.send_message(room="lobby", text="x" * 2001)
            raise AssertionError("no async VALIDATION_ERROR over the socket")
        except ValidationFailedError as e:
            check("text" in e.fields, "async socket error")
        arm("/__delay", ms=1500)
        try:
            await client.send_message(room="late", text="slow", timeout=0.3)
            raise AssertionError("no async socket timeout")
        except MizanTimeoutError:
            pass
        arm("/__delay", ms=0)
        async with client.chat(room="lobby") as chat:
            await chat.send(ChatIn(text="async hi"))
            async for got in chat:
                check(said(got).text == "async hi", f"async message: {got!r}")
                break
            check(await drop_sockets_async() == 2, "async sockets dropped")
            await chat.send(ChatIn(text="async again"))
            again = said(await chat.receive(timeout=10))
            check(again.text == "async again", "async reconnected send")
            check(chat.reconnects == 1, "async reconnects")
            after = await client.send_message(room="lobby", text="call after")
            check(after.text == "call after", "async call socket reopened")
        check(frames("unsubscribe", "chat") == 1, "async unsubscribed")
    async with AsyncClient(ORIGIN) as anonymous:
        async with anonymous.announcements() as news:
            check(await news.receive(timeout=5) == "Welcome to the shop", "a listen")
        try:
            async with anonymous.chat(room="lobby"):
                raise AssertionError("async subscribed without credentials")
        except ChannelError:
            pass


def main() -> None:
    reset()
    sync_round_trips()
    sync_uploads()
    sync_errors()
    asyncio.run(async_client())
    sync_notices()
    asyncio.run(async_notices())
    sync_resilience()
    asyncio.run(async_resilience())
    sync_socket_calls()
    sync_channels()
    asyncio.run(async_sockets())
    print("e2e_shop: ok")


if __name__ == "__main__":
    main()
