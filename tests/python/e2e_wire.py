"""End to end: wire names and falsy query values, with the generated
`wire_client` package (`tests/python/wire.kdl`) against the test server's
`/api/wire` backend (`tests/js/server/wire.ts`), sync and async.

The server judges what arrives: `echo_tagged` refuses an item whose fields
are not exactly the wire names (`class`, `sent-at`) with a 422, and the
`probe` context echoes each query param as parsed, `null` when absent.

Run by `tests/python/mod.rs` as `python e2e_wire.py <origin>` with the
generated package on `PYTHONPATH`; exits non-zero at the first failed check.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from wire_client import AsyncClient, Client, Seen, Tagged

ORIGIN = sys.argv[1]


def check(ok: bool, what: str) -> None:
    if not ok:
        raise AssertionError(what)


def last_query() -> dict[str, Any]:
    """The query string of the last `probe` fetch, as the server saw it."""
    entries: list[dict[str, Any]] = httpx.get(f"{ORIGIN}/__log").json()
    probes = [e for e in entries if e["path"] == "/api/wire/ctx/probe/"]
    query: dict[str, Any] = probes[-1]["query"]
    return query


def wire_names(item: Tagged, sent: list[httpx.Request]) -> None:
    check(item == Tagged(class_="mug!", sent_at=8), f"echo: {item!r}")
    body = json.loads(sent[-1].content)
    check(body["args"] == {"item": {"class": "mug", "sent-at": 7}}, f"body: {body}")


def falsy_queries(seen: list[Seen]) -> None:
    zero, false, empty, absent = seen
    check(zero == Seen(count=0, flag=None, label=None), f"count=0: {zero!r}")
    check(false == Seen(count=None, flag=False, label=None), f"flag: {false!r}")
    check(empty == Seen(count=None, flag=None, label=""), f"label: {empty!r}")
    check(absent == Seen(count=None, flag=None, label=None), f"absent: {absent!r}")


def sync() -> None:
    sent: list[httpx.Request] = []
    http = httpx.Client(event_hooks={"request": [sent.append]})
    with Client(ORIGIN, http_client=http) as client:
        wire_names(client.echo_tagged(item=Tagged(class_="mug", sent_at=7)), sent)
        seen = [
            client.fetch_probe(count=0).probe_query,
            client.fetch_probe(flag=False).probe_query,
            client.fetch_probe(label="").probe_query,
            client.fetch_probe().probe_query,
        ]
        falsy_queries(seen)
        client.fetch_probe(count=0, flag=False, label="")
        query = last_query()
        check(query == {"count": "0", "flag": "false", "label": ""}, f"{query}")


async def asynchronous() -> None:
    sent: list[httpx.Request] = []
    http = httpx.AsyncClient(event_hooks={"request": [_record(sent)]})
    async with AsyncClient(ORIGIN, http_client=http) as client:
        item = await client.echo_tagged(item=Tagged(class_="mug", sent_at=7))
        wire_names(item, sent)
        seen = [
            (await client.fetch_probe(count=0)).probe_query,
            (await client.fetch_probe(flag=False)).probe_query,
            (await client.fetch_probe(label="")).probe_query,
            (await client.fetch_probe()).probe_query,
        ]
        falsy_queries(seen)


def _record(sent: list[httpx.Request]) -> Callable[[httpx.Request], Awaitable[None]]:
    async def hook(request: httpx.Request) -> None:
        sent.append(request)

    return hook


def main() -> None:
    sync()
    asyncio.run(asynchronous())
    print("e2e_wire: ok")


if __name__ == "__main__":
    main()
