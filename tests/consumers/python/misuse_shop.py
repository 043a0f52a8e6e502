"""Misuse of the generated `shop` package: `mypy --strict` and pyright in
strict mode must each report exactly one error per line marked `# error`
(tests/python/mod.rs)."""

# An attribute that does not exist is one mistake: pyright strict would also
# report the unknown type of what it names.
# pyright: reportUnknownMemberType=false

from __future__ import annotations

from mizan_client import (
    AsyncClient,
    Client,
    NoticeTextNotice,
    OrderLine,
    Product,
    RawResponse,
    Role,
    UserProfile,
)


def misuse(client: Client, aclient: AsyncClient) -> None:
    client.update_profile(user_id="5", name="Ada")  # error
    client.update_profile(5, "Ada")  # error
    client.update_profile(user_id=5)  # error
    client.update_profile(user_id=5, name="Ada", nick="x")  # error
    client.fetch_user(user_id=5, status="lost")  # error
    client.fetch_user()  # error
    NoticeTextNotice(kind="link", text="x")  # error
    client.contact_submit(email="a@b.example", topic="spam", body="0123456789")  # error
    client.upload_avatar(user_id=5, file="not bytes")  # error
    name: int = client.update_profile(user_id=5, name="Ada").name  # error
    # `name` is optional in a response (`role`, with a default, is not): narrow it first.
    client.update_profile(user_id=5, name="Ada").name.upper()  # error
    profile: UserProfile = aclient.update_profile(user_id=5, name="Ada")  # error
    OrderLine(product="not a uuid", quantity=1)  # error
    detail: Product = client.fetch_catalog(slug="mug").product_detail  # error
    print(name, profile, detail)
    client.update_profile(user_id=5, name="Ada", timeout="soon")  # error
    client.fetch_user(user_id=5, retries=2)  # error
    client.with_options(max_retries="2")  # error
    raw: RawResponse[int] = client.with_raw_response.ping()  # error
    role: Role = "superadmin"  # error
    print(raw, role)
    with client.announcements() as news:
        news.send("the server only talks here")  # error
