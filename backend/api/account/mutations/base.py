"""AccountMutation: BaseMutation with Saleor's AccountError payloads (`errors` and the deprecated `accountErrors`).

Messages are French whatever the browser asks: the platform speaks French, and Django's password validators follow
the active language.
"""

import graphene
from django.core.exceptions import ValidationError
from django.utils import translation

from backend.api.account.types import AccountError
from backend.api.core.errors import validation_error_to_list
from backend.api.core.mutations import BaseMutation


class AccountMutation(BaseMutation):
    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(cls, **options):
        options.setdefault("error_type_class", AccountError)
        super().__init_subclass_with_meta__(**options)
        cls._meta.fields["account_errors"] = graphene.Field(
            graphene.NonNull(graphene.List(graphene.NonNull(AccountError))),
            default_value=(),
            deprecation_reason="Use `errors` field instead.",
        )

    @classmethod
    def mutate(cls, root, info, **data):
        with translation.override("fr"):
            return super().mutate(root, info, **data)

    @classmethod
    def error_response(cls, error: ValidationError, **payload):
        errors = [AccountError(**item) for item in validation_error_to_list(error, "INVALID")]
        return cls(errors=errors, account_errors=errors, **payload)
