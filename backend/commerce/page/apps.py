from django.apps import AppConfig


class PageConfig(AppConfig):
    name = "backend.commerce.page"
    label = "page"
    verbose_name = "Pages"
