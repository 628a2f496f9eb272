from django.apps import AppConfig


class TerritoryConfig(AppConfig):
    name = "backend.commerce.territory"
    label = "territory"
    verbose_name = "Territoire"
