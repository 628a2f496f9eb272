"""The logistics plugin: pickup slots at checkout and on orders, producers' cut-offs at checkout, and the logistics
GraphQL (through the schema hooks).

The core never imports logistics: it calls these hooks (listed in settings.PLUGINS)."""

import dataclasses
import logging

from django.core.exceptions import ValidationError
from django.utils import timezone

from backend.core.plugins import BasePlugin

logger = logging.getLogger(__name__)


class LogisticsPlugin(BasePlugin):
    PLUGIN_ID = "comptoir.logistics"
    PLUGIN_NAME = "Logistique : créneaux, tournées, remise des colis"

    def delivery_options(self, *, previous_value, checkout):
        """Home deliveries ride on the next distribution day that still takes orders: say which one."""
        from logistics.models import DistributionDay

        day = (DistributionDay.objects.filter(status=DistributionDay.Status.OPEN, date__gt=timezone.localdate())
               .order_by("date").first())
        if day is None:
            return previous_value
        when = f"Livrée lors de la tournée du {day.date:%d/%m/%Y}."
        return [dataclasses.replace(option, message=option.message or when) for option in previous_value]

    def checkout_line_refusals(self, *, previous_value, checkout, variants):
        """Goods whose producer's orders for the cart's distribution day closed at its cut-off."""
        from logistics.services.ordering import closed_goods

        return {**previous_value, **closed_goods(checkout=checkout, variants=variants)}

    def order_created(self, *, order):
        from backend.commerce.order.services import order_note_add
        from logistics.services.ordering import home_order_pin_day
        from logistics.services.slots import pickup_slot_attach_order

        home_order_pin_day(order=order)
        try:
            pickup_slot_attach_order(order=order)
        except ValidationError as error:
            # The cart skipped the booking and the slot filled meanwhile: staff must call the customer.
            order_note_add(order_id=order.pk, message="Créneau de retrait non réservé : " + " ".join(error.messages))

    def order_cancelled(self, *, order):
        from logistics.services.slots import pickup_slot_release

        pickup_slot_release(order=order)

    def graphql_query_classes(self, *, previous_value):
        from logistics.api.schema import LogisticsQueries

        return [*previous_value, LogisticsQueries]

    def graphql_mutation_classes(self, *, previous_value):
        from logistics.api.schema import LogisticsMutations

        return [*previous_value, LogisticsMutations]
