"""The fields Saleor's User has about carts and payment means: `checkout`, `checkoutIds`, `checkoutTokens`,
`checkouts`, `giftCards`, `storedPaymentMethods` and `storedPaymentSources`.

They belong to the account's User type; they are declared here, next to the carts they read, so that the account
module does not depend on the checkout module (as `User.orders` is declared by the order module).

A user's checkouts are the carts attached to the account (a completed cart becomes an order and is gone): the most
recently changed first, as Saleor lists them. The User type is readable by the user and by staff managing users.
"""

import graphene

from backend.api.account.types import User
from backend.api.checkout.mutations import CHECKOUT_RELATED
from backend.api.checkout.shared_types import GiftCard, StoredPaymentMethod
from backend.api.checkout.types import Checkout
from backend.api.core.connection import CountableConnection, connection_args, connection_from_queryset
from backend.api.core.dataloaders import DataLoader, group_by, then
from backend.api.core.scalars import UUID
from backend.api.payment.legacy import PaymentSource
from backend.commerce.checkout.models import Checkout as CheckoutModel
from backend.core.ids import to_global_id

CHANNEL_ARG = "Slug of a channel for which the data should be returned."


class CheckoutCountableConnection(CountableConnection):
    class Meta:
        node = Checkout


class GiftCardCountableConnection(CountableConnection):
    class Meta:
        node = GiftCard


class CheckoutsByUserIdLoader(DataLoader):
    """Each user's carts, most recently changed first, with what the Checkout type reads: one query for all users."""

    def batch_load(self, keys):
        carts = CheckoutModel.objects.filter(user_id__in=keys).select_related(*CHECKOUT_RELATED).order_by(
            "-updated_at", "pk")
        grouped = group_by(carts, lambda cart: cart.user_id)
        return [grouped.get(key, []) for key in keys]


def _carts(root, info, channel):
    carts = CheckoutsByUserIdLoader(info.context).load(root.pk)
    if channel is None:
        return carts
    return then(carts, lambda found: [cart for cart in found if cart.channel.slug == channel])


def resolve_user_checkout(root, info):
    return then(_carts(root, info, None), lambda carts: carts[0] if carts else None)


def resolve_user_checkout_tokens(root, info, channel=None):
    return then(_carts(root, info, channel), lambda carts: [cart.pk for cart in carts])


def resolve_user_checkout_ids(root, info, channel=None):
    return then(_carts(root, info, channel), lambda carts: [to_global_id("Checkout", cart.pk) for cart in carts])


def resolve_user_checkouts(root, info, channel=None, **kwargs):
    return then(_carts(root, info, channel),
                lambda carts: connection_from_queryset(carts, info, kwargs, CheckoutCountableConnection))


def resolve_user_gift_cards(_root, info, **kwargs):
    # No gift cards are sold here: the connection is empty, as Saleor's for a user who holds none.
    return connection_from_queryset([], info, kwargs, GiftCardCountableConnection)


def resolve_user_stored_payment_methods(_root, _info, channel):
    return []  # no card is stored here: Stripe keeps them, and no gateway offers stored methods


def resolve_user_stored_payment_sources(_root, _info, channel=None):
    return []  # the legacy payments API is not used (see payment/legacy.py)


User._meta.fields.update({
    "checkout": graphene.Field(Checkout, resolver=resolve_user_checkout,
                               description="Returns the last open checkout of this user.",
                               deprecation_reason="Use the `checkoutTokens` field to fetch the user checkouts."),
    "checkout_tokens": graphene.Field(graphene.List(graphene.NonNull(UUID)),
                                      channel=graphene.String(description=CHANNEL_ARG),
                                      resolver=resolve_user_checkout_tokens,
                                      description="Returns the checkout UUID's assigned to this user.",
                                      deprecation_reason="Use `checkoutIds` instead."),
    "checkout_ids": graphene.Field(graphene.List(graphene.NonNull(graphene.ID)),
                                   channel=graphene.String(description=CHANNEL_ARG),
                                   resolver=resolve_user_checkout_ids,
                                   description="Returns the checkout ID's assigned to this user."),
    "checkouts": graphene.Field(CheckoutCountableConnection, channel=graphene.String(description=CHANNEL_ARG),
                                **connection_args(), resolver=resolve_user_checkouts,
                                description="Returns checkouts assigned to this user. The query will not initiate any "
                                            "external requests, including fetching external shipping methods, "
                                            "filtering available shipping methods, or performing external tax "
                                            "calculations."),
    "gift_cards": graphene.Field(GiftCardCountableConnection, **connection_args(), resolver=resolve_user_gift_cards,
                                 description="List of the user gift cards."),
    "stored_payment_methods": graphene.Field(
        graphene.List(graphene.NonNull(StoredPaymentMethod)),
        channel=graphene.String(required=True, description=CHANNEL_ARG),
        resolver=resolve_user_stored_payment_methods,
        description="Returns a list of user's stored payment methods that can be used in provided channel. The field "
                    "returns a list of stored payment methods by payment apps. When `amount` is not provided, 0 will "
                    "be used as default value."),
    "stored_payment_sources": graphene.Field(
        graphene.List(graphene.NonNull(PaymentSource)), channel=graphene.String(description=CHANNEL_ARG),
        resolver=resolve_user_stored_payment_sources,
        description="List of stored payment sources. The field returns a list of payment sources stored for payment "
                    "plugins.",
        deprecation_reason="The legacy Payments API is deprecated and will be removed. Use the Transactions API "
                           "instead."),
})
