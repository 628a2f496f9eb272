"""Single-object lookups (`product`, `productVariant`, `category`, `collection`): exactly one identifying argument,
translated slugs, visibility. Unknown objects answer null; bad arguments answer a GraphQL error."""

from graphql import GraphQLError

from backend.api.attribute.translations import is_french, language_candidates
from backend.api.product.ids import decode_id


def check_one_of(**arguments) -> tuple[str, object]:
    """The one argument given among `arguments` (Saleor's rule), as (name, value)."""
    given = [(name, value) for name, value in arguments.items() if value is not None]
    names = ", ".join(f"'{name}'" for name in arguments)
    if not given:
        raise GraphQLError(f"At least one of arguments is required: {names}.")
    if len(given) > 1:
        raise GraphQLError(f"Argument '{given[0][0]}' cannot be combined with '{given[1][0]}'.")
    return given[0]


def by_identifier(queryset, type_name: str, name: str, value, *, slug_language_code=None, translation_model=None,
                  translation_fk: str = ""):
    """Find in `queryset` by id, slug (possibly a translated slug), sku or external reference; None when absent."""
    if name == "id":
        return queryset.filter(pk=decode_id(value, type_name)).first()
    if name == "slug" and slug_language_code is not None and not is_french(slug_language_code):
        translated = translation_model.objects.filter(
            slug=value, language_code__in=language_candidates(slug_language_code)
        ).values_list(f"{translation_fk}_id", flat=True)
        return queryset.filter(pk__in=translated).first()
    column = {"slug": "slug", "sku": "sku", "external_reference": "external_reference"}[name]
    return queryset.filter(**{column: value}).first()
