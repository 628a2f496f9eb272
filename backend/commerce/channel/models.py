from django.db import models

from backend.core.models import ModelWithMetadata


class Channel(ModelWithMetadata):
    name = models.CharField("nom", max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    is_active = models.BooleanField("actif", default=True)
    currency_code = models.CharField("devise", max_length=3, default="EUR")
    default_country = models.CharField("pays par défaut", max_length=2, default="FR")
    # Saleor's order settings
    automatically_confirm_all_new_orders = models.BooleanField(default=True)
    allow_unpaid_orders = models.BooleanField("commandes payables au retrait", default=True)
    mark_as_paid_strategy = models.CharField(max_length=32, default="TRANSACTION_FLOW")
    # Saleor's checkout settings: reservation of stock while a cart is open, in minutes (None: no reservation)
    reservation_minutes_anonymous = models.PositiveIntegerField(null=True, blank=True, default=20)
    reservation_minutes_authenticated = models.PositiveIntegerField(null=True, blank=True, default=20)
    delete_expired_orders_after_days = models.PositiveIntegerField(default=60)

    class Meta:
        ordering = ["slug"]
        verbose_name = "canal de vente"
        verbose_name_plural = "canaux de vente"
        permissions = (("manage_channels", "Gérer les canaux"),)

    def __str__(self) -> str:
        return self.name
