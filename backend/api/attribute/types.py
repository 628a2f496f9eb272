"""Saleor's Attribute, AttributeValue, SelectedAttribute and their translations."""

import graphene

from backend.api.attribute.dataloaders import AttributeTranslationLoader, AttributeValueTranslationLoader
from backend.api.attribute.translations import language_display, load_translation, normalized
from backend.api.core.connection import CountableConnection, connection_args, connection_from_queryset
from backend.api.core.enums import LanguageCodeEnum, OrderDirection, saleor_enum
from backend.api.core.filter_inputs import StringFilterInput, string_filter_q
from backend.api.core.types import LanguageDisplay, ObjectWithMetadata

AttributeInputTypeEnum = saleor_enum("AttributeInputTypeEnum")
AttributeEntityTypeEnum = saleor_enum("AttributeEntityTypeEnum")
AttributeTypeEnum = saleor_enum("AttributeTypeEnum")
MeasurementUnitsEnum = saleor_enum("MeasurementUnitsEnum")

UNITS = {value.lower(): value for value in MeasurementUnitsEnum._meta.enum.__members__}
ENTITY_TYPES = {"page": "PAGE", "product": "PRODUCT", "product_variant": "PRODUCT_VARIANT",
                "product-variant": "PRODUCT_VARIANT", "category": "CATEGORY", "collection": "COLLECTION"}


def input_type_name(value: str) -> str:
    """Stored "date-time" -> enum "DATE_TIME"."""
    return (value or "dropdown").replace("-", "_").upper()


class File(graphene.ObjectType):
    url = graphene.String(required=True, description="The URL of the file.")
    content_type = graphene.String(description="Content type of the file.")


class AttributeTranslation(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The ID of the attribute translation.")
    language = graphene.Field(LanguageDisplay, required=True, description="Translation language.")
    name = graphene.String(required=True, description="Translated attribute name.")

    class Meta:
        description = "Represents attribute translations."
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_language(root, _info):
        return language_display(normalized(root.language_code))


class AttributeValueTranslation(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The ID of the attribute value translation.")
    language = graphene.Field(LanguageDisplay, required=True, description="Translation language.")
    name = graphene.String(required=True, description="Translated attribute value name.")
    rich_text = graphene.JSONString(description="Translated rich-text attribute value.\n\nRich text format. For "
                                                "reference see https://editorjs.io/")
    plain_text = graphene.String(description="Translated plain text attribute value .")

    class Meta:
        description = "Represents attribute value translations."
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_language(root, _info):
        return language_display(normalized(root.language_code))


class AttributeValue(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The ID of the attribute value.")
    name = graphene.String(description="Name of a value displayed in the interface.")
    slug = graphene.String(description="Internal representation of a value (unique per attribute).")
    value = graphene.String(description="Represent value of the attribute value (e.g. color values for swatch "
                                        "attributes).")
    translation = graphene.Field(
        AttributeValueTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True,
                                        description="A language code to return the translation for attribute value."),
        description="Returns translated attribute value fields for the given language code.",
    )
    input_type = graphene.Field(AttributeInputTypeEnum, description="The input type to use for entering attribute "
                                                                    "values in the dashboard.")
    reference = graphene.ID(description="The ID of the referenced object.")
    file = graphene.Field(File, description="Represents file URL and content type (if attribute value is a file).")
    rich_text = graphene.JSONString(description="Represents the text of the attribute value, includes formatting."
                                                "\n\nRich text format. For reference see https://editorjs.io/")
    plain_text = graphene.String(description="Represents the text of the attribute value, plain text without "
                                             "formatting.")
    boolean = graphene.Boolean(description="Represents the boolean value of the attribute value.")
    date = graphene.Date(description="Represents the date value of the attribute value.")
    date_time = graphene.DateTime(description="Represents the date/time value of the attribute value.")
    external_reference = graphene.String(description="External ID of this attribute value.")

    class Meta:
        description = "Represents a value of an attribute."
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_translation(root, info, language_code):
        return load_translation(AttributeValueTranslationLoader, info, root, language_code,
                                {"name": root.name, "rich_text": root.rich_text, "plain_text": root.plain_text})

    @staticmethod
    def resolve_input_type(root, info):
        from backend.api.attribute.dataloaders import AttributeByIdLoader
        from backend.api.core.dataloaders import then

        return then(AttributeByIdLoader(info.context).load(root.attribute_id),
                    lambda attribute: input_type_name(attribute.input_type) if attribute else None)

    @staticmethod
    def resolve_reference(root, _info):
        # Reference values keep the referenced object's global ID in `value`.
        from backend.core.ids import InvalidGlobalId, from_global_id

        try:
            from_global_id(root.value)
        except InvalidGlobalId:
            return None
        return root.value

    @staticmethod
    def resolve_file(root, _info):
        return File(url=root.file_url, content_type=root.content_type) if root.file_url else None

    @staticmethod
    def resolve_date(root, _info):
        return root.date_time.date() if root.date_time else None


class AttributeValueCountableConnection(CountableConnection):
    class Meta:
        node = AttributeValue


class AttributeChoicesSortingInput(graphene.InputObjectType):
    direction = graphene.InputField(OrderDirection, required=True,
                                    description="Specifies the direction in which to sort attribute choices.")
    field = graphene.InputField(saleor_enum("AttributeChoicesSortField"), required=True,
                                description="Sort attribute choices by the selected field.")


class AttributeValueFilterInput(graphene.InputObjectType):
    search = graphene.String()
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))


class AttributeValueWhereInput(graphene.InputObjectType):
    ids = graphene.List(graphene.NonNull(graphene.ID))
    name = graphene.InputField(StringFilterInput, description="Filter by name.")
    slug = graphene.InputField(StringFilterInput, description="Filter by slug.")
    and_ = graphene.List(graphene.NonNull(lambda: AttributeValueWhereInput), name="AND",
                         description="List of conditions that must be met.")
    or_ = graphene.List(graphene.NonNull(lambda: AttributeValueWhereInput), name="OR",
                        description="A list of conditions of which at least one must be met.")


class Attribute(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The ID of the attribute.")
    input_type = graphene.Field(AttributeInputTypeEnum, description="The input type to use for entering attribute "
                                                                    "values in the dashboard.")
    entity_type = graphene.Field(AttributeEntityTypeEnum,
                                 description="The entity type which can be used as a reference.")
    name = graphene.String(required=True, description="Name of an attribute displayed in the interface.")
    slug = graphene.String(required=True, description="Internal representation of an attribute name.")
    type = graphene.Field(AttributeTypeEnum, required=True, description="The attribute type.")
    unit = graphene.Field(MeasurementUnitsEnum, description="The unit of attribute values.")
    choices = graphene.Field(
        AttributeValueCountableConnection,
        sort_by=graphene.Argument(AttributeChoicesSortingInput, description="Sort attribute choices."),
        filter=graphene.Argument(AttributeValueFilterInput, description="Filtering options for attribute choices.",
                                 deprecation_reason="Use `where` filter instead."),
        where=graphene.Argument(AttributeValueWhereInput, description="Where filtering options for attribute "
                                                                      "choices.\n\nAdded in Saleor 3.22."),
        search=graphene.Argument(graphene.String, description="Search attribute choices.\n\nAdded in Saleor 3.22."),
        **connection_args(),
        description="A list of predefined attribute choices available for selection. Available only for attributes "
                    "with predefined choices.",
    )
    value_required = graphene.Boolean(required=True, description="Whether the attribute requires values to be passed "
                                                                 "or not.")
    visible_in_storefront = graphene.Boolean(required=True, description="Whether the attribute should be visible or "
                                                                        "not in storefront.")
    filterable_in_storefront = graphene.Boolean(
        required=True, description="Whether the attribute can be filtered in storefront.",
        deprecation_reason="This flag is not used by Saleor. Keep the logic in the storefront or use `Attribute` "
                           "metadata instead.")
    filterable_in_dashboard = graphene.Boolean(
        required=True, description="Whether the attribute can be filtered in dashboard.",
        deprecation_reason="This flag is not used by Saleor. Keep the logic in the dashboard or use `Attribute` "
                           "metadata instead.")
    available_in_grid = graphene.Boolean(
        required=True, description="Whether the attribute can be displayed in the admin product list.",
        deprecation_reason="This flag is not used by Saleor. Keep the logic in the storefront or use `Attribute` "
                           "metadata instead.")
    storefront_search_position = graphene.Int(
        required=True, description="The position of the attribute in the storefront navigation (0 by default).",
        deprecation_reason="This flag is not used by Saleor. Keep the logic in the storefront or use `Attribute` "
                           "metadata instead.")
    translation = graphene.Field(
        AttributeTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True,
                                        description="A language code to return the translation for attribute."),
        description="Returns translated attribute fields for the given language code.",
    )
    with_choices = graphene.Boolean(required=True, description="Flag indicating that attribute has predefined "
                                                               "choices.")
    external_reference = graphene.String(description="External ID of this attribute.")
    product_types = graphene.Field(
        lambda: _product_type_connection(), required=True, **connection_args(),
        description="A list of product types that use this attribute as a product attribute.")
    product_variant_types = graphene.Field(
        lambda: _product_type_connection(), required=True, **connection_args(),
        description="A list of product types that use this attribute as a product variant attribute.")

    class Meta:
        description = ("Custom attribute of a product. Attributes can be assigned to products and variants at the "
                       "product type level.")
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_input_type(root, _info):
        return input_type_name(root.input_type)

    @staticmethod
    def resolve_product_types(root, info, **kwargs):
        return connection_from_queryset(root.product_types.order_by("slug", "pk"), info, kwargs,
                                        _product_type_connection())

    @staticmethod
    def resolve_product_variant_types(root, info, **kwargs):
        return connection_from_queryset(root.variant_product_types.order_by("slug", "pk"), info, kwargs,
                                        _product_type_connection())

    @staticmethod
    def resolve_entity_type(root, _info):
        return ENTITY_TYPES.get((root.entity_type or "").lower())

    @staticmethod
    def resolve_type(root, _info):
        return "PAGE_TYPE" if root.type == "page-type" else "PRODUCT_TYPE"

    @staticmethod
    def resolve_unit(root, _info):
        return UNITS.get((root.unit or "").lower())

    @staticmethod
    def resolve_with_choices(root, _info):
        return root.input_type in {"dropdown", "multiselect", "swatch"}

    @staticmethod
    def resolve_translation(root, info, language_code):
        return load_translation(AttributeTranslationLoader, info, root, language_code, {"name": root.name})

    @staticmethod
    def resolve_choices(root, info, sort_by=None, filter=None, where=None, search=None, **kwargs):
        from django.db.models import Q

        from backend.api.product.ids import decode_ids

        if not Attribute.resolve_with_choices(root, info):
            return None
        values = root.values.all()
        if search:
            values = values.filter(Q(name__icontains=search) | Q(slug__icontains=search))
        if filter:
            if filter.get("search"):
                values = values.filter(Q(name__icontains=filter["search"]) | Q(slug__icontains=filter["search"]))
            if filter.get("ids") is not None:
                values = values.filter(pk__in=decode_ids(filter["ids"], "AttributeValue"))
            if filter.get("slugs") is not None:
                values = values.filter(slug__in=filter["slugs"])
        if where:
            values = values.filter(_value_where_q(where))
        if sort_by:
            descending = getattr(sort_by["direction"], "name", sort_by["direction"]) == "DESC"
            field = getattr(sort_by["field"], "name", sort_by["field"])
            column = "slug" if field == "SLUG" else "name"
            values = values.order_by(f"-{column}" if descending else column, "pk")
        return connection_from_queryset(values, info, kwargs, AttributeValueCountableConnection)


def _product_type_connection():
    from backend.api.product.types.product_types import ProductTypeCountableConnection

    return ProductTypeCountableConnection


def _value_where_q(where):
    from django.db.models import Q

    from backend.api.product.ids import decode_ids

    q = Q()
    if where.get("ids") is not None:
        q &= Q(pk__in=decode_ids(where["ids"], "AttributeValue"))
    q &= string_filter_q("name", where.get("name")) & string_filter_q("slug", where.get("slug"))
    for item in where.get("and_") or ():
        q &= _value_where_q(item)
    if where.get("or_"):
        any_of = Q(pk__in=[])
        for item in where["or_"]:
            any_of |= _value_where_q(item)
        q &= any_of
    return q


class AttributeCountableConnection(CountableConnection):
    class Meta:
        node = Attribute


class SelectedAttribute(graphene.ObjectType):
    attribute = graphene.Field(Attribute, required=True, description="Name of an attribute displayed in the "
                                                                     "interface.")
    values = graphene.List(graphene.NonNull(AttributeValue), required=True, description="Values of an attribute.")

    class Meta:
        description = "Represents an assigned attribute to an object."
