from django.apps import AppConfig


class RoadmapConfig(AppConfig):
    name = "plugins.roadmap"
    label = "roadmap"
    verbose_name = "Feuille de route numérique"
    default_auto_field = "django.db.models.BigAutoField"
