"""Error codes of the logistics domain (GraphQL `LogisticsError.code`, form errors)."""

from enum import Enum


class LogisticsErrorCode(str, Enum):
    NOT_FOUND = "NOT_FOUND"
    INVALID = "INVALID"
    REQUIRED = "REQUIRED"
    SLOT_FULL = "SLOT_FULL"
    SLOT_CLOSED = "SLOT_CLOSED"
    INFEASIBLE = "INFEASIBLE"
    ALREADY_DONE = "ALREADY_DONE"
    NOT_YOURS = "NOT_YOURS"
    WRONG_CODE = "WRONG_CODE"
    CODE_ALREADY_USED = "CODE_ALREADY_USED"
    SIGNATURE_TOO_LARGE = "SIGNATURE_TOO_LARGE"


def logistics_error(field: str | None, message: str, code: LogisticsErrorCode):
    from django.core.exceptions import ValidationError

    inner = ValidationError(message, code=code.value)
    return ValidationError({field: inner}) if field else inner
