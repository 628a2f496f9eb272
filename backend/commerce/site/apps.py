from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "backend.commerce.site"
    label = "site"
    verbose_name = "Réglages de la boutique"
