"""Enums and tagged unions open to values this client does not know.

Each enum is `Literal[<its values>] | UnknownStr`: a value a newer server
sends (one added after this client was generated) is kept as an `UnknownStr`
instead of failing the whole reply, and a type checker makes code that
matches on the enum handle it.

Each tagged union is `Annotated[<its variants> | Unknown<Union>,
Discriminated()]`: a variant a newer server sends is kept, object and all, as
the union's `UnknownVariant` subclass (a root model of the object), and a type checker makes code that
matches on the union handle it too.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, ClassVar, cast, get_args

from pydantic import BaseModel, GetCoreSchemaHandler, JsonValue, RootModel
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


class UnknownVariant(RootModel[dict[str, JsonValue]]):
    """A tagged union's variant this client does not know: a model of the
    object the server sent, kept as it came (`data`) and dumped back as it is.

    Each union has its own subclass (`UnknownShape` for `Shape`), so
    `isinstance` and `match` tell whose it is; `tag` is its tag value.
    """

    tag_field: ClassVar[str] = ""
    """The union's tag field (its wire name)."""

    @property
    def data(self) -> dict[str, JsonValue]:
        """The object as the server sent it."""
        return self.root

    @property
    def tag(self) -> str:
        """The variant's tag value ("" when the object has none)."""
        value = self.root.get(self.tag_field)
        return value if isinstance(value, str) else ""


# The choice of the unknown variant: tag values are strings, so no variant's.
_UNKNOWN = 0


class Discriminated:
    """Marks a tagged union, `Annotated[A | B | UnknownU, Discriminated()]`:
    the tag names the variant to validate, and a tag this client does not know
    makes the object the union's `UnknownVariant` subclass (here `UnknownU`).
    A missing tag, or an object that does not fit the variant its tag names,
    still fails.
    """

    __slots__ = ()

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        variants: tuple[type[Any], ...] = get_args(source)
        unknown = next(v for v in variants if issubclass(v, UnknownVariant))
        field = unknown.tag_field
        choices: dict[Hashable, CoreSchema] = {
            _UNKNOWN: handler.generate_schema(unknown)
        }
        by_class: dict[type[Any], Hashable] = {unknown: _UNKNOWN}
        for variant in variants:
            if variant is not unknown:
                value = _tag_value(variant, field)
                choices[value] = handler.generate_schema(variant)
                by_class[variant] = value

        def discriminator(value: Any) -> Hashable | None:
            if isinstance(value, dict):
                tag = cast("dict[str, object]", value).get(field)
                if not isinstance(tag, str):
                    return None
                return tag if tag in choices else _UNKNOWN
            return next(
                (key for cls, key in by_class.items() if isinstance(value, cls)), None
            )

        return core_schema.tagged_union_schema(choices, discriminator)


def _tag_value(variant: type[Any], field: str) -> str:
    """The tag value of a union's variant class: the default of its field
    read from the tag field."""
    model = cast(type[BaseModel], variant)
    for name, info in model.model_fields.items():
        alias = info.validation_alias
        if (alias if isinstance(alias, str) else name) == field:
            return cast(str, info.default)
    raise TypeError(f"{variant.__name__} has no tag field {field!r}")
