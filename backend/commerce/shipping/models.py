"""Home delivery, after Saleor's shipping domain: zones made of the communes we serve, and their methods.

A weight bracket is a method of type WEIGHT with a minimum and maximum order weight, as in Saleor: "Livraison à
domicile 0-5 kg" and "Livraison à domicile 5-15 kg" are two methods of the same zone, each priced per channel (TTC).

VAT on the delivery fee: French doctrine treats delivery as an accessory that follows the goods' rate (split pro rata
when the cart mixes 5,5 % and 20 %). We keep it simple and apply the method's own tax class, the standard 20 % rate
when none is set — the safe side for the tax authority. See `shipping_vat_rate`.
"""

from decimal import Decimal

from django.db import models

from backend.core.models import ModelWithMetadata

STANDARD_SHIPPING_VAT_RATE = Decimal("20")


class ShippingMethodType(models.TextChoices):
    PRICE = "PRICE", "Selon le montant"
    WEIGHT = "WEIGHT", "Selon le poids"


class ShippingZone(ModelWithMetadata):
    name = models.CharField("nom", max_length=100)
    description = models.TextField(blank=True, default="")
    default = models.BooleanField("zone par défaut", default=False)
    countries = models.JSONField("pays", default=list, blank=True)  # ISO codes; ["FR"] here
    communes = models.ManyToManyField("territory.Commune", blank=True, related_name="shipping_zones",
                                      verbose_name="communes desservies")
    # Postal codes served beyond the listed communes (a whole code, e.g. "59530"); the commune is the finer rule.
    postal_codes = models.JSONField("codes postaux desservis", default=list, blank=True)
    channels = models.ManyToManyField("channel.Channel", blank=True, related_name="shipping_zones")
    warehouses = models.ManyToManyField("warehouse.Warehouse", blank=True, related_name="shipping_zones")

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = "zone de livraison"
        verbose_name_plural = "zones de livraison"

    def __str__(self) -> str:
        return self.name


class ShippingMethod(ModelWithMetadata):
    shipping_zone = models.ForeignKey(ShippingZone, related_name="shipping_methods", on_delete=models.CASCADE)
    name = models.CharField("nom", max_length=100)
    description = models.JSONField(blank=True, null=True)  # EditorJS
    type = models.CharField(max_length=30, choices=ShippingMethodType.choices, default=ShippingMethodType.PRICE)
    minimum_order_weight = models.DecimalField("poids minimum (kg)", max_digits=8, decimal_places=3,
                                               default=Decimal("0"))
    maximum_order_weight = models.DecimalField("poids maximum (kg)", max_digits=8, decimal_places=3,
                                               null=True, blank=True)
    minimum_delivery_days = models.PositiveIntegerField("délai minimum (jours)", null=True, blank=True)
    maximum_delivery_days = models.PositiveIntegerField("délai maximum (jours)", null=True, blank=True)
    # ISO weekdays the round runs (1 = lundi ... 7 = dimanche); empty means every day.
    delivery_weekdays = models.JSONField("jours de tournée", default=list, blank=True)
    tax_class = models.ForeignKey("tax.TaxClass", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="shipping_methods")

    class Meta:
        ordering = ["pk"]
        verbose_name = "mode de livraison"
        verbose_name_plural = "modes de livraison"

    def __str__(self) -> str:
        return self.name


class ShippingMethodChannelListing(models.Model):
    shipping_method = models.ForeignKey(ShippingMethod, related_name="channel_listings", on_delete=models.CASCADE)
    channel = models.ForeignKey("channel.Channel", related_name="shipping_method_listings", on_delete=models.CASCADE)
    currency = models.CharField(max_length=3, default="EUR")
    price_amount = models.DecimalField("prix TTC", max_digits=12, decimal_places=2, default=Decimal("0"))
    minimum_order_price_amount = models.DecimalField("montant minimum TTC", max_digits=12, decimal_places=2,
                                                     null=True, blank=True)
    maximum_order_price_amount = models.DecimalField("montant maximum TTC", max_digits=12, decimal_places=2,
                                                     null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "prix du mode de livraison"
        verbose_name_plural = "prix des modes de livraison"
        constraints = [models.UniqueConstraint(fields=["shipping_method", "channel"],
                                               name="unique_shipping_method_channel")]
