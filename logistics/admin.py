"""Django admin for the logistics reference data (hub, pickup points and slots, vehicles, couriers) and the days."""

from django.contrib import admin

from logistics.models import (
    Courier,
    DistributionDay,
    Hub,
    Parcel,
    PickupPoint,
    PickupSlot,
    ProducerClosure,
    Round,
    Stop,
    Vehicle,
)


@admin.register(Hub)
class HubAdmin(admin.ModelAdmin):
    list_display = ["warehouse", "opens", "closes", "reload_minutes"]


class PickupSlotInline(admin.TabularInline):
    model = PickupSlot
    extra = 1
    readonly_fields = ["booked"]


@admin.register(PickupPoint)
class PickupPointAdmin(admin.ModelAdmin):
    list_display = ["warehouse", "kind", "default_capacity"]
    inlines = [PickupSlotInline]


@admin.register(PickupSlot)
class PickupSlotAdmin(admin.ModelAdmin):
    list_display = ["pickup_point", "date", "start", "end", "capacity", "booked"]
    list_filter = ["date"]
    readonly_fields = ["booked"]  # changed only under lock by bookings


@admin.register(Vehicle)
class VehicleAdmin(admin.ModelAdmin):
    list_display = ["name", "ambient_kg", "chilled_kg", "crates", "refrigerated", "default_courier", "is_active"]


@admin.register(Courier)
class CourierAdmin(admin.ModelAdmin):
    list_display = ["user", "phone", "is_active"]
    raw_id_fields = ["user"]


class RoundInline(admin.TabularInline):
    model = Round
    extra = 0
    fields = ["kind", "vehicle", "courier", "number", "status", "departure", "return_time", "planned_km"]
    readonly_fields = ["kind", "vehicle", "number", "status", "departure", "return_time", "planned_km"]


class ProducerClosureInline(admin.TabularInline):
    """Written by the periodic task at each cut-off; staff may add a row to close a producer early."""

    model = ProducerClosure
    extra = 0
    fields = ["producer", "cutoff_at", "closed_at"]
    raw_id_fields = ["producer"]


@admin.register(DistributionDay)
class DistributionDayAdmin(admin.ModelAdmin):
    list_display = ["date", "hub", "status", "planned_at"]
    readonly_fields = ["planning_task_id", "planning_step", "planning_current", "planning_total", "planning_error",
                       "summary", "planned_at"]
    inlines = [ProducerClosureInline, RoundInline]


@admin.register(Stop)
class StopAdmin(admin.ModelAdmin):
    list_display = ["name", "round", "position", "kind", "status", "done_at"]
    list_filter = ["status", "kind"]


@admin.register(Parcel)
class ParcelAdmin(admin.ModelAdmin):
    list_display = ["label_code", "order", "warehouse", "status", "chilled", "handed_over_at"]
    list_filter = ["status", "chilled"]
    raw_id_fields = ["order", "collection_stop", "delivery_stop"]
