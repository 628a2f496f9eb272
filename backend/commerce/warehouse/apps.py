from django.apps import AppConfig


class WarehouseConfig(AppConfig):
    name = "backend.commerce.warehouse"
    label = "warehouse"
    verbose_name = "Entrepôts et stocks"
