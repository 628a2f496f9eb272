from backend.api.attribute.translations import TranslationLoader
from backend.api.core.dataloaders import ByIdLoader
from backend.commerce.attribute.models import (
    Attribute,
    AttributeTranslation,
    AttributeValue,
    AttributeValueTranslation,
)


class AttributeByIdLoader(ByIdLoader):
    model = Attribute


class AttributeValueByIdLoader(ByIdLoader):
    model = AttributeValue


class AttributeTranslationLoader(TranslationLoader):
    model = AttributeTranslation
    fk_field = "attribute"


class AttributeValueTranslationLoader(TranslationLoader):
    model = AttributeValueTranslation
    fk_field = "attribute_value"
