from django.apps import AppConfig


class CheckoutConfig(AppConfig):
    name = "backend.commerce.checkout"
    label = "checkout"
    verbose_name = "Paniers"
