"""Saleor 3.22's `assignedAttribute(s)`: one GraphQL type per kind of attribute, behind the AssignedAttribute
interface. The root of each is an `AssignedAttributeData(attribute, values)`: the attribute and the values an object
(product, variant, page) holds for it, already loaded in batch by the owner's dataloaders.
"""

from dataclasses import dataclass, field

import graphene

from backend.api.attribute.dataloaders import AttributeValueTranslationLoader
from backend.api.attribute.translations import is_french, language_code_name
from backend.api.attribute.types import Attribute, File
from backend.api.core.dataloaders import then
from backend.api.core.enums import LanguageCodeEnum
from backend.api.core.scalars import JSON, PositiveInt
from backend.core.ids import InvalidGlobalId, from_global_id


@dataclass
class AssignedAttributeData:
    attribute: object
    values: list = field(default_factory=list)

    @property
    def first(self):
        return self.values[0] if self.values else None


def _translated_value_name(info, value, language_code, attr="name"):
    if value is None:
        return None
    if is_french(language_code):
        return getattr(value, attr)
    return then(AttributeValueTranslationLoader(info.context).load((value.pk, language_code_name(language_code))),
                lambda row: getattr(row, attr) if row is not None else None)


class AssignedAttribute(graphene.Interface):
    attribute = graphene.Field(Attribute, required=True, description="Attribute assigned to an object.")

    @classmethod
    def resolve_type(cls, instance, info):
        return type_for(instance.attribute)


class ObjectWithAttributes(graphene.Interface):
    """Implemented by Product, ProductVariant (and Page, User in Saleor): attributes with their assigned values."""

    assigned_attribute = graphene.Field(
        AssignedAttribute, slug=graphene.Argument(graphene.String, required=True, description="Slug of the attribute"),
        description="Get a single attribute attached to the object by attribute slug.\n\nAdded in Saleor 3.22.")
    assigned_attributes = graphene.List(
        graphene.NonNull(AssignedAttribute), required=True,
        limit=graphene.Argument(PositiveInt, default_value=100,
                                description="Maximum number of attributes to return. Default is 100."),
        description="List of attributes assigned to the object.\n\nAdded in Saleor 3.22.")


class AssignedChoiceAttributeValue(graphene.ObjectType):
    name = graphene.String(description="Name of a value displayed in the interface.")
    slug = graphene.String(description="Internal representation of a value (unique per attribute).")
    translation = graphene.String(
        language_code=graphene.Argument(LanguageCodeEnum, required=True), description="Translation of the name.")

    class Meta:
        description = "Represents a single choice value of the attribute.\n\nAdded in Saleor 3.22."

    @staticmethod
    def resolve_translation(root, info, language_code):
        return _translated_value_name(info, root, language_code)


class AssignedSwatchAttributeValue(graphene.ObjectType):
    name = graphene.String(description="Name of the selected swatch value.")
    slug = graphene.String(description="Slug of the selected swatch value.")
    hex_color = graphene.String(description="Hex color code.")
    file = graphene.Field(File, description="File associated with the attribute.")
    translation = graphene.String(language_code=graphene.Argument(LanguageCodeEnum, required=True),
                                  description="Translation of the name.\n\nAdded in Saleor 3.22.")

    class Meta:
        description = "Represents a single swatch value.\n\nAdded in Saleor 3.22."

    @staticmethod
    def resolve_hex_color(root, _info):
        return root.value or None

    @staticmethod
    def resolve_file(root, _info):
        return File(url=root.file_url, content_type=root.content_type) if root.file_url else None

    @staticmethod
    def resolve_translation(root, info, language_code):
        return _translated_value_name(info, root, language_code)


def _meta(description):
    return type("Meta", (), {"interfaces": (AssignedAttribute,), "description": description})


class AssignedSingleChoiceAttribute(graphene.ObjectType):
    value = graphene.Field(AssignedChoiceAttributeValue, description="The assigned choice value.")
    Meta = _meta("Represents a single choice attribute.\n\nAdded in Saleor 3.22.")

    @staticmethod
    def resolve_value(root, _info):
        return root.first


class AssignedMultiChoiceAttribute(graphene.ObjectType):
    value = graphene.List(graphene.NonNull(AssignedChoiceAttributeValue), required=True,
                          limit=graphene.Argument(PositiveInt, default_value=100,
                                                  description="Maximum number of choices to return. Default is 100."),
                          description="List of assigned choice values.")
    Meta = _meta("Represents a multi choice attribute.\n\nAdded in Saleor 3.22.")

    @staticmethod
    def resolve_value(root, _info, limit=100):
        return root.values[: max(limit or 0, 0)]


class AssignedSwatchAttribute(graphene.ObjectType):
    value = graphene.Field(AssignedSwatchAttributeValue, description="The assigned swatch value.")
    Meta = _meta("Represents a swatch attribute.\n\nAdded in Saleor 3.22.")

    @staticmethod
    def resolve_value(root, _info):
        return root.first


class AssignedPlainTextAttribute(graphene.ObjectType):
    value = graphene.String(description="The assigned plain text content.")
    translation = graphene.String(language_code=graphene.Argument(LanguageCodeEnum, required=True),
                                  description="Translation of the plain text content in the specified language.")
    Meta = _meta("Represents plain text attribute.\n\nAdded in Saleor 3.22.")

    @staticmethod
    def resolve_value(root, _info):
        return root.first.plain_text if root.first else None

    @staticmethod
    def resolve_translation(root, info, language_code):
        return _translated_value_name(info, root.first, language_code, attr="plain_text")


class AssignedTextAttribute(graphene.ObjectType):
    value = graphene.Field(JSON, description="The assigned rich text content.")
    translation = graphene.Field(JSON, language_code=graphene.Argument(LanguageCodeEnum, required=True),
                                 description="Translation of the rich text content in the specified language.")
    Meta = _meta("Represents text attribute.\n\nAdded in Saleor 3.22.")

    @staticmethod
    def resolve_value(root, _info):
        return root.first.rich_text if root.first else None

    @staticmethod
    def resolve_translation(root, info, language_code):
        return _translated_value_name(info, root.first, language_code, attr="rich_text")


class AssignedNumericAttribute(graphene.ObjectType):
    value = graphene.Float(description="The assigned numeric value.")
    Meta = _meta("Represents a numeric value of an attribute.\n\nAdded in Saleor 3.22.")

    @staticmethod
    def resolve_value(root, _info):
        value = root.first
        if value is None:
            return None
        for text in (value.value, value.name):
            try:
                return float(str(text).replace(",", "."))
            except (TypeError, ValueError):
                continue
        return None


class AssignedBooleanAttribute(graphene.ObjectType):
    value = graphene.Boolean(description="The assigned boolean value.")
    Meta = _meta("Represents a boolean attribute.\n\nAdded in Saleor 3.22.")

    @staticmethod
    def resolve_value(root, _info):
        return root.first.boolean if root.first else None


class AssignedDateAttribute(graphene.ObjectType):
    value = graphene.Date(description="The assigned date value.")
    Meta = _meta("Represents a date attribute.\n\nAdded in Saleor 3.22.")

    @staticmethod
    def resolve_value(root, _info):
        return root.first.date_time.date() if root.first and root.first.date_time else None


class AssignedDateTimeAttribute(graphene.ObjectType):
    value = graphene.DateTime(description="The assigned date time value.")
    Meta = _meta("Represents a date time attribute.\n\nAdded in Saleor 3.22.")

    @staticmethod
    def resolve_value(root, _info):
        return root.first.date_time if root.first else None


class AssignedFileAttribute(graphene.ObjectType):
    value = graphene.Field(File, description="The assigned file.")
    Meta = _meta("Represents file attribute.\n\nAdded in Saleor 3.22.")

    @staticmethod
    def resolve_value(root, _info):
        value = root.first
        return File(url=value.file_url, content_type=value.content_type) if value and value.file_url else None


def referenced_pks(values, type_name: str) -> list[int]:
    """Reference values keep the referenced object's global ID (or bare pk) in `value`."""
    pks = []
    for value in values:
        try:
            kind, pk = from_global_id(value.value)
        except InvalidGlobalId:
            kind, pk = type_name, value.value
        if kind == type_name and str(pk).isdigit():
            pks.append(int(pk))
    return pks


def visible_reference_pks(info, kind: str, pks: list[int], channel) -> list[int]:
    """A published product may reference an unpublished one: the public only gets what it could see directly."""
    from backend.api.channel.context import can_manage_products
    from backend.commerce.product import selectors

    if not pks or kind == "Category" or can_manage_products(info):
        return pks
    visible = {
        "Product": lambda: selectors.products_visible(channel=channel, show_hidden=False),
        "ProductVariant": lambda: selectors.variants_visible(channel=channel, show_hidden=False),
        "Collection": lambda: selectors.collections_visible(channel=channel, show_hidden=False),
    }[kind]()
    allowed = set(visible.filter(pk__in=pks).values_list("pk", flat=True))
    return [pk for pk in pks if pk in allowed]


def _reference_types():
    """Single and multi reference types for products, variants, categories and collections (loaded lazily)."""

    def load(kind):
        from backend.api.channel.context import ChannelContext, resolve_channel
        from backend.api.product import dataloaders as loaders

        loader = {"Product": loaders.ProductByIdLoader, "ProductVariant": loaders.VariantByIdLoader,
                  "Category": loaders.CategoryByIdLoader, "Collection": loaders.CollectionByIdLoader}[kind]
        wraps = kind in {"Product", "ProductVariant", "Collection"}

        def fetch(info, pks):
            channel = resolve_channel(info, None)
            pks = visible_reference_pks(info, kind, pks, channel)

            def shape(objects):
                objects = [obj for obj in objects if obj is not None]
                return [ChannelContext(obj, channel) for obj in objects] if wraps else objects

            return then(loader(info.context).load_many(pks), shape)

        return fetch

    def target(kind):
        def thunk():
            from backend.api.product.types import categories, collections, products, variants

            return {"Product": products.Product, "ProductVariant": variants.ProductVariant,
                    "Category": categories.Category, "Collection": collections.Collection}[kind]

        return thunk

    made = {}
    for kind in ("Product", "ProductVariant", "Category", "Collection"):
        fetch = load(kind)

        def resolve_single(root, info, _fetch=fetch, _kind=kind):
            pks = referenced_pks(root.values[:1], _kind)
            return then(_fetch(info, pks), lambda objects: objects[0] if objects else None) if pks else None

        def resolve_multi(root, info, limit=100, _fetch=fetch, _kind=kind):
            pks = referenced_pks(root.values, _kind)[: max(limit or 0, 0)]
            return _fetch(info, pks) if pks else []

        single_name, multi_name = f"AssignedSingle{kind}ReferenceAttribute", f"AssignedMulti{kind}ReferenceAttribute"
        made[single_name] = type(single_name, (graphene.ObjectType,), {
            "value": graphene.Field(target(kind), description=f"The assigned {kind} reference."),
            "Meta": _meta(f"Represents single {kind} reference attribute.\n\nAdded in Saleor 3.22."),
            "resolve_value": staticmethod(resolve_single),
        })
        made[multi_name] = type(multi_name, (graphene.ObjectType,), {
            "value": graphene.List(graphene.NonNull(target(kind)), required=True,
                                   limit=graphene.Argument(PositiveInt, default_value=100,
                                                           description="Maximum number of referenced objects to "
                                                                       "return. Default is 100."),
                                   description=f"List of assigned {kind} references."),
            "Meta": _meta(f"Represents multi {kind} reference attribute.\n\nAdded in Saleor 3.22."),
            "resolve_value": staticmethod(resolve_multi),
        })
    return made


REFERENCE_TYPES = _reference_types()
ENTITY_KIND = {"product": "Product", "product_variant": "ProductVariant", "product-variant": "ProductVariant",
               "category": "Category", "collection": "Collection"}
BY_INPUT_TYPE = {
    "dropdown": AssignedSingleChoiceAttribute,
    "multiselect": AssignedMultiChoiceAttribute,
    "swatch": AssignedSwatchAttribute,
    "plain-text": AssignedPlainTextAttribute,
    "rich-text": AssignedTextAttribute,
    "numeric": AssignedNumericAttribute,
    "boolean": AssignedBooleanAttribute,
    "date": AssignedDateAttribute,
    "date-time": AssignedDateTimeAttribute,
    "file": AssignedFileAttribute,
}
ALL_ASSIGNED_TYPES = [*BY_INPUT_TYPE.values(), *REFERENCE_TYPES.values()]


def type_for(attribute):
    if attribute.input_type in ("reference", "single-reference"):
        kind = ENTITY_KIND.get((attribute.entity_type or "").lower(), "Product")
        prefix = "Single" if attribute.input_type == "single-reference" else "Multi"
        return REFERENCE_TYPES[f"Assigned{prefix}{kind}ReferenceAttribute"]
    return BY_INPUT_TYPE.get(attribute.input_type, AssignedSingleChoiceAttribute)
