from django.apps import AppConfig


class TaxConfig(AppConfig):
    name = "backend.commerce.tax"
    label = "tax"
    verbose_name = "TVA"
