from django.apps import AppConfig


class ProducersConfig(AppConfig):
    name = "plugins.producers"
    label = "producers"
    verbose_name = "Producteurs"
    default_auto_field = "django.db.models.BigAutoField"
