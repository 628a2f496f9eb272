"""Warehouses (a producer's farm or shop, a pickup point, the hub) and the stock they hold."""

import uuid

from django.db import models
from django.db.models import F, Q

from backend.core.models import ModelWithMetadata


class WarehouseClickAndCollectOption(models.TextChoices):
    DISABLED = "disabled", "Pas de retrait"
    LOCAL_STOCK = "local", "Retrait du stock local"
    ALL_WAREHOUSES = "all", "Retrait de tout le stock"


class Warehouse(ModelWithMetadata):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField("nom", max_length=250)
    slug = models.SlugField(max_length=255, unique=True, allow_unicode=True)
    email = models.EmailField(blank=True, default="")
    address = models.ForeignKey("account.Address", on_delete=models.PROTECT, related_name="+")
    commune = models.ForeignKey("territory.Commune", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="warehouses")
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    is_private = models.BooleanField("privé", default=True)
    click_and_collect_option = models.CharField(
        "retrait", max_length=255, choices=WarehouseClickAndCollectOption.choices,
        default=WarehouseClickAndCollectOption.DISABLED,
    )
    opening_hours = models.JSONField("horaires d'ouverture", blank=True, default=list)
    # As Saleor: a warehouse serves the channels it is attached to (stock, click-and-collect).
    channels = models.ManyToManyField("channel.Channel", related_name="warehouses", through="ChannelWarehouse",
                                      blank=True)
    is_demo = models.BooleanField("donnée de démonstration", default=False)
    external_reference = models.CharField(max_length=250, unique=True, blank=True, null=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = "entrepôt"
        verbose_name_plural = "entrepôts"

    def __str__(self) -> str:
        return self.name


class ChannelWarehouse(models.Model):
    channel = models.ForeignKey("channel.Channel", related_name="channelwarehouse", on_delete=models.CASCADE)
    warehouse = models.ForeignKey(Warehouse, related_name="channelwarehouse", on_delete=models.CASCADE)
    sort_order = models.IntegerField(default=0, db_index=True)

    class Meta:
        unique_together = [("channel", "warehouse")]
        ordering = ["sort_order", "pk"]
        verbose_name = "entrepôt du canal"
        verbose_name_plural = "entrepôts du canal"


class Stock(models.Model):
    warehouse = models.ForeignKey(Warehouse, related_name="stocks", on_delete=models.CASCADE)
    product_variant = models.ForeignKey("product.ProductVariant", related_name="stocks", on_delete=models.CASCADE)
    quantity = models.IntegerField("quantité", default=0)
    quantity_allocated = models.IntegerField("quantité allouée", default=0)

    class Meta:
        unique_together = [("warehouse", "product_variant")]
        ordering = ["pk"]
        verbose_name = "stock"
        verbose_name_plural = "stocks"
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=0), name="stock_quantity_not_negative"),
            models.CheckConstraint(condition=Q(quantity_allocated__gte=0), name="stock_allocated_not_negative"),
            models.CheckConstraint(condition=Q(quantity_allocated__lte=F("quantity")),
                                   name="stock_allocated_within_quantity"),
        ]

    def __str__(self) -> str:
        return f"{self.product_variant} @ {self.warehouse}: {self.quantity}"
