"""Page, PageType and PageTranslation with Saleor 3.24's fields. Related fields resolve through dataloaders."""

from dataclasses import dataclass
from typing import Any

import graphene
from django.utils import translation as django_translation

from backend.api.attribute.assigned import AssignedAttribute
from backend.api.attribute.types import Attribute, SelectedAttribute
from backend.api.core.connection import CountableConnection, connection_args, connection_from_queryset
from backend.api.core.dataloaders import then
from backend.api.core.enums import LanguageCodeEnum, enum_values
from backend.api.core.errors import PermissionDenied
from backend.api.core.scalars import Date, DateTime, JSONString, PositiveInt
from backend.api.core.types import LanguageDisplay, ObjectWithMetadata
from backend.api.page import dataloaders as loaders
from backend.api.page.shared import is_french, pick_translation
from backend.core.permissions import PermissionEnum, has_one_of_permissions

LANGUAGE_CODES = frozenset(enum_values("LanguageCodeEnum"))


def language_display(code: str) -> LanguageDisplay:
    """`code` is a LanguageCodeEnum name (FR, EN_US); the language's name is given in French."""
    django_code = code.lower().replace("_", "-")
    try:
        with django_translation.override("fr"):
            name = str(django_translation.get_language_info(django_code)["name_translated"])
    except KeyError:
        try:
            with django_translation.override("fr"):
                name = str(django_translation.get_language_info(django_code.split("-")[0])["name_translated"])
        except KeyError:
            name = code
    return LanguageDisplay(code=code, language=name[:1].upper() + name[1:])


def enum_code(language_code) -> str:
    return str(getattr(language_code, "value", language_code))


def stored_code_to_enum(code: str, requested: str) -> str:
    """A stored code ('en', 'fr-be') as a LanguageCodeEnum name; the requested one if it is not a known language."""
    name = code.upper().replace("-", "_")
    return name if name in LANGUAGE_CODES else requested


@dataclass
class TranslationRoot:
    """A translation as served: a stored row, or the French base text (French is the shop's own language)."""

    type_name: str
    key: Any
    language_code: str
    fields: dict


class PageTranslation(graphene.ObjectType):
    language = graphene.Field(LanguageDisplay, required=True, description="Translation language.")
    seo_title = graphene.String(description="Translated SEO title.")
    seo_description = graphene.String(description="Translated SEO description.")
    slug = graphene.String(description="Translated page slug.")
    title = graphene.String(description="Translated page title.")
    content = JSONString(description="Translated content of the page.\n\nRich text format. For reference see "
                         "https://editorjs.io/")
    content_json = JSONString(description="Translated description of the page.\n\nRich text format. For reference "
                              "see https://editorjs.io/", deprecation_reason="Use the `content` field instead.")

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "Represents page translations."

    @staticmethod
    def resolve_id(root: TranslationRoot, _info):
        return root.key

    @staticmethod
    def resolve_language(root: TranslationRoot, _info):
        return language_display(root.language_code)

    @staticmethod
    def resolve_content_json(root: TranslationRoot, _info):
        return root.fields.get("content")


for _name in ("seo_title", "seo_description", "slug", "title", "content"):
    setattr(PageTranslation, f"resolve_{_name}", staticmethod(lambda root, _info, _n=_name: root.fields.get(_n)))


def translation_root(type_name: str, obj, rows, language_code, field_names: tuple[str, ...]):
    code = enum_code(language_code)
    if is_french(code):
        fields = {name: getattr(obj, name) for name in field_names}
        return TranslationRoot(type_name, f"{obj.pk}:{code}", code, fields)
    row = pick_translation(rows, code)
    if row is None:
        return None
    return TranslationRoot(type_name, row.pk, stored_code_to_enum(row.language_code, code),
                           {name: getattr(row, name) for name in field_names})


class PageType(graphene.ObjectType):
    name = graphene.String(required=True, description="Name of the page type.")
    slug = graphene.String(required=True, description="Slug of the page type.")
    attributes = graphene.List(graphene.NonNull(Attribute),
                               description="Page attributes of that page type.")
    available_attributes = graphene.Field(
        lambda: _attribute_connection(),
        filter=graphene.Argument(lambda: _attribute_filter_input(), description="Filtering options for attributes.",
                                 deprecation_reason="Use `where` filter instead."),
        where=graphene.Argument(lambda: _attribute_where_input(),
                                description="Where filtering options for attributes."),
        search=graphene.String(description="Search attributes."),
        **connection_args(),
        description="Attributes that can be assigned to the page type.\n\nRequires one of the following "
                    "permissions: MANAGE_PAGES, MANAGE_PAGE_TYPES_AND_ATTRIBUTES.")
    has_pages = graphene.Boolean(description="Whether page type has pages assigned.\n\nRequires one of the following "
                                 "permissions: MANAGE_PAGES, MANAGE_PAGE_TYPES_AND_ATTRIBUTES.")

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)
        description = "Represents a type of page. It defines what attributes are available to pages of this type."

    @staticmethod
    def resolve_id(root, _info):
        return root.pk

    @staticmethod
    def resolve_attributes(root, info):
        return loaders.AttributesByPageTypeIdLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_has_pages(root, info):
        _require_page_staff(info)
        return loaders.PageTypeHasPagesLoader(info.context).load(root.pk)

    @staticmethod
    def resolve_available_attributes(root, info, filter=None, where=None, search=None, **args):
        """Page attributes not assigned to this type yet (what the dashboard offers to add)."""
        from django.db.models import Q

        from backend.api.attribute.schema import attribute_filter_q
        from backend.api.attribute.where import attribute_where_q
        from backend.commerce.attribute.models import Attribute as AttributeModel
        from backend.commerce.attribute.models import AttributeType

        _require_page_staff(info)
        attributes = AttributeModel.objects.filter(type=AttributeType.PAGE_TYPE).exclude(page_types=root.pk)
        q = attribute_filter_q(filter) & attribute_where_q(where)
        if search:
            q &= Q(name__icontains=search) | Q(slug__icontains=search)
        attributes = attributes.filter(q).order_by("storefront_search_position", "slug", "pk")
        return connection_from_queryset(attributes, info, args, _attribute_connection())


def _require_page_staff(info) -> None:
    user = getattr(info.context, "user", None)
    needed = [PermissionEnum.MANAGE_PAGES, PermissionEnum.MANAGE_PAGE_TYPES_AND_ATTRIBUTES]
    if not has_one_of_permissions(user, needed):
        raise PermissionDenied(permissions=needed)


def _attribute_connection():
    from backend.api.attribute.types import AttributeCountableConnection

    return AttributeCountableConnection


def _attribute_filter_input():
    from backend.api.attribute.schema import AttributeFilterInput

    return AttributeFilterInput


def _attribute_where_input():
    from backend.api.attribute.where import AttributeWhereInput

    return AttributeWhereInput


def load_page_attributes(info, page):
    """[AssignedAttributeData] of a page, assembled as the catalogue assembles a product's (same types, same rules)."""
    from backend.api.product.types.common import load_assigned_attributes

    return load_assigned_attributes(info, loaders.AttributesByPageTypeIdLoader(info.context).load(page.page_type_id),
                                    loaders.AssignedValuesByPageIdLoader(info.context).load(page.pk))


class Page(graphene.ObjectType):
    assigned_attribute = graphene.Field(
        AssignedAttribute, slug=graphene.Argument(graphene.String, required=True, description="Slug of the attribute"),
        description="Get a single attribute attached to page by attribute slug.\n\nAdded in Saleor 3.22.")
    assigned_attributes = graphene.List(
        graphene.NonNull(AssignedAttribute), required=True,
        limit=graphene.Argument(PositiveInt, default_value=100,
                                description="Maximum number of attributes to return. Default is 100."),
        description="List of attributes assigned to this page.\n\nAdded in Saleor 3.22.")
    seo_title = graphene.String(description="Title of the page for SEO.")
    seo_description = graphene.String(description="Description of the page for SEO.")
    title = graphene.String(required=True, description="Title of the page.")
    content = JSONString(description="Content of the page.\n\nRich text format. For reference see "
                         "https://editorjs.io/")
    publication_date = Date(deprecation_reason="Use the `publishedAt` field to fetch the publication date.")
    published_at = DateTime(description="The page publication date.")
    is_published = graphene.Boolean(required=True, description="Determines if the page is published.")
    slug = graphene.String(required=True, description="Slug of the page.")
    page_type = graphene.Field(PageType, required=True, description="Determines the type of page")
    created = DateTime(required=True, description="Date and time at which page was created.")
    content_json = JSONString(required=True, description="Content of the page.\n\nRich text format. For reference "
                              "see https://editorjs.io/", deprecation_reason="Use the `content` field instead.")
    translation = graphene.Field(
        PageTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True,
                                        description="A language code to return the translation for page."),
        description="Returns translated page fields for the given language code.",
    )
    attribute = graphene.Field(
        SelectedAttribute, slug=graphene.Argument(graphene.String, required=True, description="Slug of the attribute"),
        description="Get a single attribute attached to page by attribute slug.",
        deprecation_reason="Use `assignedAttribute` field instead.")
    attributes = graphene.List(graphene.NonNull(SelectedAttribute), required=True,
                               description="List of attributes assigned to this page.",
                               deprecation_reason="Use `assignedAttributes` field instead.")

    class Meta:
        interfaces = (graphene.relay.Node, ObjectWithMetadata)
        description = "A static page that can be manually added by a shop operator through the dashboard."

    @staticmethod
    def resolve_id(root, _info):
        return root.pk

    @staticmethod
    def resolve_publication_date(root, _info):
        return root.published_at.date() if root.published_at else None

    @staticmethod
    def resolve_created(root, _info):
        return root.created_at

    @staticmethod
    def resolve_content_json(root, _info):
        return root.content or {}

    @staticmethod
    def resolve_page_type(root, info):
        return loaders.PageTypeByIdLoader(info.context).load(root.page_type_id)

    @staticmethod
    def resolve_assigned_attributes(root, info, limit=100):
        return then(load_page_attributes(info, root), lambda items: items[: max(limit or 0, 0)])

    @staticmethod
    def resolve_assigned_attribute(root, info, slug):
        return then(load_page_attributes(info, root),
                    lambda items: next((item for item in items if item.attribute.slug == slug), None))

    @staticmethod
    def resolve_attributes(root, info):
        return then(load_page_attributes(info, root), lambda items: [
            SelectedAttribute(attribute=item.attribute, values=item.values) for item in items])

    @staticmethod
    def resolve_attribute(root, info, slug):
        return then(Page.resolve_attributes(root, info),
                    lambda items: next((item for item in items if item.attribute.slug == slug), None))

    @staticmethod
    def resolve_translation(root, info, language_code):
        fields = ("title", "slug", "content", "seo_title", "seo_description")
        if is_french(enum_code(language_code)):
            return translation_root("PageTranslation", root, [], language_code, fields)
        rows = loaders.PageTranslationsByPageIdLoader(info.context).load(root.pk)
        return then(rows, lambda found: translation_root("PageTranslation", root, found, language_code, fields))


class PageCountableConnection(CountableConnection):
    class Meta:
        node = Page


class PageTypeCountableConnection(CountableConnection):
    class Meta:
        node = PageType
