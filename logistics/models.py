"""A distribution day on the ground: the hub, pickup points and their slots, vehicles and couriers, the planned
rounds with their stops, and the parcels (one per order and producer warehouse) that travel through them."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

# Permissions (declared on DistributionDay): staff who plan the days, staff who hand parcels over at a pickup point.
MANAGE_LOGISTICS = "logistics.manage_logistics"
HANDOVER_PARCELS = "logistics.handover_parcels"
# A data URL of a signature drawn on the phone: a small PNG, never an upload of anything big.
SIGNATURE_MAX_CHARS = 200_000


class Hub(models.Model):
    """Where collected goods are sorted per pickup point and order (demo: Le Quesnoy)."""

    warehouse = models.OneToOneField("warehouse.Warehouse", on_delete=models.PROTECT, related_name="logistics_hub")
    opens = models.TimeField("ouverture", default="06:00")
    closes = models.TimeField("fermeture", default="20:00")
    reload_minutes = models.PositiveIntegerField("déchargement / chargement (min)", default=15)

    class Meta:
        verbose_name = "hub"
        verbose_name_plural = "hubs"

    def __str__(self) -> str:
        return self.warehouse.name


class PickupPoint(models.Model):
    class Kind(models.TextChoices):
        BOURG = "pickup_point", "Point de retrait (bourg)"
        RELAY = "relay_point", "Point relais"

    warehouse = models.OneToOneField("warehouse.Warehouse", on_delete=models.CASCADE, related_name="pickup_point")
    kind = models.CharField("type", max_length=20, choices=Kind.choices, default=Kind.BOURG)
    default_capacity = models.PositiveIntegerField("commandes par créneau", default=20)

    class Meta:
        verbose_name = "point de retrait"
        verbose_name_plural = "points de retrait"

    def __str__(self) -> str:
        return self.warehouse.name


class PickupSlot(models.Model):
    """A pickup point opens for a slot (Friday 16:00-19:00) and takes at most `capacity` orders in it."""

    pickup_point = models.ForeignKey(PickupPoint, on_delete=models.CASCADE, related_name="slots")
    date = models.DateField(db_index=True)
    start = models.TimeField("début")
    end = models.TimeField("fin")
    capacity = models.PositiveIntegerField("capacité (commandes)")
    booked = models.PositiveIntegerField("réservées", default=0)

    class Meta:
        ordering = ["date", "start", "pk"]
        verbose_name = "créneau de retrait"
        verbose_name_plural = "créneaux de retrait"
        constraints = [
            models.UniqueConstraint(fields=["pickup_point", "date", "start"], name="unique_pickup_slot"),
            models.CheckConstraint(condition=Q(booked__lte=F("capacity")), name="pickup_slot_within_capacity"),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="pickup_slot_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.pickup_point} — {self.date:%d/%m/%Y} {self.start:%H:%M}-{self.end:%H:%M}"

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.booked, 0)


class SlotBooking(models.Model):
    """A place in a slot, taken by a cart before it becomes an order (so a full slot is refused before payment)."""

    slot = models.ForeignKey(PickupSlot, on_delete=models.PROTECT, related_name="bookings")
    checkout_token = models.CharField(max_length=36, unique=True)
    order = models.OneToOneField("order.Order", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="pickup_slot_booking")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]


class DistributionDay(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Commandes ouvertes"
        CLOSED = "closed", "Commandes closes"
        PLANNED = "planned", "Tournées planifiées"
        IN_PROGRESS = "in_progress", "En cours"
        DONE = "done", "Terminée"

    date = models.DateField(unique=True)
    hub = models.ForeignKey(Hub, on_delete=models.PROTECT, related_name="days")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    collection_deadline = models.TimeField("retour des collectes au hub", default="12:00")
    delivery_release = models.TimeField("départ des livraisons", default="13:00")
    # Progress of the planning task, written by the task so any page (or a worker elsewhere) can read it.
    planning_task_id = models.CharField(max_length=64, blank=True, default="")
    planning_step = models.CharField(max_length=200, blank=True, default="")
    planning_current = models.PositiveIntegerField(default=0)
    planning_total = models.PositiveIntegerField(default=0)
    planning_error = models.TextField(blank=True, default="")
    summary = models.JSONField(blank=True, default=dict)
    planned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = "journée de distribution"
        verbose_name_plural = "journées de distribution"
        permissions = [("manage_logistics", "Planifier les journées de distribution"),
                       ("handover_parcels", "Remettre les colis au point de retrait")]

    def __str__(self) -> str:
        return f"Journée du {self.date:%d/%m/%Y}"


class ProducerClosure(models.Model):
    """A producer's ordering for a distribution day, closed at its cut-off (logistics/services/cutoff.py). The
    checkout refuses that producer's goods for the day from the cut-off on, whether or not this row exists yet; the
    row records when the periodic task closed it (and lets staff close a producer early from the admin)."""

    day = models.ForeignKey(DistributionDay, on_delete=models.CASCADE, related_name="producer_closures")
    producer = models.ForeignKey("producers.Producer", on_delete=models.CASCADE, related_name="+",
                                 verbose_name="producteur")
    cutoff_at = models.DateTimeField("heure limite de commande")
    closed_at = models.DateTimeField("close le", default=timezone.now)

    class Meta:
        ordering = ["day", "cutoff_at", "pk"]
        verbose_name = "clôture des commandes d'un producteur"
        verbose_name_plural = "clôtures des commandes des producteurs"
        constraints = [models.UniqueConstraint(fields=["day", "producer"], name="one_closure_per_day_producer")]

    def __str__(self) -> str:
        return f"{self.producer} — {self.day}"


class Vehicle(models.Model):
    name = models.CharField("nom", max_length=100, unique=True)
    ambient_kg = models.PositiveIntegerField("capacité ambiante (kg)")
    chilled_kg = models.PositiveIntegerField("capacité frais (kg)", default=0)
    crates = models.PositiveIntegerField("caisses")
    refrigerated = models.BooleanField("réfrigéré", default=False)
    cost_per_km_cents = models.PositiveIntegerField("coût par km (centimes)", default=30)
    co2_g_per_km = models.PositiveIntegerField("CO2 (g/km)", default=200)
    shift_start = models.TimeField("prise de service", default="07:00")
    shift_end = models.TimeField("fin de service", default="19:30")
    is_active = models.BooleanField("en service", default=True)
    default_courier = models.ForeignKey("Courier", null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+", verbose_name="livreur habituel")

    class Meta:
        ordering = ["name"]
        verbose_name = "véhicule"
        verbose_name_plural = "véhicules"
        constraints = [models.CheckConstraint(condition=Q(refrigerated=True) | Q(chilled_kg=0),
                                              name="vehicle_chilled_needs_refrigeration")]

    def __str__(self) -> str:
        return self.name


class Courier(models.Model):
    """The courier role: a user who drives rounds. Couriers see only the rounds given to them."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="courier")
    phone = models.CharField("téléphone", max_length=30, blank=True, default="")
    is_active = models.BooleanField("actif", default=True)

    class Meta:
        verbose_name = "livreur"
        verbose_name_plural = "livreurs"

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.email


class Round(models.Model):
    class Kind(models.TextChoices):
        COLLECTION = "collection", "Collecte"
        DELIVERY = "delivery", "Livraison"
        MIXED = "mixed", "Mixte"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planifiée"
        IN_PROGRESS = "in_progress", "En cours"
        DONE = "done", "Terminée"

    day = models.ForeignKey(DistributionDay, on_delete=models.CASCADE, related_name="rounds")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    vehicle = models.ForeignKey(Vehicle, on_delete=models.PROTECT, related_name="rounds")
    courier = models.ForeignKey(Courier, null=True, blank=True, on_delete=models.SET_NULL, related_name="rounds")
    number = models.PositiveIntegerField("ordre du véhicule dans la journée", default=1)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    departure = models.TimeField("départ du hub")
    return_time = models.TimeField("retour au hub")
    planned_km = models.DecimalField(max_digits=8, decimal_places=1, default=0)
    planned_minutes = models.PositiveIntegerField(default=0)
    planned_co2_kg = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    fill_rate = models.DecimalField(max_digits=5, decimal_places=3, default=0)

    class Meta:
        ordering = ["day", "vehicle__name", "number"]
        verbose_name = "tournée"
        verbose_name_plural = "tournées"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.vehicle} n° {self.number}"


class Stop(models.Model):
    class Kind(models.TextChoices):
        COLLECTION = "collection", "Collecte chez le producteur"
        DELIVERY = "delivery", "Livraison"

    class Status(models.TextChoices):
        PLANNED = "planned", "Prévu"
        DONE = "done", "Fait"
        PROBLEM = "problem", "Problème"

    class Problem(models.TextChoices):
        ABSENT = "absent", "Absent"
        REFUSED = "refused", "Refusé"
        DAMAGED = "damaged", "Endommagé"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="stops")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The name of the stop in the planning problem: the same place keeps it across re-plans.
    key = models.CharField(max_length=300)
    name = models.CharField("lieu", max_length=300)
    warehouse = models.ForeignKey("warehouse.Warehouse", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    order = models.ForeignKey("order.Order", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    address = models.CharField("adresse", max_length=500, blank=True, default="")
    latitude = models.FloatField()
    longitude = models.FloatField()
    planned_arrival = models.TimeField("arrivée prévue")
    window_start = models.TimeField()
    window_end = models.TimeField()
    # What the stop hands over or receives, as planned (so a staff edit can be re-checked without re-reading parcels).
    ambient_kg = models.PositiveIntegerField(default=0)
    chilled_kg = models.PositiveIntegerField(default=0)
    crates = models.PositiveIntegerField(default=0)
    service_seconds = models.PositiveIntegerField(default=300)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    done_at = models.DateTimeField("fait à", null=True, blank=True)
    problem = models.CharField(max_length=20, choices=Problem.choices, blank=True, default="")
    note = models.TextField(blank=True, default="")
    proof_code = models.CharField("code de retrait donné", max_length=20, blank=True, default="")
    signature = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["round", "position"]
        verbose_name = "arrêt"
        verbose_name_plural = "arrêts"

    def __str__(self) -> str:
        return self.name

    @property
    def is_finished(self) -> bool:
        return self.status != self.Status.PLANNED


class Parcel(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", "En attente de collecte"
        COLLECTED = "collected", "Collecté"
        AT_HUB = "at_hub", "Au hub"
        OUT_FOR_DELIVERY = "out_for_delivery", "En livraison"
        DELIVERED = "delivered", "Livré / remis"
        PROBLEM = "problem", "Problème"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    day = models.ForeignKey(DistributionDay, on_delete=models.CASCADE, related_name="parcels")
    order = models.ForeignKey("order.Order", on_delete=models.CASCADE, related_name="parcels")
    warehouse = models.ForeignKey("warehouse.Warehouse", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WAITING)
    weight_g = models.PositiveIntegerField(default=0)
    chilled = models.BooleanField("frais", default=False)
    crates = models.PositiveIntegerField(default=1)
    collection_stop = models.ForeignKey(Stop, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="parcels_to_collect")
    delivery_stop = models.ForeignKey(Stop, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="parcels_to_drop")
    handed_over_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["order__number", "warehouse__name"]
        verbose_name = "colis"
        verbose_name_plural = "colis"
        constraints = [models.UniqueConstraint(fields=["order", "warehouse"], name="one_parcel_per_order_warehouse")]

    def __str__(self) -> str:
        return f"Colis {self.label_code}"

    @property
    def weight_kg_text(self) -> str:
        return f"{self.weight_g / 1000:.1f} kg".replace(".", ",")

    @property
    def label_code(self) -> str:
        return str(self.id).split("-")[0].upper()


class CourierAction(models.Model):
    """A courier's action as received (possibly synced late from the phone): replaying it changes nothing."""

    client_action_id = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    stop = models.ForeignKey(Stop, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(max_length=20)
    happened_at = models.DateTimeField()
    received_at = models.DateTimeField(auto_now_add=True)
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["happened_at", "pk"]
