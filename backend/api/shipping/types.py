"""Saleor's ShippingMethod (a delivery option as a checkout or an order sees it), ShippingMethodType and
ShippingZone (staff). The checkout's options are snapshots (`DeliveryOption`, `CheckoutDelivery`): the type reads
any root through `ShippingMethodData`, so the price shown is the one the cart will pay."""

from dataclasses import dataclass, field
from decimal import Decimal

import graphene

from backend.api.core.enums import CountryCodeEnum, saleor_enum
from backend.api.core.scalars import JSONString
from backend.api.core.types import CountryDisplay, Money, ObjectWithMetadata, money, weight_kg

ShippingMethodTypeEnum = saleor_enum("ShippingMethodTypeEnum")


@dataclass
class ShippingMethodData:
    id: int
    name: str
    price_amount: Decimal
    currency: str = "EUR"
    minimum_delivery_days: int | None = None
    maximum_delivery_days: int | None = None
    active: bool = True
    message: str = ""
    description: dict | None = None
    type: str | None = None
    metadata: dict = field(default_factory=dict)
    private_metadata: dict = field(default_factory=dict)

    @classmethod
    def from_option(cls, option) -> "ShippingMethodData":
        """From a DeliveryOption (shipping.selectors) or a CheckoutDelivery snapshot."""
        return cls(id=option.shipping_method_id, name=option.name, price_amount=option.price_amount,
                   currency=option.currency, minimum_delivery_days=option.minimum_delivery_days,
                   maximum_delivery_days=option.maximum_delivery_days, active=option.active,
                   message=option.message or "")

    @classmethod
    def from_listed(cls, listed) -> "ShippingMethodData":
        """From a ListedMethod (shipping.selectors): a method of the channel's zones at its price there."""
        method, listing = listed.method, listed.listing
        return cls(id=method.pk, name=method.name, price_amount=listing.price_amount, currency=listing.currency,
                   minimum_delivery_days=method.minimum_delivery_days,
                   maximum_delivery_days=method.maximum_delivery_days, description=method.description,
                   type=str(method.type), metadata=dict(method.metadata or {}),
                   private_metadata=dict(method.private_metadata or {}))


class ShippingMethod(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="Unique ID of ShippingMethod available for Order.")
    type = graphene.Field(ShippingMethodTypeEnum, description="Type of the shipping method.",
                          deprecation_reason="This field will be removed in Saleor 4.0.")
    name = graphene.String(required=True, description="Shipping method name.")
    description = JSONString(description="Shipping method description.")
    maximum_delivery_days = graphene.Int(description="Maximum delivery days for this shipping method.")
    minimum_delivery_days = graphene.Int(description="Minimum delivery days for this shipping method.")
    price = graphene.Field(Money, required=True, description="The price of selected shipping method.")
    active = graphene.Boolean(required=True, description="Describes if this shipping method is active and can be "
                                                         "selected.")
    message = graphene.String(description="Message connected to this shipping method.")

    class Meta:
        description = "Shipping methods that can be used as means of shipping for orders and checkouts."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_price(root, _info):
        return money(root.price_amount, root.currency)

    @staticmethod
    def resolve_message(root, _info):
        return root.message or None


class ShippingMethodTypeType(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="Shipping method ID.")
    name = graphene.String(required=True, description="Shipping method name.")
    description = JSONString(description="Shipping method description.")
    type = graphene.Field(ShippingMethodTypeEnum, description="Type of the shipping method.")
    minimum_order_weight = graphene.Field("backend.api.core.types.Weight",
                                          description="Minimum order weight to use this shipping method.")
    maximum_order_weight = graphene.Field("backend.api.core.types.Weight",
                                          description="Maximum order weight to use this shipping method.")
    maximum_delivery_days = graphene.Int(description="Maximum number of days for delivery.")
    minimum_delivery_days = graphene.Int(description="Minimal number of days for delivery.")

    class Meta:
        name = "ShippingMethodType"
        description = "Shipping method are the methods you'll use to get customer's orders to them. They are directly "\
                      "exposed to the customers."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @staticmethod
    def resolve_minimum_order_weight(root, _info):
        return weight_kg(root.minimum_order_weight)

    @staticmethod
    def resolve_maximum_order_weight(root, _info):
        return weight_kg(root.maximum_order_weight)


class ShippingZone(graphene.ObjectType):
    id = graphene.GlobalID(required=True, description="The ID of shipping zone.")
    name = graphene.String(required=True, description="Shipping zone name.")
    default = graphene.Boolean(required=True, description="Indicates if the shipping zone is default one.")
    countries = graphene.List(graphene.NonNull(CountryDisplay), required=True,
                              description="List of countries available for the method.")
    shipping_methods = graphene.List(graphene.NonNull(ShippingMethodTypeType),
                                     description="List of shipping methods available for orders shipped to countries "
                                                 "within this shipping zone.")
    warehouses = graphene.List(graphene.NonNull("backend.api.warehouse.types.Warehouse"), required=True,
                               description="List of warehouses for shipping zone.")
    channels = graphene.List(graphene.NonNull("backend.api.channel.types.Channel"), required=True,
                             description="List of channels for shipping zone.")
    description = graphene.String(description="Description of a shipping zone.")

    class Meta:
        description = "Represents a shipping zone in the shop. Zones are the concept used only for grouping shipping "\
                      "methods in the dashboard, and are never exposed to the customers directly."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    # The staff list prefetches these relations (shipping/schema.py): no query per zone.
    @staticmethod
    def resolve_countries(root, _info):
        return [CountryDisplay(code=code) for code in root.countries or []]

    @staticmethod
    def resolve_shipping_methods(root, _info):
        return list(root.shipping_methods.all())

    @staticmethod
    def resolve_warehouses(root, info):
        # Staff only, as Channel.warehouses: a zone reached from a pickup point (Warehouse.shippingZones) must not
        # list the producers' farms to the public.
        user = getattr(info.context, "user", None)
        if not (user and user.is_active and user.is_staff):
            return []
        return list(root.warehouses.all())

    @staticmethod
    def resolve_channels(root, _info):
        return list(root.channels.all())


class ShippingMethodsPerCountry(graphene.ObjectType):
    country_code = graphene.Field(CountryCodeEnum, required=True, description="The country code.")
    shipping_methods = graphene.List(graphene.NonNull(ShippingMethod), description="List of available shipping "
                                                                                   "methods.")

    class Meta:
        description = "List of shipping methods available for the country."
