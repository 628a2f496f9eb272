from django.apps import AppConfig


class AttributeConfig(AppConfig):
    name = "backend.commerce.attribute"
    label = "attribute"
    verbose_name = "Attributs"
