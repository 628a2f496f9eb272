"""A refusal of the sign-in, reported to the client as Saleor's AccountError (field, French message, code)."""

from django.core.exceptions import ValidationError

from backend.commerce.account.error_codes import AccountErrorCode


class OIDCError(Exception):
    def __init__(self, message: str, *, code: AccountErrorCode = AccountErrorCode.INVALID, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field

    def as_validation_error(self) -> ValidationError:
        error = ValidationError(self.message, code=self.code.value)
        return ValidationError({self.field: error}) if self.field else error


def provider_unreachable() -> OIDCError:
    return OIDCError("Le fournisseur d'identité ne répond pas : réessayez dans quelques minutes.")
