from django.apps import AppConfig


class ChannelConfig(AppConfig):
    name = "backend.commerce.channel"
    label = "channel"
    verbose_name = "Canaux de vente"
