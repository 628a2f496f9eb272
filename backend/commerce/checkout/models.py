"""Carts, after Saleor's checkout domain. Prices are never stored on a line: they always come from the listings."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone

from backend.core.models import ModelWithMetadata


class CheckoutAuthorizeStatus(models.TextChoices):
    NONE = "NONE", "Aucune autorisation"
    PARTIAL = "PARTIAL", "Autorisation partielle"
    FULL = "FULL", "Autorisation complète"


class CheckoutChargeStatus(models.TextChoices):
    NONE = "NONE", "Non payé"
    PARTIAL = "PARTIAL", "Payé en partie"
    FULL = "FULL", "Payé"
    OVERCHARGED = "OVERCHARGED", "Trop perçu"


class Checkout(ModelWithMetadata):
    token = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    channel = models.ForeignKey("channel.Channel", related_name="checkouts", on_delete=models.PROTECT)
    user = models.ForeignKey("account.User", related_name="checkouts", null=True, blank=True,
                             on_delete=models.CASCADE)
    email = models.EmailField(blank=True, default="")
    language_code = models.CharField(max_length=35, default="fr")
    currency = models.CharField(max_length=3, default="EUR")
    customer_note = models.TextField(blank=True, default="")
    billing_address = models.ForeignKey("account.Address", related_name="+", null=True, blank=True,
                                        on_delete=models.SET_NULL)
    shipping_address = models.ForeignKey("account.Address", related_name="+", null=True, blank=True,
                                         on_delete=models.SET_NULL)
    # Delivery: either a home-delivery snapshot (assigned_delivery, from deliveryOptionsCalculate) or a pickup point.
    assigned_delivery = models.ForeignKey("CheckoutDelivery", related_name="+", null=True, blank=True,
                                          on_delete=models.SET_NULL)
    collection_point = models.ForeignKey("warehouse.Warehouse", related_name="+", null=True, blank=True,
                                         on_delete=models.SET_NULL)
    # After this instant the computed delivery options must be recalculated (Saleor 3.23's "stale" problem).
    delivery_methods_stale_at = models.DateTimeField(null=True, blank=True)
    voucher = models.ForeignKey("discount.Voucher", related_name="+", null=True, blank=True,
                                on_delete=models.SET_NULL)
    voucher_code = models.CharField(max_length=255, blank=True, default="")
    # Set while checkout_complete runs: payment sessions refuse to start on a checkout being turned into an order.
    completing_started_at = models.DateTimeField(null=True, blank=True)
    authorize_status = models.CharField(max_length=32, choices=CheckoutAuthorizeStatus.choices,
                                        default=CheckoutAuthorizeStatus.NONE, db_index=True)
    charge_status = models.CharField(max_length=32, choices=CheckoutChargeStatus.choices,
                                     default=CheckoutChargeStatus.NONE, db_index=True)

    class Meta:
        ordering = ["-updated_at", "pk"]
        verbose_name = "panier"
        verbose_name_plural = "paniers"

    def __str__(self) -> str:
        return f"Panier {self.token}"


class CheckoutLine(ModelWithMetadata):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    checkout = models.ForeignKey(Checkout, related_name="lines", on_delete=models.CASCADE)
    variant = models.ForeignKey("product.ProductVariant", related_name="+", on_delete=models.CASCADE)
    quantity = models.PositiveIntegerField("quantité")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "ligne de panier"
        verbose_name_plural = "lignes de panier"
        constraints = [
            # Prices come from the listings, never from the line, so one line per variant is enough.
            models.UniqueConstraint(fields=["checkout", "variant"], name="unique_checkout_variant"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="checkout_line_quantity_positive"),
        ]


class Reservation(models.Model):
    """Stock held for an open cart until `reserved_until`; expired rows are ignored, then purged by a task."""

    checkout_line = models.ForeignKey(CheckoutLine, related_name="reservations", on_delete=models.CASCADE)
    stock = models.ForeignKey("warehouse.Stock", related_name="reservations", on_delete=models.CASCADE)
    quantity_reserved = models.PositiveIntegerField()
    reserved_until = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "réservation de stock"
        verbose_name_plural = "réservations de stock"
        constraints = [models.UniqueConstraint(fields=["checkout_line", "stock"], name="unique_line_stock_reservation")]


class CheckoutDelivery(models.Model):
    """A home-delivery option computed for a checkout (Saleor 3.23's `Delivery`): a snapshot of the method's name,
    price and delays at calculation time. `Delivery.id` wraps this row's UUID."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    checkout = models.ForeignKey(Checkout, related_name="deliveries", on_delete=models.CASCADE)
    shipping_method = models.ForeignKey("shipping.ShippingMethod", related_name="+", null=True, blank=True,
                                        on_delete=models.SET_NULL)
    name = models.CharField(max_length=100)
    currency = models.CharField(max_length=3, default="EUR")
    price_amount = models.DecimalField(max_digits=12, decimal_places=2)
    tax_rate = models.DecimalField("taux de TVA (%)", max_digits=5, decimal_places=2)
    minimum_delivery_days = models.PositiveIntegerField(null=True, blank=True)
    maximum_delivery_days = models.PositiveIntegerField(null=True, blank=True)
    active = models.BooleanField(default=True)
    message = models.CharField(max_length=255, blank=True, default="")
    # False once the method no longer applies (removed from the zone, weight or amount out of its bracket).
    is_valid = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["price_amount", "name", "id"]
        constraints = [models.UniqueConstraint(fields=["checkout", "shipping_method"],
                                               name="unique_checkout_delivery_method")]
