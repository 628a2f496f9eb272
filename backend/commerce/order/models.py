"""Orders, after Saleor's order domain: a frozen copy of the cart (names, SKUs, prices TTC and VAT per rate)."""

import uuid
from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils import timezone

from backend.core.models import ModelWithMetadata

ORDER_NUMBER_SEQUENCE = "order_order_number_seq"
# Pickup codes are read aloud and typed at a counter: no 0/O, no 1/I.
PICKUP_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
PICKUP_CODE_LENGTH = 6


class NextOrderNumber(models.Func):
    """The database hands out order numbers from a sequence: no gaps filled twice, no race between buyers."""

    template = f"nextval('{ORDER_NUMBER_SEQUENCE}')"
    output_field = models.BigIntegerField()

    def __init__(self):
        super().__init__()


class OrderStatus(models.TextChoices):
    DRAFT = "DRAFT", "Brouillon"
    UNCONFIRMED = "UNCONFIRMED", "À confirmer"
    UNFULFILLED = "UNFULFILLED", "À préparer"
    PARTIALLY_FULFILLED = "PARTIALLY_FULFILLED", "Préparée en partie"
    PARTIALLY_RETURNED = "PARTIALLY_RETURNED", "Retournée en partie"
    RETURNED = "RETURNED", "Retournée"
    FULFILLED = "FULFILLED", "Prête"
    CANCELED = "CANCELED", "Annulée"
    EXPIRED = "EXPIRED", "Expirée"


# Orders whose pickup code must stay unique: the ones a customer may still come and collect.
OPEN_ORDER_STATUSES = (OrderStatus.UNCONFIRMED, OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED,
                       OrderStatus.FULFILLED)


class OrderOrigin(models.TextChoices):
    CHECKOUT = "CHECKOUT", "Panier"
    DRAFT = "DRAFT", "Brouillon"
    REISSUE = "REISSUE", "Réémission"
    BULK_CREATE = "BULK_CREATE", "Import"


class OrderAuthorizeStatus(models.TextChoices):
    NONE = "NONE", "Aucune autorisation"
    PARTIAL = "PARTIAL", "Autorisation partielle"
    FULL = "FULL", "Autorisation complète"


class OrderChargeStatus(models.TextChoices):
    NONE = "NONE", "Non payée"
    PARTIAL = "PARTIAL", "Payée en partie"
    FULL = "FULL", "Payée"
    OVERCHARGED = "OVERCHARGED", "Trop perçu"


def _money(verbose_name: str = "", **kwargs) -> models.DecimalField:
    return models.DecimalField(verbose_name or None, max_digits=12, decimal_places=2,
                               default=Decimal("0.00"), **kwargs)


class Order(ModelWithMetadata):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    number = models.BigIntegerField("numéro", unique=True, db_default=NextOrderNumber(), editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    status = models.CharField(max_length=32, choices=OrderStatus.choices, default=OrderStatus.UNFULFILLED,
                              db_index=True)
    origin = models.CharField(max_length=32, choices=OrderOrigin.choices, default=OrderOrigin.CHECKOUT)
    channel = models.ForeignKey("channel.Channel", related_name="orders", on_delete=models.PROTECT)
    user = models.ForeignKey("account.User", related_name="orders", null=True, blank=True,
                             on_delete=models.SET_NULL)
    user_email = models.EmailField(blank=True, default="", db_index=True)
    language_code = models.CharField(max_length=35, default="fr")
    # The checkout this order came from: unique, so completing the same cart twice can only ever find this order.
    checkout_token = models.CharField(max_length=36, unique=True, null=True, blank=True)
    billing_address = models.ForeignKey("account.Address", related_name="+", null=True, blank=True,
                                        on_delete=models.SET_NULL)
    shipping_address = models.ForeignKey("account.Address", related_name="+", null=True, blank=True,
                                         on_delete=models.SET_NULL)
    shipping_method = models.ForeignKey("shipping.ShippingMethod", related_name="orders", null=True, blank=True,
                                        on_delete=models.SET_NULL)
    shipping_method_name = models.CharField(max_length=255, blank=True, default="")
    collection_point = models.ForeignKey("warehouse.Warehouse", related_name="collection_orders", null=True,
                                         blank=True, on_delete=models.SET_NULL)
    collection_point_name = models.CharField(max_length=255, blank=True, default="")
    pickup_code = models.CharField("code de retrait", max_length=PICKUP_CODE_LENGTH, blank=True, default="")
    customer_note = models.TextField(blank=True, default="")
    currency = models.CharField(max_length=3, default="EUR")
    # Amounts TTC (gross) and HT (net); VAT is their difference. Discounts are already taken off.
    subtotal_net_amount = _money("sous-total HT")
    subtotal_gross_amount = _money("sous-total TTC")
    undiscounted_subtotal_gross_amount = _money()
    base_shipping_price_amount = _money("frais de livraison avant remise")
    shipping_price_net_amount = _money("livraison HT")
    shipping_price_gross_amount = _money("livraison TTC")
    shipping_tax_rate = models.DecimalField("TVA livraison (%)", max_digits=5, decimal_places=2,
                                            default=Decimal("0"))
    total_net_amount = _money("total HT")
    total_gross_amount = _money("total TTC")
    undiscounted_total_net_amount = _money()
    undiscounted_total_gross_amount = _money()
    # [{"rate": "5.50", "net": "10.43", "tax": "0.57", "gross": "11.00"}, ...] — the VAT lines of the receipt.
    vat_breakdown = models.JSONField("TVA par taux", default=list, blank=True)
    voucher = models.ForeignKey("discount.Voucher", related_name="orders", null=True, blank=True,
                                on_delete=models.SET_NULL)
    voucher_code = models.CharField(max_length=255, blank=True, default="")
    discount_amount = _money("remise TTC")
    discount_name = models.CharField(max_length=255, blank=True, default="")
    weight_kg = models.DecimalField(max_digits=10, decimal_places=3, default=Decimal("0"))
    total_authorized_amount = _money()
    total_charged_amount = _money()
    authorize_status = models.CharField(max_length=32, choices=OrderAuthorizeStatus.choices,
                                        default=OrderAuthorizeStatus.NONE, db_index=True)
    charge_status = models.CharField(max_length=32, choices=OrderChargeStatus.choices,
                                     default=OrderChargeStatus.NONE, db_index=True)
    redirect_url = models.URLField(blank=True, default="", max_length=2048)
    external_reference = models.CharField(max_length=250, unique=True, null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = "commande"
        verbose_name_plural = "commandes"
        constraints = [
            models.UniqueConstraint(
                fields=["pickup_code"], name="unique_pickup_code_among_open_orders",
                condition=~Q(pickup_code="") & Q(status__in=[s.value for s in OPEN_ORDER_STATUSES]),
            ),
        ]

    def __str__(self) -> str:
        return f"Commande n° {self.number}"

    @property
    def is_click_and_collect(self) -> bool:
        return self.collection_point_id is not None or bool(self.collection_point_name)

    @property
    def total_balance_amount(self) -> Decimal:
        """What the customer still owes (negative when overpaid): Saleor's `totalBalance`."""
        return self.total_charged_amount - self.total_gross_amount


class OrderLine(ModelWithMetadata):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    order = models.ForeignKey(Order, related_name="lines", on_delete=models.CASCADE)
    variant = models.ForeignKey("product.ProductVariant", related_name="order_lines", null=True, blank=True,
                                on_delete=models.SET_NULL)
    # Snapshot of the catalogue at order time: the order reads the same even if the product changes or goes.
    product_name = models.CharField(max_length=386)
    variant_name = models.CharField(max_length=255, blank=True, default="")
    product_sku = models.CharField(max_length=255, null=True, blank=True)
    product_variant_id = models.CharField(max_length=255, null=True, blank=True)
    is_shipping_required = models.BooleanField(default=True)
    quantity = models.PositiveIntegerField()
    quantity_fulfilled = models.PositiveIntegerField(default=0)
    currency = models.CharField(max_length=3, default="EUR")
    unit_price_net_amount = _money()
    unit_price_gross_amount = _money()
    undiscounted_unit_price_gross_amount = _money()
    total_price_net_amount = _money()
    total_price_gross_amount = _money()
    undiscounted_total_price_gross_amount = _money()
    tax_rate = models.DecimalField("taux de TVA (%)", max_digits=5, decimal_places=2)  # percent: 5.50, 20.00
    tax_class_name = models.CharField(max_length=255, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "ligne de commande"
        verbose_name_plural = "lignes de commande"
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="order_line_quantity_positive"),
            models.CheckConstraint(condition=Q(quantity_fulfilled__lte=models.F("quantity")),
                                   name="order_line_fulfilled_within_quantity"),
        ]

    @property
    def quantity_unfulfilled(self) -> int:
        return self.quantity - self.quantity_fulfilled


class Allocation(models.Model):
    """Units of a stock promised to an order line (Stock.quantity_allocated is the sum of these)."""

    order_line = models.ForeignKey(OrderLine, related_name="allocations", on_delete=models.CASCADE)
    stock = models.ForeignKey("warehouse.Stock", related_name="allocations", on_delete=models.CASCADE)
    quantity_allocated = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["order_line", "stock"], name="unique_allocation_line_stock")]


class FulfillmentStatus(models.TextChoices):
    FULFILLED = "FULFILLED", "Préparé"
    REFUNDED = "REFUNDED", "Remboursé"
    RETURNED = "RETURNED", "Retourné"
    REPLACED = "REPLACED", "Remplacé"
    REFUNDED_AND_RETURNED = "REFUNDED_AND_RETURNED", "Remboursé et retourné"
    CANCELED = "CANCELED", "Annulé"
    WAITING_FOR_APPROVAL = "WAITING_FOR_APPROVAL", "En attente de validation"


class Fulfillment(ModelWithMetadata):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    order = models.ForeignKey(Order, related_name="fulfillments", on_delete=models.CASCADE)
    fulfillment_order = models.PositiveIntegerField(editable=False)
    status = models.CharField(max_length=32, choices=FulfillmentStatus.choices, default=FulfillmentStatus.FULFILLED)
    tracking_number = models.CharField(max_length=255, blank=True, default="")
    # One fulfilment per warehouse: each producer prepares what comes from their own stock.
    warehouse = models.ForeignKey("warehouse.Warehouse", related_name="fulfillments", null=True, blank=True,
                                  on_delete=models.SET_NULL)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["fulfillment_order"]
        constraints = [models.UniqueConstraint(fields=["order", "fulfillment_order"],
                                               name="unique_fulfillment_order")]


class FulfillmentLine(models.Model):
    fulfillment = models.ForeignKey(Fulfillment, related_name="lines", on_delete=models.CASCADE)
    order_line = models.ForeignKey(OrderLine, related_name="fulfillment_lines", on_delete=models.CASCADE)
    stock = models.ForeignKey("warehouse.Stock", related_name="+", null=True, blank=True, on_delete=models.SET_NULL)
    quantity = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]


class OrderEventType(models.TextChoices):
    PLACED = "PLACED", "Commande passée"
    PLACED_AUTOMATICALLY_FROM_PAID_CHECKOUT = "PLACED_AUTOMATICALLY_FROM_PAID_CHECKOUT", "Passée (panier payé)"
    CONFIRMED = "CONFIRMED", "Confirmée"
    CANCELED = "CANCELED", "Annulée"
    EXPIRED = "EXPIRED", "Expirée"
    ORDER_MARKED_AS_PAID = "ORDER_MARKED_AS_PAID", "Marquée payée"
    ORDER_FULLY_PAID = "ORDER_FULLY_PAID", "Entièrement payée"
    PAYMENT_AUTHORIZED = "PAYMENT_AUTHORIZED", "Paiement autorisé"
    PAYMENT_CAPTURED = "PAYMENT_CAPTURED", "Paiement encaissé"
    PAYMENT_REFUNDED = "PAYMENT_REFUNDED", "Remboursement"
    PAYMENT_FAILED = "PAYMENT_FAILED", "Paiement refusé"
    TRANSACTION_EVENT = "TRANSACTION_EVENT", "Évènement de paiement"
    EMAIL_SENT = "EMAIL_SENT", "E-mail envoyé"
    FULFILLMENT_FULFILLED_ITEMS = "FULFILLMENT_FULFILLED_ITEMS", "Articles préparés"
    FULFILLMENT_CANCELED = "FULFILLMENT_CANCELED", "Préparation annulée"
    FULFILLMENT_RESTOCKED_ITEMS = "FULFILLMENT_RESTOCKED_ITEMS", "Articles remis en stock"
    TRACKING_UPDATED = "TRACKING_UPDATED", "Suivi mis à jour"
    NOTE_ADDED = "NOTE_ADDED", "Note ajoutée"
    OVERSOLD_ITEMS = "OVERSOLD_ITEMS", "Articles survendus"
    OTHER = "OTHER", "Autre"


class OrderEvent(models.Model):
    order = models.ForeignKey(Order, related_name="events", on_delete=models.CASCADE)
    date = models.DateTimeField(default=timezone.now, db_index=True)
    type = models.CharField(max_length=255, choices=OrderEventType.choices)
    user = models.ForeignKey("account.User", related_name="+", null=True, blank=True, on_delete=models.SET_NULL)
    # Saleor's event parameters: message, email, email_type, amount, quantity, lines, warehouse, reference...
    parameters = models.JSONField(blank=True, default=dict)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = "évènement de commande"
        verbose_name_plural = "évènements de commande"
