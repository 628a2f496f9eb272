"""Payments through Saleor's transactions API: a TransactionItem per payment attempt, moved by TransactionEvents.

The amounts on the item (authorized, charged, refunded, canceled and their pending counterparts) are always
recomputed from its events by `payment.services.transaction_amounts_recalculate`, never edited by hand.
"""

import uuid
from decimal import Decimal

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone

from backend.core.models import ModelWithMetadata


class TransactionAction(models.TextChoices):
    CHARGE = "CHARGE", "Encaisser"
    REFUND = "REFUND", "Rembourser"
    CANCEL = "CANCEL", "Annuler"


class TransactionEventType(models.TextChoices):
    AUTHORIZATION_SUCCESS = "AUTHORIZATION_SUCCESS", "Autorisation acceptée"
    AUTHORIZATION_FAILURE = "AUTHORIZATION_FAILURE", "Autorisation refusée"
    AUTHORIZATION_ADJUSTMENT = "AUTHORIZATION_ADJUSTMENT", "Autorisation ajustée"
    AUTHORIZATION_REQUEST = "AUTHORIZATION_REQUEST", "Autorisation demandée"
    AUTHORIZATION_ACTION_REQUIRED = "AUTHORIZATION_ACTION_REQUIRED", "Autorisation : action requise"
    CHARGE_ACTION_REQUIRED = "CHARGE_ACTION_REQUIRED", "Paiement : action requise"
    CHARGE_SUCCESS = "CHARGE_SUCCESS", "Paiement encaissé"
    CHARGE_FAILURE = "CHARGE_FAILURE", "Paiement refusé"
    CHARGE_BACK = "CHARGE_BACK", "Rétrofacturation"
    CHARGE_REQUEST = "CHARGE_REQUEST", "Encaissement demandé"
    REFUND_SUCCESS = "REFUND_SUCCESS", "Remboursement effectué"
    REFUND_FAILURE = "REFUND_FAILURE", "Remboursement refusé"
    REFUND_REVERSE = "REFUND_REVERSE", "Remboursement annulé"
    REFUND_REQUEST = "REFUND_REQUEST", "Remboursement demandé"
    CANCEL_SUCCESS = "CANCEL_SUCCESS", "Annulation effectuée"
    CANCEL_FAILURE = "CANCEL_FAILURE", "Annulation refusée"
    CANCEL_REQUEST = "CANCEL_REQUEST", "Annulation demandée"
    INFO = "INFO", "Information"


def _amount() -> models.DecimalField:
    return models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))


class TransactionItem(ModelWithMetadata):
    token = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    modified_at = models.DateTimeField(auto_now=True, db_index=True)
    name = models.CharField(max_length=512, blank=True, default="")
    message = models.CharField(max_length=512, blank=True, default="")
    psp_reference = models.CharField(max_length=512, blank=True, default="", db_index=True)
    available_actions = ArrayField(models.CharField(max_length=128, choices=TransactionAction.choices),
                                   default=list, blank=True)
    currency = models.CharField(max_length=3, default="EUR")
    authorized_value = _amount()
    authorize_pending_value = _amount()
    charged_value = _amount()
    charge_pending_value = _amount()
    refunded_value = _amount()
    refund_pending_value = _amount()
    canceled_value = _amount()
    cancel_pending_value = _amount()
    checkout = models.ForeignKey("checkout.Checkout", related_name="transactions", null=True, blank=True,
                                 on_delete=models.SET_NULL)
    order = models.ForeignKey("order.Order", related_name="transactions", null=True, blank=True,
                              on_delete=models.PROTECT)
    # The gateway that owns it: "saleor.app.payment.stripe", "saleor.io.dummy-payment-app", "comptoir.pay-at-pickup".
    app_identifier = models.CharField(max_length=256, blank=True, default="", db_index=True)
    idempotency_key = models.CharField(max_length=512, null=True, blank=True)
    external_url = models.URLField(blank=True, default="", max_length=1000)
    user = models.ForeignKey("account.User", related_name="+", null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["created_at", "token"]
        verbose_name = "transaction"
        verbose_name_plural = "transactions"
        constraints = [
            # A client retrying transactionInitialize with the same key gets the same transaction back.
            models.UniqueConstraint(fields=["app_identifier", "idempotency_key"], name="unique_transaction_idempotency",
                                    condition=Q(idempotency_key__isnull=False)),
        ]


class TransactionEvent(models.Model):
    transaction = models.ForeignKey(TransactionItem, related_name="events", on_delete=models.CASCADE)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    type = models.CharField(max_length=128, choices=TransactionEventType.choices)
    currency = models.CharField(max_length=3, default="EUR")
    amount_value = _amount()
    psp_reference = models.CharField(max_length=512, blank=True, default="")
    message = models.CharField(max_length=512, blank=True, default="")
    external_url = models.URLField(blank=True, default="", max_length=1000)
    idempotency_key = models.CharField(max_length=512, null=True, blank=True)
    # Requests (CHARGE_REQUEST...) are kept for history but do not move the amounts.
    include_in_calculations = models.BooleanField(default=True)
    app_identifier = models.CharField(max_length=256, blank=True, default="")
    user = models.ForeignKey("account.User", related_name="+", null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "évènement de transaction"
        verbose_name_plural = "évènements de transaction"
        constraints = [
            # A gateway replaying the same event (webhook retries) must change nothing the second time.
            models.UniqueConstraint(fields=["transaction", "psp_reference", "type"],
                                    name="unique_transaction_event_psp_type", condition=~Q(psp_reference="")),
        ]
