from django.apps import AppConfig


class AccountConfig(AppConfig):
    name = "backend.commerce.account"
    label = "account"
    verbose_name = "Comptes"
