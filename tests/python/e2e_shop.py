"""End to end: the generated `mizan_client` package for `shop.kdl` against the
live test server (`tests/js/server/`), with the sync and the async client.

Run by `tests/python/mod.rs` as `python e2e_shop.py <origin>` with the
generated package on `PYTHONPATH`; exits non-zero at the first failed check.
"""

from __future__ import annotations

import asyncio
import io
import json
import sys
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

import httpx
from mizan_client import (
    AsyncClient,
    Client,
    MizanError,
    NotFoundError,
    OrderLine,
    UnauthorizedError,
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
            client._mizan_call("update_profile", {}, TypeAdapter(int))
            raise AssertionError("no VALIDATION_ERROR for empty args")
        except ValidationFailedError as e:
            check(set(e.details or {}) == {"fields"}, f"details.fields: {e.details}")
            check(sorted(e.fields) == ["name", "user_id"], f"fields: {e.details}")
        try:
            client._mizan_call("no_such_function", {}, TypeAdapter(int))
            raise AssertionError("no NOT_FOUND")
        except NotFoundError as e:
            check(isinstance(e, MizanError) and e.status == 404, "not found")


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


def main() -> None:
    reset()
    sync_round_trips()
    sync_uploads()
    sync_errors()
    asyncio.run(async_client())
    print("e2e_shop: ok")


if __name__ == "__main__":
    main()
