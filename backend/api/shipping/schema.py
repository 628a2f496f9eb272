"""The shipping part of Saleor's schema: staff `shippingZones` (MANAGE_SHIPPING or MANAGE_ORDERS)."""

import graphene

from backend.api.core.connection import CountableConnection, connection_args, connection_from_queryset
from backend.api.core.errors import PermissionDenied
from backend.api.shipping.types import ShippingZone
from backend.commerce.shipping.models import ShippingZone as ShippingZoneModel
from backend.core.permissions import PermissionEnum, has_one_of_permissions

ZONE_READERS = (PermissionEnum.MANAGE_SHIPPING, PermissionEnum.MANAGE_ORDERS)


class ShippingZoneCountableConnection(CountableConnection):
    class Meta:
        node = ShippingZone


class ShippingZoneFilterInput(graphene.InputObjectType):
    search = graphene.String()
    channels = graphene.List(graphene.NonNull(graphene.ID))


class Queries(graphene.ObjectType):
    shipping_zones = graphene.Field(ShippingZoneCountableConnection, filter=ShippingZoneFilterInput(
        description="Filtering options for shipping zones."), channel=graphene.String(
        description="Slug of a channel for which the data should be returned."), **connection_args(),
        description="List of the shop's shipping zones. Requires one of the following permissions: MANAGE_SHIPPING.")

    @staticmethod
    def resolve_shipping_zones(_root, info, channel=None, filter=None, **kwargs):
        if not has_one_of_permissions(getattr(info.context, "user", None), ZONE_READERS):
            raise PermissionDenied(permissions=ZONE_READERS)
        zones = ShippingZoneModel.objects.prefetch_related("shipping_methods", "warehouses", "channels")
        if channel:
            zones = zones.filter(channels__slug=channel)
        if filter and filter.get("search"):
            zones = zones.filter(name__icontains=filter["search"])
        if filter and filter.get("channels"):
            from backend.core.ids import InvalidGlobalId, from_global_id

            ids = []
            for global_id in filter["channels"]:
                try:
                    type_name, pk = from_global_id(global_id)
                except InvalidGlobalId:
                    continue
                if type_name == "Channel" and pk.isdigit():
                    ids.append(int(pk))
            zones = zones.filter(channels__id__in=ids).distinct()
        return connection_from_queryset(zones.order_by("name", "pk"), info, kwargs, ShippingZoneCountableConnection)


class Mutations(graphene.ObjectType):
    pass
