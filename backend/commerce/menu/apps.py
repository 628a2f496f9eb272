from django.apps import AppConfig


class MenuConfig(AppConfig):
    name = "backend.commerce.menu"
    label = "menu"
    verbose_name = "Menus"
