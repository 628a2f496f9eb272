from django.apps import AppConfig


class ProductConfig(AppConfig):
    name = "backend.commerce.product"
    label = "product"
    verbose_name = "Catalogue"
