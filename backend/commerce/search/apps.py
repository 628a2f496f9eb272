from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "backend.commerce.search"
    label = "search"
    verbose_name = "Recherche"
