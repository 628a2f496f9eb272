from django.contrib import admin
from django.db.models import IntegerField, Q, Sum, Value
from django.db.models.functions import Coalesce

from plugins.roadmap.models import Registration, Workshop


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ("name", "email", "phone", "seats", "created_at", "cancelled_at", "confirmation_sent_at")
    readonly_fields = ("created_at", "confirmation_sent_at")


@admin.register(Workshop)
class WorkshopAdmin(admin.ModelAdmin):
    list_display = ("title", "commune", "starts_at", "capacity", "seats_booked", "is_published", "is_cancelled",
                    "is_demo")
    list_filter = ("is_published", "is_cancelled", "is_demo", "theme", "commune")
    search_fields = ("title", "commune__name")
    date_hierarchy = "starts_at"
    autocomplete_fields = ()
    list_select_related = ("commune",)
    inlines = [RegistrationInline]

    def get_queryset(self, request):
        booked = Sum("registrations__seats", filter=Q(registrations__cancelled_at__isnull=True))
        return super().get_queryset(request).annotate(
            booked=Coalesce(booked, Value(0), output_field=IntegerField()))

    @admin.display(description="places réservées", ordering="booked")
    def seats_booked(self, obj):
        return obj.booked


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("name", "email", "workshop", "seats", "created_at", "cancelled_at")
    list_filter = ("cancelled_at",)
    search_fields = ("name", "email", "workshop__title")
    list_select_related = ("workshop__commune",)
    readonly_fields = ("created_at", "confirmation_sent_at")
