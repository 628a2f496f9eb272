"""Reads of attributes and their values."""

from decimal import Decimal, InvalidOperation

from django.db.models import QuerySet

from backend.commerce.attribute.models import Attribute, AttributeInputType, AttributeValue


def attributes_visible(*, include_hidden: bool) -> QuerySet[Attribute]:
    attributes = Attribute.objects.all()
    return attributes if include_hidden else attributes.filter(visible_in_storefront=True)


def attribute_value_ids_matching(*, slug: str, value_slugs=None, value_names=None, boolean=None,
                                 numeric_range: tuple | None = None, date_range: tuple | None = None,
                                 datetime_range: tuple | None = None) -> list[int]:
    """Ids of the values of attribute `slug` matching every given criterion (used by product filters).

    Numeric values are stored as text (`name`), so the numeric range is compared in Python on this attribute's values
    only: a cast in SQL would fail on the values of other attributes.
    """
    values = AttributeValue.objects.filter(attribute__slug=slug)
    if value_slugs is not None:
        values = values.filter(slug__in=value_slugs)
    if value_names is not None:
        values = values.filter(name__in=value_names)
    if boolean is not None:
        values = values.filter(boolean=boolean)
    if date_range is not None:
        low, high = date_range
        if low is not None:
            values = values.filter(date_time__date__gte=low)
        if high is not None:
            values = values.filter(date_time__date__lte=high)
    if datetime_range is not None:
        low, high = datetime_range
        if low is not None:
            values = values.filter(date_time__gte=low)
        if high is not None:
            values = values.filter(date_time__lte=high)
    if numeric_range is None:
        return list(values.values_list("pk", flat=True))
    low, high = numeric_range
    matching = []
    for pk, name, value in values.filter(attribute__input_type=AttributeInputType.NUMERIC).values_list(
        "pk", "name", "value"
    ):
        number = _to_decimal(value) if value else _to_decimal(name)
        if number is None:
            continue
        if (low is None or number >= Decimal(str(low))) and (high is None or number <= Decimal(str(high))):
            matching.append(pk)
    return matching


def _to_decimal(text: str) -> Decimal | None:
    try:
        return Decimal(str(text).replace(",", "."))
    except InvalidOperation:
        return None
