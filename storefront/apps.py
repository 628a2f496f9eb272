from django.apps import AppConfig


class StorefrontConfig(AppConfig):
    name = "storefront"
    label = "storefront"
    verbose_name = "Site des habitants"
