"""Digital workshops of the roadmap and the residents' registrations to them.

The roadmap's axes and projects themselves are CMS pages (backend.commerce.page) with attributes: see seed/pages.py.
"""

import secrets

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

MAX_SEATS_PER_REGISTRATION = 3


class WorkshopTheme(models.TextChoices):
    FIRST_STEPS = "premiers-pas", "Premiers pas avec le numérique"
    ONLINE_PROCEDURES = "demarches", "Démarches administratives en ligne"
    HEALTH_VR = "sante-realite-virtuelle", "Santé et réalité virtuelle"
    TOWN_HALL = "secretaires-de-mairie", "Secrétaires de mairie"
    CYBERSECURITY = "cybersecurite", "Cybersécurité au quotidien"
    BUSINESS = "entreprises", "Numérique pour les entreprises"
    CULTURE = "culture", "Culture et patrimoine numériques"


class Workshop(models.Model):
    title = models.CharField("titre", max_length=200)
    theme = models.CharField("thème", max_length=40, choices=WorkshopTheme.choices)
    description = models.TextField("description", blank=True)
    commune = models.ForeignKey("territory.Commune", on_delete=models.PROTECT, related_name="workshops")
    venue = models.ForeignKey("territory.PublicPlace", on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="workshops", verbose_name="lieu")
    venue_address = models.CharField("adresse (si le lieu n'est pas dans la liste)", max_length=255, blank=True)
    starts_at = models.DateTimeField("début", db_index=True)
    ends_at = models.DateTimeField("fin")
    capacity = models.PositiveSmallIntegerField("places")
    is_published = models.BooleanField("publié", default=True)
    is_cancelled = models.BooleanField("annulé", default=False)
    is_demo = models.BooleanField("donnée de démonstration", default=False)
    # Stable key of a seeded demo workshop, so that the seed updates its rows instead of adding new ones.
    demo_key = models.CharField(max_length=40, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = "atelier numérique"
        verbose_name_plural = "ateliers numériques"
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="roadmap_workshop_ends_after_start"),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="roadmap_workshop_capacity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.commune.name}, {timezone.localtime(self.starts_at):%d/%m/%Y %H:%M}"

    @property
    def address(self) -> str:
        if self.venue_id and self.venue.address:
            return f"{self.venue.name}, {self.venue.address}"
        return self.venue_address


def new_cancellation_token() -> str:
    return secrets.token_urlsafe(32)


class Registration(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField("nom", max_length=120)
    email = models.EmailField("adresse e-mail")
    phone = models.CharField("téléphone", max_length=30, blank=True)
    seats = models.PositiveSmallIntegerField("places réservées", default=1)
    created_at = models.DateTimeField("inscrit le", default=timezone.now)
    cancelled_at = models.DateTimeField("annulée le", null=True, blank=True)
    # The secret of the cancellation link sent by mail: whoever holds it may cancel, nobody else.
    cancellation_token = models.CharField(max_length=64, unique=True, default=new_cancellation_token, editable=False)
    confirmation_sent_at = models.DateTimeField("confirmation envoyée le", null=True, blank=True, editable=False)

    class Meta:
        ordering = ["workshop", "created_at", "pk"]
        verbose_name = "inscription"
        verbose_name_plural = "inscriptions"
        constraints = [
            models.CheckConstraint(condition=models.Q(seats__gte=1, seats__lte=MAX_SEATS_PER_REGISTRATION),
                                   name="roadmap_registration_seats_range"),
            models.UniqueConstraint(Lower("email"), "workshop", condition=models.Q(cancelled_at__isnull=True),
                                    name="roadmap_one_active_registration_per_email"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.seats} place(s))"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None
