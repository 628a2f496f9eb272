from django.apps import AppConfig


class DiscountConfig(AppConfig):
    name = "backend.commerce.discount"
    label = "discount"
    verbose_name = "Promotions"
