from django.apps import AppConfig


class OrderConfig(AppConfig):
    name = "backend.commerce.order"
    label = "order"
    verbose_name = "Commandes"
