"""Saleor's Channel type. Our platform sells in one channel (Comptoir de Mormal, EUR, France)."""

import graphene

from backend.api.channel import settings_types
from backend.api.core.enums import CountryCodeEnum, saleor_enum
from backend.api.core.errors import PermissionDenied
from backend.api.core.types import CountryDisplay, ObjectWithMetadata
from backend.core.permissions import PermissionEnum, has_one_of_permissions

AllocationStrategyEnum = saleor_enum("AllocationStrategyEnum")
MarkAsPaidStrategyEnum = saleor_enum("MarkAsPaidStrategyEnum")


class StockSettings(graphene.ObjectType):
    allocation_strategy = graphene.Field(
        AllocationStrategyEnum, required=True,
        description="Allocation strategy defines the preference of warehouses for allocations and reservations.",
    )

    class Meta:
        description = "Represents the channel stock settings."


class Channel(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The ID of the channel.")
    slug = graphene.String(required=True, description="Slug of the channel.")
    name = graphene.String(required=True, description="Name of the channel.")
    is_active = graphene.Boolean(required=True, description="Whether the channel is active.")
    currency_code = graphene.String(required=True, description="A currency that is assigned to the channel.")
    has_orders = graphene.Boolean(
        required=True,
        description="Whether a channel has associated orders.\n\nRequires one of the following permissions: "
                    "MANAGE_CHANNELS.",
    )
    default_country = graphene.Field(
        CountryDisplay, required=True,
        description="Default country for the channel. Default country can be used in checkout to determine the stock "
                    "quantities or calculate taxes when the country was not explicitly provided.",
    )
    warehouses = graphene.List(
        graphene.NonNull(lambda: _warehouse_type()), required=True,
        description="List of warehouses assigned to this channel.\n\nRequires one of the following permissions: "
                    "AUTHENTICATED_APP, AUTHENTICATED_STAFF_USER.",
    )
    countries = graphene.List(graphene.NonNull(CountryDisplay),
                              description="List of shippable countries for the channel.")
    available_shipping_methods_per_country = graphene.List(
        graphene.NonNull(lambda: _shipping_types().ShippingMethodsPerCountry),
        countries=graphene.List(graphene.NonNull(CountryCodeEnum)),
        description="Shipping methods that are available for the channel.")
    stock_settings = graphene.Field(StockSettings, required=True,
                                    description="Define the stock setting for this channel.")
    order_settings = graphene.Field(settings_types.OrderSettings, required=True,
                                    description="Channel-specific order settings.\n\nRequires one of the following "
                                                "permissions: MANAGE_CHANNELS, MANAGE_ORDERS.")
    checkout_settings = graphene.Field(settings_types.CheckoutSettings, required=True,
                                       description="Channel-specific checkout settings.\n\nRequires one of the "
                                                   "following permissions: MANAGE_CHANNELS, MANAGE_CHECKOUTS.")
    payment_settings = graphene.Field(settings_types.PaymentSettings, required=True,
                                      description="Channel-specific payment settings.\n\nRequires one of the "
                                                  "following permissions: MANAGE_CHANNELS, HANDLE_PAYMENTS.")
    tax_configuration = graphene.Field(settings_types.TaxConfiguration, required=True,
                                       description="Channel specific tax configuration.\n\nRequires one of the "
                                                   "following permissions: AUTHENTICATED_STAFF_USER, "
                                                   "AUTHENTICATED_APP.")

    class Meta:
        description = "Represents channel."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_default_country(root, _info):
        return CountryDisplay(code=root.default_country)

    @staticmethod
    def resolve_countries(root, _info):
        return [CountryDisplay(code=root.default_country)]

    @staticmethod
    def resolve_available_shipping_methods_per_country(root, info, countries=None):
        """Every method priced in the channel, under each country its zone covers (cheapest first), as Saleor lists
        them; `countries` keeps only those countries."""
        from backend.api.core.dataloaders import then
        from backend.api.shipping.dataloaders import ListedMethodsByCountryLoader

        shipping = _shipping_types()
        wanted = {getattr(code, "value", code) for code in countries} if countries is not None else None

        def build(by_country):
            return [shipping.ShippingMethodsPerCountry(
                        country_code=code,
                        shipping_methods=[shipping.ShippingMethodData.from_listed(m) for m in by_country[code]])
                    for code in sorted(by_country) if wanted is None or code in wanted]

        return then(ListedMethodsByCountryLoader(info.context).load(root.pk), build)

    @staticmethod
    def resolve_stock_settings(_root, _info):
        return StockSettings(allocation_strategy="PRIORITIZE_SORTING_ORDER")

    @staticmethod
    def resolve_order_settings(root, info):
        _require_one_of(info, PermissionEnum.MANAGE_CHANNELS, PermissionEnum.MANAGE_ORDERS)
        return settings_types.order_settings(root)

    @staticmethod
    def resolve_checkout_settings(root, info):
        _require_one_of(info, PermissionEnum.MANAGE_CHANNELS, PermissionEnum.MANAGE_CHECKOUTS)
        return settings_types.checkout_settings(root)

    @staticmethod
    def resolve_payment_settings(root, info):
        _require_one_of(info, PermissionEnum.MANAGE_CHANNELS, PermissionEnum.HANDLE_PAYMENTS)
        return settings_types.payment_settings(root)

    @staticmethod
    def resolve_tax_configuration(root, info):
        user = getattr(info.context, "user", None)
        if not (user and user.is_active and user.is_staff):
            raise PermissionDenied()
        return settings_types.tax_configuration(root)

    @staticmethod
    def resolve_has_orders(root, info):
        _require_one_of(info, PermissionEnum.MANAGE_CHANNELS)
        order_model = _order_model()
        return bool(order_model and order_model.objects.filter(channel_id=root.pk).exists())

    @staticmethod
    def resolve_warehouses(root, info):
        # The list is for staff only, as in Saleor (the public gets an empty list rather than an error).
        user = getattr(info.context, "user", None)
        if not (user and user.is_active and user.is_staff):
            return []
        from backend.api.warehouse.dataloaders import WarehousesByChannelIdLoader

        return WarehousesByChannelIdLoader(info.context).load(root.pk)


def _require_one_of(info, *permissions) -> None:
    if not has_one_of_permissions(getattr(info.context, "user", None), permissions):
        raise PermissionDenied(permissions=permissions)


def _shipping_types():
    from backend.api.shipping import types

    return types


def _warehouse_type():
    from backend.api.warehouse.types import Warehouse

    return Warehouse


def _order_model():
    from django.apps import apps

    try:
        model = apps.get_model("order", "Order")
    except LookupError:
        return None
    return model if any(f.name == "channel" for f in model._meta.get_fields()) else None
