"""Enums open to values this client does not know.

Each enum is `Literal[<its values>] | UnknownStr`: a value a newer server
sends (one added after this client was generated) is kept as an `UnknownStr`
instead of failing the whole reply, and a type checker makes code that
matches on the enum handle it.
"""

from __future__ import annotations

from typing import Any

from pydantic import GetCoreSchemaHandler
from pydantic_core import CoreSchema, core_schema


class UnknownStr(str):
    """An enum value this client does not know: a `str` that compares, hashes
    and serialises as the value the server sent.

    `isinstance(value, UnknownStr)` tells it from the known values. Passing a
    plain string where an enum is expected is a type error; wrap it,
    `UnknownStr("new-value")`, to send a value on purpose.
    """

    __slots__ = ()

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_after_validator_function(
            cls,
            core_schema.str_schema(),
            serialization=core_schema.to_string_ser_schema(),
        )

    def __repr__(self) -> str:
        return f"UnknownStr({super().__repr__()})"
