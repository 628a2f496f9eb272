"""The checkout part of Saleor's schema: `checkout`, `addressValidationRules` and the cart mutations."""

import uuid

import graphene
from graphql import GraphQLError

from backend.api.checkout.delivery_mutations import (
    CheckoutBillingAddressUpdate,
    CheckoutComplete,
    CheckoutDeliveryMethodUpdate,
    CheckoutShippingAddressUpdate,
    DeliveryOptionsCalculate,
)
from backend.api.checkout.metadata import UpdateMetadata
from backend.api.checkout.mutations import (
    CHECKOUT_RELATED,
    CheckoutAddPromoCode,
    CheckoutCreate,
    CheckoutCustomerAttach,
    CheckoutCustomerDetach,
    CheckoutEmailUpdate,
    CheckoutLinesAdd,
    CheckoutLinesDelete,
    CheckoutLinesUpdate,
    CheckoutRemovePromoCode,
)
from backend.api.checkout.types import Checkout
from backend.api.checkout.user_fields import CheckoutCountableConnection  # noqa: F401 - declares User's cart fields
from backend.api.checkout.validation_rules import (
    ADDRESS_VALIDATION_ARGS,
    AddressValidationData,
    address_validation_rules,
)
from backend.api.core.scalars import UUID
from backend.commerce.checkout.models import Checkout as CheckoutModel
from backend.core.ids import InvalidGlobalId, from_global_id


def _token(id, token):
    if bool(id) == bool(token):
        raise GraphQLError("Argument 'id' or 'token' must be provided, not both.")
    if token:
        return token
    try:
        type_name, pk = from_global_id(id)
    except InvalidGlobalId as exc:
        raise GraphQLError(f"Invalid ID: {id}. Expected: Checkout.") from exc
    if type_name != "Checkout":
        raise GraphQLError(f"Invalid ID: {id}. Expected: Checkout, received: {type_name}.")
    return pk


class Queries(graphene.ObjectType):
    checkout = graphene.Field(Checkout, id=graphene.Argument(graphene.ID, description="The checkout's ID."),
                              token=graphene.Argument(UUID, description="The checkout's token.",
                                                      deprecation_reason="Use `id` instead."),
                              description="Look up a checkout by id (holding its ID is the right to read it).")
    address_validation_rules = graphene.Field(AddressValidationData, **ADDRESS_VALIDATION_ARGS,
                                              description="Returns address validation rules.")

    @staticmethod
    def resolve_checkout(_root, _info, id=None, token=None):
        try:
            token = uuid.UUID(str(_token(id, token)))
        except ValueError:  # a malformed token is a cart that does not exist
            return None
        return CheckoutModel.objects.select_related(*CHECKOUT_RELATED).filter(pk=token).first()

    @staticmethod
    def resolve_address_validation_rules(_root, _info, country_code, country_area=None, city=None, city_area=None):
        return address_validation_rules(country_code, city=city)


class Mutations(graphene.ObjectType):
    checkout_create = CheckoutCreate.Field()
    checkout_lines_add = CheckoutLinesAdd.Field()
    checkout_lines_update = CheckoutLinesUpdate.Field()
    checkout_lines_delete = CheckoutLinesDelete.Field()
    checkout_email_update = CheckoutEmailUpdate.Field()
    checkout_customer_attach = CheckoutCustomerAttach.Field()
    checkout_customer_detach = CheckoutCustomerDetach.Field()
    checkout_shipping_address_update = CheckoutShippingAddressUpdate.Field()
    checkout_billing_address_update = CheckoutBillingAddressUpdate.Field()
    delivery_options_calculate = DeliveryOptionsCalculate.Field()
    checkout_delivery_method_update = CheckoutDeliveryMethodUpdate.Field()
    checkout_add_promo_code = CheckoutAddPromoCode.Field()
    checkout_remove_promo_code = CheckoutRemovePromoCode.Field()
    checkout_complete = CheckoutComplete.Field()
    update_metadata = UpdateMetadata.Field()
