"""Saleor's enums, with the exact names, values and deprecations of Saleor 3.24.

`saleor_enums.json` was extracted from Saleor 3.24's published SDL (names, values, descriptions: facts of the API we
implement). `saleor_enum(name)` builds each graphene Enum once, so every field that uses it shares one type.
"""

import json
from enum import Enum as PyEnum
from functools import cache
from pathlib import Path

import graphene

_DATA = json.loads((Path(__file__).parent / "saleor_enums.json").read_text(encoding="utf-8"))


@cache
def saleor_enum(name: str) -> type[graphene.Enum]:
    spec = _DATA[name]
    python_enum = PyEnum(name, [(value, value) for value, _, _ in spec["values"]])
    descriptions = {value: description for value, description, _ in spec["values"]}
    deprecations = {value: reason for value, _, reason in spec["values"] if reason}

    def description(value):
        return descriptions.get(value.name) if value else spec["description"]

    def deprecation_reason(value):
        return deprecations.get(value.name) if value else None

    return graphene.Enum.from_enum(python_enum, description=description, deprecation_reason=deprecation_reason)


def enum_values(name: str) -> list[str]:
    return [value for value, _, _ in _DATA[name]["values"]]


LanguageCodeEnum = saleor_enum("LanguageCodeEnum")
CountryCodeEnum = saleor_enum("CountryCode")
WeightUnitsEnum = saleor_enum("WeightUnitsEnum")
PermissionEnumType = saleor_enum("PermissionEnum")
OrderDirection = saleor_enum("OrderDirection")
