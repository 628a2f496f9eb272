"""Cart mutations: create, lines, e-mail, customer, promo codes. Each decodes its IDs, calls one service of
backend.commerce.checkout, and answers the cart (re-read with what the Checkout type needs)."""

import graphene
from django.core.exceptions import ValidationError

from backend.api.checkout.base import DomainMutation
from backend.api.checkout.ids import decode_int, decode_pk, decode_uuid
from backend.api.checkout.inputs import CheckoutCreateInput, CheckoutLineInput, CheckoutLineUpdateInput
from backend.api.checkout.types import Checkout, CheckoutError
from backend.api.core.errors import PermissionDenied
from backend.api.core.scalars import UUID
from backend.commerce.channel import selectors as channel_selectors
from backend.commerce.checkout import services
from backend.commerce.checkout.error_codes import CheckoutErrorCode
from backend.commerce.checkout.models import Checkout as CheckoutModel
from backend.core.permissions import PermissionEnum, has_permissions

CHECKOUT_RELATED = ("channel", "assigned_delivery", "voucher", "collection_point", "user")


def error(field, message, code=CheckoutErrorCode.INVALID) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code.value)})


def checkout_token(*, id=None, token=None, checkout_id=None):
    """The cart's UUID from `id` (or the deprecated `token` / `checkoutId`): exactly one must be given."""
    given = [value for value in (id, token, checkout_id) if value]
    if len(given) != 1:
        raise error("id", "Indiquez le panier : un seul de id, token ou checkoutId.", CheckoutErrorCode.GRAPHQL_ERROR)
    if token:
        return token
    return decode_uuid(id or checkout_id, "Checkout", field="id" if id else "checkout_id")


def reload(checkout) -> CheckoutModel:
    """The cart as the Checkout type reads it. The service's row is current (it was locked and written in this
    request); its delivery, voucher and pickup point load lazily, and only when the cart has one."""
    return checkout


def refuse_price(lines) -> None:
    """The client never sets a price (Saleor reserves custom prices to apps holding HANDLE_CHECKOUTS)."""
    if any(line.get("price") is not None for line in lines or ()):
        raise PermissionDenied(permissions=["HANDLE_CHECKOUTS"])


class CheckoutMutation(DomainMutation):
    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(cls, **options):
        options.setdefault("error_type_class", CheckoutError)
        options.setdefault("legacy_errors_field", "checkout_errors")
        super().__init_subclass_with_meta__(**options)


def _line_inputs(lines) -> list[services.LineInput]:
    return [services.LineInput(variant_id=decode_int(line["variant_id"], "ProductVariant", field="variant_id"),
                               quantity=line["quantity"]) for line in lines]


class CheckoutCreate(CheckoutMutation):
    checkout = graphene.Field(Checkout)
    created = graphene.Boolean(deprecation_reason="Always returns `true`.",
                               description="Whether the checkout was created.")

    class Arguments:
        input = CheckoutCreateInput(required=True, description="Fields required to create checkout.")

    class Meta:
        description = "Create a new checkout."
        auth = "public"
        rate_limit = "checkout_create"

    @classmethod
    def perform_mutation(cls, _root, info, input):
        refuse_price(input.get("lines"))
        slug = input.get("channel")
        channel = channel_selectors.channel_by_slug(slug) if slug else channel_selectors.default_channel()
        if channel is None:
            if slug:
                raise error("channel", f"Le comptoir « {slug} » n'existe pas.", CheckoutErrorCode.NOT_FOUND)
            raise error("channel", "Indiquez le comptoir.", CheckoutErrorCode.MISSING_CHANNEL_SLUG)
        user = info.context.user if info.context.user.is_authenticated else None
        code = input.get("language_code")  # a LanguageCodeEnum member (its value is e.g. "FR_BE")
        language = str(getattr(code, "value", code) or "fr").lower().replace("_", "-")
        checkout = services.checkout_create(channel=channel, user=user, email=input.get("email") or "",
                                            language_code=language, lines=_line_inputs(input.get("lines") or []))
        metadata = {item["key"]: item["value"] for item in input.get("metadata") or ()}
        if metadata:
            checkout.metadata = metadata
            checkout.save(update_fields=["metadata"])
        checkout = _create_addresses(checkout, input)
        return cls(checkout=reload(checkout), created=True)


def _create_addresses(checkout, input) -> CheckoutModel:
    """checkoutCreate's optional addresses, checked as checkoutShipping/BillingAddressUpdate check them."""
    from backend.api.checkout.delivery_mutations import address_dict, rules_of
    from backend.commerce.checkout import delivery

    rules = input.get("validation_rules") or {}
    if input.get("shipping_address"):
        checkout = delivery.checkout_shipping_address_update(
            checkout_token=checkout.pk, address=address_dict(input["shipping_address"]),
            rules=rules_of(rules.get("shipping_address")))
    if input.get("billing_address"):
        checkout = delivery.checkout_billing_address_update(
            checkout_token=checkout.pk, address=address_dict(input["billing_address"]),
            rules=rules_of(rules.get("billing_address")))
    return checkout


def _checkout_args(**extra):
    return {"id": graphene.ID(description="The checkout's ID."),
            "token": UUID(deprecation_reason="Use `id` instead.", description="Checkout token."),
            "checkout_id": graphene.ID(deprecation_reason="Use `id` instead.", description="The ID of the checkout."),
            **extra}


class CheckoutLinesAdd(CheckoutMutation):
    checkout = graphene.Field(Checkout, description="An updated checkout.")

    Arguments = type("Arguments", (), _checkout_args(lines=graphene.List(
        graphene.NonNull(CheckoutLineInput), required=True, description="A list of checkout lines, each containing "
                                                                        "information about an item in the checkout.")))

    class Meta:
        description = "Adds a checkout line to the existing checkout. If line was already in checkout, its quantity "\
                      "will be increased."
        auth = "public"
        atomic = False  # one service call, atomic on its own

    @classmethod
    def perform_mutation(cls, _root, _info, lines, id=None, token=None, checkout_id=None):
        refuse_price(lines)
        checkout = services.checkout_lines_add(checkout_token=checkout_token(id=id, token=token,
                                                                             checkout_id=checkout_id),
                                               lines=_line_inputs(lines))
        return cls(checkout=reload(checkout))


class CheckoutLinesUpdate(CheckoutMutation):
    checkout = graphene.Field(Checkout, description="An updated checkout.")

    Arguments = type("Arguments", (), _checkout_args(lines=graphene.List(
        graphene.NonNull(CheckoutLineUpdateInput), required=True,
        description="A list of checkout lines, each containing information about an item in the checkout.")))

    class Meta:
        description = "Updates checkout line in the existing checkout."
        auth = "public"
        atomic = False  # one service call, atomic on its own

    @classmethod
    def perform_mutation(cls, _root, _info, lines, id=None, token=None, checkout_id=None):
        refuse_price(lines)
        token = checkout_token(id=id, token=token, checkout_id=checkout_id)
        updates = []
        for line in lines:
            if line.get("quantity") is None:
                raise error("quantity", "Indiquez la quantité.", CheckoutErrorCode.REQUIRED)
            if line.get("line_id"):
                line_id = decode_uuid(line["line_id"], "CheckoutLine", field="line_id")
            elif line.get("variant_id"):  # deprecated: the cart's line of that variant
                variant_id = decode_int(line["variant_id"], "ProductVariant", field="variant_id")
                found = CheckoutModel.objects.filter(pk=services.parse_token(token)).values_list(
                    "lines__id", flat=True).filter(lines__variant_id=variant_id).first()
                if found is None:
                    raise error("variant_id", "Cet article n'est pas dans le panier.", CheckoutErrorCode.NOT_FOUND)
                line_id = found
            else:
                raise error("line_id", "Indiquez la ligne à modifier.", CheckoutErrorCode.REQUIRED)
            updates.append(services.LineUpdateInput(line_id=line_id, quantity=line["quantity"]))
        checkout = services.checkout_lines_update(checkout_token=token, lines=updates)
        return cls(checkout=reload(checkout))


class CheckoutLinesDelete(CheckoutMutation):
    checkout = graphene.Field(Checkout, description="An updated checkout.")

    class Arguments:
        id = graphene.ID(description="The checkout's ID.")
        token = UUID(deprecation_reason="Use `id` instead.", description="Checkout token.")
        lines_ids = graphene.List(graphene.NonNull(graphene.ID), required=True, description="A list of checkout "
                                                                                            "lines.")

    class Meta:
        description = "Deletes checkout lines."
        auth = "public"
        atomic = False  # one service call, atomic on its own
        legacy_errors_field = None

    @classmethod
    def perform_mutation(cls, _root, _info, lines_ids, id=None, token=None):
        line_ids = [decode_uuid(line_id, "CheckoutLine", field="line_id") for line_id in lines_ids]
        checkout = services.checkout_lines_delete(checkout_token=checkout_token(id=id, token=token),
                                                  line_ids=line_ids)
        return cls(checkout=reload(checkout))


class CheckoutEmailUpdate(CheckoutMutation):
    checkout = graphene.Field(Checkout, description="An updated checkout.")

    Arguments = type("Arguments", (), _checkout_args(email=graphene.String(required=True,
                                                                           description="email.")))

    class Meta:
        description = "Updates email address in the existing checkout object."
        auth = "public"
        atomic = False  # one service call, atomic on its own

    @classmethod
    def perform_mutation(cls, _root, _info, email, id=None, token=None, checkout_id=None):
        checkout = services.checkout_email_update(
            checkout_token=checkout_token(id=id, token=token, checkout_id=checkout_id), email=email)
        return cls(checkout=reload(checkout))


class CheckoutCustomerAttach(CheckoutMutation):
    checkout = graphene.Field(Checkout, description="An updated checkout.")

    Arguments = type("Arguments", (), _checkout_args(customer_id=graphene.ID(
        description="ID of customer to attach to checkout. Requires IMPERSONATE_USER permission when customerId is "
                    "different than the logged-in user.")))

    class Meta:
        description = "Sets the customer as the owner of the checkout."
        auth = "authenticated"

    @classmethod
    def perform_mutation(cls, _root, info, id=None, token=None, checkout_id=None, customer_id=None):
        from backend.commerce.account.models import User

        viewer = info.context.user
        user = viewer
        if customer_id:
            pk = decode_int(customer_id, "User", field="customer_id")
            if pk != viewer.pk:
                if not has_permissions(viewer, [PermissionEnum.IMPERSONATE_USER]):
                    raise PermissionDenied(permissions=[PermissionEnum.IMPERSONATE_USER])
                user = User.objects.filter(pk=pk).first()
        checkout = services.checkout_customer_attach(
            checkout_token=checkout_token(id=id, token=token, checkout_id=checkout_id), user=user)
        return cls(checkout=reload(checkout))


class CheckoutCustomerDetach(CheckoutMutation):
    checkout = graphene.Field(Checkout, description="An updated checkout.")

    Arguments = type("Arguments", (), _checkout_args())

    class Meta:
        description = "Removes the user assigned as the owner of the checkout."
        auth = "authenticated"

    @classmethod
    def perform_mutation(cls, _root, info, id=None, token=None, checkout_id=None):
        token = services.parse_token(checkout_token(id=id, token=token, checkout_id=checkout_id))
        owner = CheckoutModel.objects.filter(pk=token).values_list("user_id", flat=True).first()
        viewer = info.context.user
        # Only the owner (or staff impersonating customers) detaches a cart from its account.
        if owner is not None and owner != viewer.pk and not has_permissions(viewer,
                                                                           [PermissionEnum.IMPERSONATE_USER]):
            raise PermissionDenied(permissions=[PermissionEnum.IMPERSONATE_USER])
        checkout = services.checkout_customer_detach(checkout_token=token)
        return cls(checkout=reload(checkout))


class CheckoutAddPromoCode(CheckoutMutation):
    checkout = graphene.Field(Checkout, description="The checkout with the added gift card or voucher.")

    Arguments = type("Arguments", (), _checkout_args(promo_code=graphene.String(
        required=True, description="Gift card code or voucher code.")))

    class Meta:
        description = "Adds a gift card or a voucher to a checkout."
        auth = "public"
        atomic = False  # one service call, atomic on its own

    @classmethod
    def perform_mutation(cls, _root, _info, promo_code, id=None, token=None, checkout_id=None):
        checkout = services.checkout_voucher_add(
            checkout_token=checkout_token(id=id, token=token, checkout_id=checkout_id), code=promo_code)
        return cls(checkout=reload(checkout))


class CheckoutRemovePromoCode(CheckoutMutation):
    checkout = graphene.Field(Checkout, description="The checkout with the removed gift card or voucher.")

    Arguments = type("Arguments", (), _checkout_args(
        promo_code=graphene.String(description="Gift card code or voucher code."),
        promo_code_id=graphene.ID(description="Gift card or voucher ID.")))

    class Meta:
        description = "Remove a gift card or a voucher from a checkout."
        auth = "public"
        atomic = False  # one service call, atomic on its own

    @classmethod
    def perform_mutation(cls, _root, _info, id=None, token=None, checkout_id=None, promo_code=None,
                         promo_code_id=None):
        token = checkout_token(id=id, token=token, checkout_id=checkout_id)
        code = promo_code
        if promo_code_id:
            _, voucher_pk = decode_pk(promo_code_id, ("Voucher", "GiftCard"), field="promo_code_id", kind="int")
            from backend.commerce.discount.models import Voucher

            code = Voucher.objects.filter(pk=voucher_pk).values_list("code", flat=True).first()
            if code is None:
                raise error("promo_code_id", "Ce code promo n'existe pas.", CheckoutErrorCode.NOT_FOUND)
        checkout = services.checkout_voucher_remove(checkout_token=token, code=code)
        return cls(checkout=reload(checkout))
