from django.apps import AppConfig


class ShippingConfig(AppConfig):
    name = "backend.commerce.shipping"
    label = "shipping"
    verbose_name = "Livraison"
