"""The base of the checkout, order and payment mutations: BaseMutation's permission rules, French messages, and
Saleor's error payloads with their extra fields (variants, lines, addressType, orderLines, warehouse) and the
deprecated alias lists (`checkoutErrors`, `orderErrors`, `metadataErrors`) where the contract still has them."""

import graphene
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import translation

from backend.api.core.errors import to_camel_case
from backend.api.core.mutations import BaseMutation

# ValidationError params the error types may carry, by their GraphQL field name (snake_case for graphene).
EXTRA_PARAMS = {"variants": "variants", "lines": "lines", "address_type": "address_type",
                "order_lines": "order_lines", "warehouses": "warehouse", "warehouse": "warehouse"}


def _known_codes(error_type) -> set[str]:
    code_type = error_type._meta.fields["code"].type
    code_type = getattr(code_type, "of_type", code_type)
    return set(code_type._meta.enum.__members__)


def error_items(error: ValidationError, error_type, default_code: str = "INVALID") -> list:
    """Errors as `error_type` rows; a code the type's enum lacks (e.g. NOT_FOUND for OrderNoteAddError) becomes
    GRAPHQL_ERROR, so the answer stays a typed error and never a serialisation failure."""
    fields = error_type._meta.fields
    known = _known_codes(error_type)
    items = []
    pairs = []
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            pairs += [(None if field == NON_FIELD_ERRORS else to_camel_case(field), err) for err in errors]
    else:
        pairs = [(None, err) for err in error.error_list]
    for field, err in pairs:
        code = err.code or default_code
        values = {"field": field, "message": str(err.message), "code": code if code in known else "GRAPHQL_ERROR"}
        for param, name in EXTRA_PARAMS.items():
            if isinstance(err.params, dict) and param in err.params and name in fields:
                value = err.params[param]
                values[name] = value[0] if name == "warehouse" and isinstance(value, list) else value
        items.append(error_type(**values))
    return items


class DomainMutation(BaseMutation):
    """Meta: error_type_class, permissions/auth as BaseMutation, and `legacy_errors_field` (deprecated alias)."""

    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(cls, legacy_errors_field=None, **options):
        super().__init_subclass_with_meta__(**options)
        cls._legacy_errors_field = legacy_errors_field
        if legacy_errors_field:
            cls._meta.fields[legacy_errors_field] = graphene.Field(
                graphene.NonNull(graphene.List(graphene.NonNull(cls._meta.error_type_class))),
                default_value=(), deprecation_reason="Use `errors` field instead.")

    @classmethod
    def mutate(cls, root, info, **data):
        with translation.override("fr"):
            return super().mutate(root, info, **data)

    @classmethod
    def error_response(cls, error: ValidationError, **payload):
        errors = error_items(error, cls._meta.error_type_class)
        if cls._legacy_errors_field:
            payload[cls._legacy_errors_field] = errors
        return cls(errors=errors, **payload)
