"""Translations of the catalogue types (French base text or a stored row, see attribute/translations.py)."""

import graphene

from backend.api.attribute.translations import language_display, normalized
from backend.api.core.types import LanguageDisplay

RICH_TEXT = "\n\nRich text format. For reference see https://editorjs.io/"
DESCRIPTION_DEPRECATION = "Use the `description` field instead."


def _language(root, _info):
    return language_display(normalized(root.language_code))


def _translation_type(name: str, noun: str, *, with_text: bool = True, name_required: bool = False):
    fields = {
        "id": graphene.GlobalID(required=True, description=f"The ID of the {noun} translation."),
        "language": graphene.Field(LanguageDisplay, required=True, description="Translation language."),
        "name": graphene.String(required=name_required, description=f"Translated {noun} name."),
        "resolve_language": staticmethod(_language),
        "Meta": type("Meta", (), {"description": f"Represents {noun} translations.",
                                  "interfaces": (graphene.relay.Node,)}),
    }
    if with_text:
        fields.update({
            "seo_title": graphene.String(description="Translated SEO title."),
            "seo_description": graphene.String(description="Translated SEO description."),
            "slug": graphene.String(description=f"Translated {noun} slug."),
            "description": graphene.JSONString(description=f"Translated description of the {noun}.{RICH_TEXT}"),
            "description_json": graphene.JSONString(description=f"Translated description of the {noun}.{RICH_TEXT}",
                                                    deprecation_reason=DESCRIPTION_DEPRECATION),
            "resolve_description_json": staticmethod(lambda root, _info: root.description),
        })
    return type(name, (graphene.ObjectType,), fields)


ProductTranslation = _translation_type("ProductTranslation", "product")
CategoryTranslation = _translation_type("CategoryTranslation", "category")
CollectionTranslation = _translation_type("CollectionTranslation", "collection")
ProductVariantTranslation = _translation_type("ProductVariantTranslation", "product variant", with_text=False,
                                              name_required=True)
