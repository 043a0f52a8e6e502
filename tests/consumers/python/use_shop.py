"""A hand-written consumer of the generated `shop` package: must pass
`mypy --strict` and pyright in strict mode (tests/python/mod.rs)."""

from __future__ import annotations

import asyncio
from datetime import datetime
from decimal import Decimal
from typing import assert_never
from uuid import UUID

import httpx
from mizan_client import (
    AsyncClient,
    ChannelError,
    ChatIn,
    ChatOut,
    ChatOutMessage,
    Client,
    InvalidateEntry,
    MergeEntry,
    MizanConnectionError,
    MizanError,
    MizanTimeoutError,
    Money,
    Notice,
    NoticeLinkNotice,
    NoticeTextNotice,
    OrderLine,
    OrderStatus,
    Product,
    RawResponse,
    RequestOptions,
    Role,
    UnknownNotice,
    UnknownStr,
    UserBundle,
    UserProfile,
    ValidationFailedError,
)
from pydantic import TypeAdapter


def total(bundle: UserBundle) -> Decimal:
    return sum((o.total.amount for o in bundle.user_orders), Decimal(0))


def use(client: Client) -> None:
    profile: UserProfile = client.update_profile(user_id=5, name="Ada")
    created: datetime = profile.created_at
    nickname: str | None = profile.nickname
    print(created, nickname, profile.role == "read-only")
    statuses: list[OrderStatus] = [
        o.status for o in client.fetch_user(user_id=5).user_orders
    ]
    print(statuses, total(client.fetch_user(user_id=5, page=2, status="paid")))
    detail: Product | None = client.fetch_catalog(slug="red-mug").product_detail
    if detail is not None:
        rating: float | None = detail.rating
        print(rating, detail.price.amount)
    order = client.place_order(
        user_id=5, lines=[OrderLine(product=UUID(int=1), quantity=1)]
    )
    print(order.delivery_window, order.placed.year)
    client.upload_avatar(user_id=5, file=b"png", caption=None)
    client.attach_documents(
        order_id=1, files=[("a.pdf", b"%PDF"), open(__file__, "rb")]
    )
    count: int = client.attach_documents(order_id=1, files=[])
    print(
        count,
        client.contact_submit(email="a@b.example", topic="support", body="0123456789"),
    )
    try:
        client.send_message(room="lobby", text="hi")
    except ValidationFailedError as e:
        fields: dict[str, list[str]] = e.fields
        print(fields)
    except MizanError as e:
        print(e.code, e.status, e.details)
    money = Money(amount=Decimal("1.00"), currency="EUR")
    print(money.model_dump(mode="json"))
    message: ChatOut = TypeAdapter(ChatOut).validate_python(
        {"kind": "typing", "user": 1}
    )
    if isinstance(message, ChatOutMessage):
        print(message.sent_at, message.kind)


def describe(role: Role) -> str:
    # Enums are open: a value a newer server sends is an `UnknownStr`, which
    # an exhaustive match has to handle.
    if isinstance(role, UnknownStr):
        return f"unknown role {role}"
    match role:
        case "admin":
            return "administrator"
        case "member" | "read-only":
            return role
        case _:
            assert_never(role)


def headline(notice: Notice) -> str:
    # A tagged union is open too: a variant a newer server sends is its
    # `Unknown<Union>` (the object as it came), which a match has to handle.
    # The variants declare `kind` themselves; the union's tag still narrows.
    print(notice.kind)
    match notice:
        case NoticeTextNotice(text=text):
            return text
        case NoticeLinkNotice(url=url, title=title):
            return title or url
        case UnknownNotice():
            return f"a {notice.tag} notice: {notice.data}"
        case _:
            assert_never(notice)


def options(client: Client) -> None:
    # Per call: headers, timeout (seconds, None = no limit) and retries.
    client.update_profile(
        user_id=5,
        name="Ada",
        extra_headers={"X-Request-Id": "42"},
        timeout=2.5,
        max_retries=0,
    )
    client.fetch_user(user_id=5, timeout=httpx.Timeout(5.0, connect=1.0))
    # A copy of the client with other defaults, sharing its connection and session.
    patient = client.with_options(
        timeout=None, max_retries=5, headers={"X-Tenant": "a"}
    )
    bundle: UserBundle = patient.fetch_user(user_id=5)
    print(describe(bundle.user_profile.role))
    opts: RequestOptions = {"timeout": 1.0}
    client.ping(**opts)
    # The raw response: status, headers, the server's invalidate and merge entries.
    raw: RawResponse[UserProfile] = client.with_raw_response.update_profile(
        user_id=5, name="Ada"
    )
    status: int = raw.status_code
    header: str | None = raw.headers.get("x-mizan-invalidate")
    invalidate: list[InvalidateEntry] = raw.invalidate
    merge: list[MergeEntry] = raw.merge
    profile: UserProfile = raw.parse()
    print(status, header, [(e.context, e.function, dict(e.params)) for e in invalidate])
    print(
        [(m.context, m.slot, m.value) for m in merge], profile.name, raw.retries_taken
    )
    page: RawResponse[UserBundle] = client.with_raw_response.fetch_user(
        user_id=5, max_retries=1
    )
    print(page.parse().user_orders, page.http_response.elapsed)
    try:
        client.ping()
    except MizanTimeoutError:
        print("timed out")
    except MizanConnectionError as e:
        print("no response", e.__cause__)


async def use_async(client: AsyncClient) -> None:
    bundle: UserBundle = await client.fetch_user(user_id=5)
    profile: UserProfile = await client.update_profile(user_id=5, name="Ada")
    print(bundle, profile)
    raw: RawResponse[UserProfile] = await client.with_raw_response.set_nickname(
        user_id=5, nickname=None
    )
    print(
        raw.merge,
        (await client.with_options(max_retries=0).fetch_global(timeout=3)).site_config,
    )
    await client.init_session()
    async with client.chat(room="lobby") as chat:
        await chat.send(ChatIn(text="hi"))
        async for said in chat:
            if isinstance(said, ChatOutMessage):
                print(said.sent_at)
            break
    await client.close()


def channels(client: Client) -> None:
    try:
        with client.chat(room="lobby") as chat:
            chat.send(ChatIn(text="hi"))
            message: ChatOut = chat.receive(timeout=5)
            print(message.kind, chat.reconnects)
            for later in chat:
                print(later)
    except ChannelError as e:
        print(e.code, e.message)
    with client.announcements() as news:
        first: str = news.receive()
        print(first)


if __name__ == "__main__":
    with Client(
        "http://localhost:8000", token=lambda: "jwt", timeout=10, max_retries=3
    ) as c:
        use(c)
        options(c)
    asyncio.run(
        use_async(AsyncClient("http://localhost:8000", headers={"X-Mizan-Token": "t"}))
    )
