"""Stripe webhook events already applied: Stripe delivers an event at least once, we apply it exactly once."""

from django.db import models
from django.utils import timezone


class StripeWebhookEvent(models.Model):
    event_id = models.CharField("identifiant Stripe", max_length=255, unique=True)
    type = models.CharField(max_length=255)
    received_at = models.DateTimeField("reçu le", default=timezone.now)
    # What we did with it (French, for the person who reads the admin or the logs).
    outcome = models.CharField("suite donnée", max_length=512, blank=True, default="")

    class Meta:
        verbose_name = "évènement Stripe traité"
        verbose_name_plural = "évènements Stripe traités"
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"
