"""A hand-written consumer of the generated `shop` package: must pass
`mypy --strict` (tests/python/mod.rs)."""

from __future__ import annotations

import asyncio
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from mizan_client import (
    AsyncClient,
    ChatOut,
    ChatOutMessage,
    Client,
    MizanError,
    Money,
    OrderLine,
    OrderStatus,
    Product,
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
    statuses: list[OrderStatus] = [o.status for o in client.fetch_user(user_id=5).user_orders]
    print(statuses, total(client.fetch_user(user_id=5, page=2, status="paid")))
    detail: Product | None = client.fetch_catalog(slug="red-mug").product_detail
    if detail is not None:
        rating: float | None = detail.rating
        print(rating, detail.price.amount)
    order = client.place_order(user_id=5, lines=[OrderLine(product=UUID(int=1), quantity=1)])
    print(order.delivery_window, order.placed.year)
    client.upload_avatar(user_id=5, file=b"png", caption=None)
    client.attach_documents(order_id=1, files=[("a.pdf", b"%PDF"), open(__file__, "rb")])
    count: int = client.attach_documents(order_id=1, files=[])
    print(count, client.contact_submit(email="a@b.example", topic="support", body="0123456789"))
    try:
        client.send_message(room="lobby", text="hi")
    except ValidationFailedError as e:
        fields: dict[str, list[str]] = e.fields
        print(fields)
    except MizanError as e:
        print(e.code, e.status, e.details)
    money = Money(amount=Decimal("1.00"), currency="EUR")
    print(money.model_dump(mode="json"))
    message: ChatOut = TypeAdapter(ChatOut).validate_python({"kind": "typing", "user": 1})
    if isinstance(message, ChatOutMessage):
        print(message.sent_at, message.kind)


async def use_async(client: AsyncClient) -> None:
    bundle: UserBundle = await client.fetch_user(user_id=5)
    profile: UserProfile = await client.update_profile(user_id=5, name="Ada")
    print(bundle, profile)
    await client.init_session()
    await client.close()


if __name__ == "__main__":
    with Client("http://localhost:8000", token=lambda: "jwt") as c:
        use(c)
    asyncio.run(use_async(AsyncClient("http://localhost:8000", headers={"X-Mizan-Token": "t"})))
