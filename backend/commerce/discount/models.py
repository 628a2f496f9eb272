"""Vouchers (codes promo), after Saleor's discount domain, kept lean: one code per voucher, one value."""

from decimal import Decimal

from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone

from backend.core.models import ModelWithMetadata


class VoucherType(models.TextChoices):
    ENTIRE_ORDER = "ENTIRE_ORDER", "Toute la commande"
    SHIPPING = "SHIPPING", "Frais de livraison"


class DiscountValueType(models.TextChoices):
    FIXED = "FIXED", "Montant fixe"
    PERCENTAGE = "PERCENTAGE", "Pourcentage"


class Voucher(ModelWithMetadata):
    name = models.CharField("nom", max_length=255, blank=True, default="")
    code = models.CharField("code", max_length=255)
    type = models.CharField(max_length=20, choices=VoucherType.choices, default=VoucherType.ENTIRE_ORDER)
    discount_value_type = models.CharField(max_length=10, choices=DiscountValueType.choices,
                                           default=DiscountValueType.FIXED)
    discount_value = models.DecimalField("valeur", max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3, default="EUR")
    min_spent_amount = models.DecimalField("montant minimum TTC", max_digits=12, decimal_places=2,
                                           null=True, blank=True)
    usage_limit = models.PositiveIntegerField("utilisations maximum", null=True, blank=True)
    used = models.PositiveIntegerField("utilisations", default=0, editable=False)
    apply_once_per_customer = models.BooleanField("une fois par client", default=False)
    only_for_staff = models.BooleanField(default=False)
    start_date = models.DateTimeField("début", default=timezone.now)
    end_date = models.DateTimeField("fin", null=True, blank=True)
    is_active = models.BooleanField("actif", default=True)
    # Empty means every channel.
    channels = models.ManyToManyField("channel.Channel", blank=True, related_name="vouchers")

    class Meta:
        ordering = ["code"]
        verbose_name = "bon de réduction"
        verbose_name_plural = "bons de réduction"
        constraints = [
            # Customers type codes in any case; "mormal10" and "MORMAL10" are the same code.
            models.UniqueConstraint(Upper("code"), name="voucher_code_unique_case_insensitive"),
            models.CheckConstraint(condition=models.Q(discount_value__gte=0), name="voucher_value_not_negative"),
            models.CheckConstraint(
                condition=~models.Q(discount_value_type="PERCENTAGE") | models.Q(discount_value__lte=Decimal(100)),
                name="voucher_percentage_at_most_100",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class VoucherCustomer(models.Model):
    """One row per customer e-mail that used a once-per-customer voucher (Saleor keys it by e-mail too)."""

    voucher = models.ForeignKey(Voucher, related_name="customers", on_delete=models.CASCADE)
    customer_email = models.EmailField()

    class Meta:
        ordering = ["pk"]
        verbose_name = "utilisation du bon par un client"
        constraints = [models.UniqueConstraint(fields=["voucher", "customer_email"],
                                               name="unique_voucher_customer")]

