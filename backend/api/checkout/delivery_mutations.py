"""Addresses and delivery of a cart, and checkoutComplete."""

import graphene
from django.db import transaction

from backend.api.account.inputs import AddressInput
from backend.api.checkout.base import DomainMutation
from backend.api.checkout.ids import decode_pk
from backend.api.checkout.inputs import CheckoutAddressValidationRules
from backend.api.checkout.mutations import CheckoutMutation, checkout_token, error, reload
from backend.api.checkout.types import Checkout, Delivery, DeliveryOptionsCalculateError
from backend.api.core.scalars import UUID, JSONString
from backend.api.core.types import MetadataInput
from backend.commerce.checkout import delivery as delivery_services
from backend.commerce.checkout.address import ADDRESS_FIELDS, ValidationRules
from backend.commerce.checkout.complete import checkout_complete
from backend.commerce.checkout.error_codes import CheckoutErrorCode


def address_dict(address_input) -> dict:
    """AddressInput as the domain's snake_case dict (metadata and skipValidation are not address fields)."""
    data = {key: address_input.get(key) for key in ADDRESS_FIELDS if address_input.get(key) is not None}
    country = data.get("country")
    if country is not None:
        data["country"] = getattr(country, "value", country)
    return data


def rules_of(rules) -> ValidationRules | None:
    if not rules:
        return None
    return ValidationRules(check_required_fields=rules.get("check_required_fields", True) is not False,
                           check_fields_format=rules.get("check_fields_format", True) is not False,
                           enable_fields_normalization=rules.get("enable_fields_normalization", True) is not False)


def _save_to_address_book(checkout, address, address_type: str) -> None:
    """saveAddress: a signed-in customer's cart copies the address into his book (never shares the row), once.
    Best effort: a full address book never blocks the cart."""
    from django.core.exceptions import ValidationError

    from backend.commerce.account.addresses import address_create

    if checkout.user_id is None or address is None:
        return
    data = {field: getattr(address, field) for field in ADDRESS_FIELDS}
    if checkout.user.addresses.filter(**data).exists():
        return
    try:
        with transaction.atomic():
            address_create(user=checkout.user, data=data, address_type=None)
    except ValidationError:
        pass


def _address_args(name: str):
    return {"id": graphene.ID(description="The checkout's ID."),
            "token": UUID(deprecation_reason="Use `id` instead.", description="Checkout token."),
            name: AddressInput(required=True, description="The address."),
            "save_address": graphene.Boolean(default_value=True, description="Indicates whether the address should "
                                                                             "be saved to the user’s address book "
                                                                             "upon checkout completion."),
            "validation_rules": CheckoutAddressValidationRules(description="The rules for changing validation for "
                                                                           "received address data.")}


class CheckoutShippingAddressUpdate(CheckoutMutation):
    checkout = graphene.Field(Checkout, description="An updated checkout.")

    Arguments = type("Arguments", (), _address_args("shipping_address"))

    class Meta:
        description = "Update shipping address in the existing checkout."
        auth = "public"

    @classmethod
    def perform_mutation(cls, _root, _info, shipping_address, id=None, token=None, save_address=True,
                         validation_rules=None):
        checkout = delivery_services.checkout_shipping_address_update(
            checkout_token=checkout_token(id=id, token=token),
            address=address_dict(shipping_address), rules=rules_of(validation_rules))
        checkout = reload(checkout)
        if save_address:
            _save_to_address_book(checkout, checkout.shipping_address, "SHIPPING")
        return cls(checkout=checkout)


class CheckoutBillingAddressUpdate(CheckoutMutation):
    checkout = graphene.Field(Checkout, description="An updated checkout.")

    Arguments = type("Arguments", (), _address_args("billing_address"))

    class Meta:
        description = "Update billing address in the existing checkout."
        auth = "public"

    @classmethod
    def perform_mutation(cls, _root, _info, billing_address, id=None, token=None, save_address=True,
                         validation_rules=None):
        checkout = delivery_services.checkout_billing_address_update(
            checkout_token=checkout_token(id=id, token=token),
            address=address_dict(billing_address), rules=rules_of(validation_rules))
        checkout = reload(checkout)
        if save_address:
            _save_to_address_book(checkout, checkout.billing_address, "BILLING")
        return cls(checkout=checkout)


class DeliveryOptionsCalculate(DomainMutation):
    deliveries = graphene.List(graphene.NonNull(Delivery), required=True, default_value=(),
                               description="List of the available deliveries.")

    class Arguments:
        id = graphene.ID(required=True, description="The ID of the checkout.")

    class Meta:
        description = "Calculates available delivery options for a checkout."
        error_type_class = DeliveryOptionsCalculateError
        auth = "public"
        atomic = False  # one service call, atomic on its own

    @classmethod
    def perform_mutation(cls, _root, _info, id):
        token = checkout_token(id=id)
        return cls(deliveries=delivery_services.checkout_delivery_options_calculate(checkout_token=token))


class CheckoutDeliveryMethodUpdate(CheckoutMutation):
    checkout = graphene.Field(Checkout, description="An updated checkout.")

    class Arguments:
        id = graphene.ID(description="The checkout's ID.")
        token = UUID(deprecation_reason="Use `id` instead.", description="Checkout token.")
        delivery_method_id = graphene.ID(description="Delivery Method ID (`Warehouse` ID or `ShippingMethod` ID) "
                                                     "or `Delivery` ID.")

    class Meta:
        description = "Updates the delivery method (shipping method or pick up point) of the checkout."
        auth = "public"
        atomic = False  # one service call, atomic on its own
        legacy_errors_field = None

    @classmethod
    def perform_mutation(cls, _root, _info, id=None, token=None, delivery_method_id=None):
        token = checkout_token(id=id, token=token)
        kwargs = {}
        if delivery_method_id:
            kind = "int" if _type_of(delivery_method_id) == "ShippingMethod" else "uuid"
            type_name, pk = decode_pk(delivery_method_id, ("Warehouse", "ShippingMethod", "Delivery"),
                                      field="delivery_method_id", kind=kind)
            kwargs = {{"Warehouse": "collection_point_id", "Delivery": "delivery_id",
                       "ShippingMethod": "shipping_method_id"}[type_name]: pk}
        checkout = delivery_services.checkout_delivery_method_update(checkout_token=token, **kwargs)
        return cls(checkout=reload(checkout))


def _type_of(global_id) -> str | None:
    from backend.core.ids import InvalidGlobalId, from_global_id

    try:
        return from_global_id(global_id)[0]
    except InvalidGlobalId:
        return None


class CheckoutComplete(CheckoutMutation):
    order = graphene.Field("backend.api.order.types.Order", description="Placed order.")
    confirmation_needed = graphene.Boolean(required=True, default_value=False,
                                           description="Set to true if payment needs to be confirmed before checkout "
                                                       "is complete.")
    confirmation_data = JSONString(description="Confirmation data used to process additional authorization steps.")

    Arguments = type("Arguments", (), {
        "id": graphene.ID(description="The checkout's ID."),
        "token": UUID(deprecation_reason="Use `id` instead.", description="Checkout token."),
        "checkout_id": graphene.ID(deprecation_reason="Use `id` instead.", description="The ID of the checkout."),
        "metadata": graphene.List(graphene.NonNull(MetadataInput), description="Fields required to update the "
                                                                               "checkout metadata."),
        "payment_data": JSONString(description="Client-side generated data required to finalize the payment."),
        "redirect_url": graphene.String(description="URL of a view where users should be redirected to see the "
                                                    "order details."),
        "store_source": graphene.Boolean(default_value=False, deprecation_reason="Not used: no card is stored."),
    })

    class Meta:
        description = "Completes the checkout. Idempotent: completing the same checkout again answers the same order."
        auth = "public"
        # checkout_complete holds its own transaction: the stock rows stay locked only for the allocation.
        atomic = False

    @classmethod
    def perform_mutation(cls, _root, info, id=None, token=None, checkout_id=None, metadata=None, payment_data=None,
                         redirect_url=None, store_source=False):
        user = info.context.user if info.context.user.is_authenticated else None
        items = {item["key"]: item["value"] for item in metadata or ()}
        if any(not key.strip() for key in items):
            raise error("metadata", "Une clé de métadonnée ne peut pas être vide.", CheckoutErrorCode.REQUIRED)
        result = checkout_complete(checkout_token=checkout_token(id=id, token=token, checkout_id=checkout_id),
                                   user=user, redirect_url=redirect_url or "", metadata=items or None)
        # The buyer just placed it: he reads it in full in this answer (Saleor does the same).
        info.context._placed_order_ids = {*getattr(info.context, "_placed_order_ids", set()), result.order.pk}
        return cls(order=result.order)
