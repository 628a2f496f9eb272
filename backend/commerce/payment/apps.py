from django.apps import AppConfig


class PaymentConfig(AppConfig):
    name = "backend.commerce.payment"
    label = "payment"
    verbose_name = "Paiements"
