"""The signed-in resident's space: orders and their status, addresses, password, deleting the account."""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from storefront import auth, client
from storefront.forms import AddressForm, DeletionConfirmForm, PasswordChangeForm, add_api_errors
from storefront.views.account import ACCOUNT_MESSAGES
from storefront.views.common import api, channel_slug, page

ORDERS_PAGE_SIZE = 20
ORDER_STATUS = {
    "DRAFT": "Brouillon", "UNCONFIRMED": "En attente de confirmation", "UNFULFILLED": "En préparation",
    "PARTIALLY_FULFILLED": "Remise en partie", "FULFILLED": "Remise", "PARTIALLY_RETURNED": "Retournée en partie",
    "RETURNED": "Retournée", "CANCELED": "Annulée", "EXPIRED": "Expirée",
}
PAYMENT_STATUS = {
    "NOT_CHARGED": "À payer au retrait", "PENDING": "Paiement en cours", "PARTIALLY_CHARGED": "Payée en partie",
    "FULLY_CHARGED": "Payée", "PARTIALLY_REFUNDED": "Remboursée en partie", "FULLY_REFUNDED": "Remboursée",
    "REFUSED": "Paiement refusé", "CANCELLED": "Paiement annulé",
}
# Codes whose message we word ourselves; for the others the API's own message (French on our backend) is kept.
MESSAGES = {"INVALID_PASSWORD": "Le mot de passe actuel est incorrect.",
            "PASSWORD_TOO_SHORT": ACCOUNT_MESSAGES["PASSWORD_TOO_SHORT"],
            "PASSWORD_TOO_COMMON": ACCOUNT_MESSAGES["PASSWORD_TOO_COMMON"],
            "PASSWORD_ENTIRELY_NUMERIC": ACCOUNT_MESSAGES["PASSWORD_ENTIRELY_NUMERIC"],
            "PASSWORD_TOO_SIMILAR": ACCOUNT_MESSAGES["PASSWORD_TOO_SIMILAR"]}


ADDRESS_NOT_FOUND = "Cette adresse n'existe pas ou n'est pas la vôtre."


def _french(errors: list[dict], extra: dict | None = None) -> list[dict]:
    wording = {**MESSAGES, **(extra or {})}
    return [{**e, "message": wording.get(e.get("code")) or e.get("message") or "Saisie invalide."} for e in errors]


def signed_in(view):
    """Visitors who are not signed in go to the sign-in page, then come back here."""
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not auth.current_token(request):
            return redirect(f"{reverse('storefront:sign-in')}?{urlencode({'suivant': request.get_full_path()})}")
        return view(request, *args, **kwargs)
    return wrapper


def _with_labels(order: dict) -> dict:
    return {**order, "status_label": ORDER_STATUS.get(order.get("status"), order.get("status")),
            "payment_label": PAYMENT_STATUS.get(order.get("paymentStatus"), order.get("paymentStatus") or "")}


@signed_in
def orders(request):
    after = (request.GET.get("apres") or "")[:200] or None
    try:
        me = api(request, "MyOrders", {"first": ORDERS_PAGE_SIZE, "after": after}).get("me") or {}
    except client.GraphQLErrors:  # a tampered cursor
        me = api(request, "MyOrders", {"first": ORDERS_PAGE_SIZE, "after": None}).get("me") or {}
    connection = me.get("orders") or {}
    rows = [_with_labels(edge["node"]) for edge in connection.get("edges") or []]
    return page(request, "storefront/account/orders.html", {
        "orders": rows, "total": connection.get("totalCount") or 0, "page_info": connection.get("pageInfo") or {}})


@signed_in
def order_detail(request, order_id: str):
    try:
        order = api(request, "OrderConfirmation", {"id": order_id[:200]}).get("order")
    except client.GraphQLErrors:
        order = None
    me = api(request, "CurrentUser").get("me") or {}
    # An order's ID opens its confirmation page to whoever holds it; "my orders" only shows the resident's own.
    if not order or (order.get("userEmail") or "").lower() != (me.get("email") or "").lower():
        raise Http404("Cette commande est introuvable.")
    meta = {item["key"]: item["value"] for item in order.get("metadata") or []}
    return page(request, "storefront/account/order_detail.html", {
        "order": _with_labels(order), "pickup_code": meta.get("pickupCode", "")})


def _addresses(request) -> dict:
    return api(request, "MyAddresses").get("me") or {}


@signed_in
def addresses(request):
    form = AddressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = api(request, "MyAddressCreate", {"input": form.api_input()})["accountAddressCreate"]
        if not result["errors"]:
            messages.success(request, "Adresse ajoutée.")
            return redirect("storefront:addresses")
        add_api_errors(form, _french(result["errors"]), AddressForm.API_FIELDS)
    me = _addresses(request)
    default_id = (me.get("defaultShippingAddress") or {}).get("id")
    return page(request, "storefront/account/addresses.html", {
        "addresses": me.get("addresses") or [], "default_id": default_id, "form": form})


@signed_in
def address_edit(request, address_id: str):
    address = next((a for a in _addresses(request).get("addresses") or [] if a["id"] == address_id), None)
    if address is None:
        raise Http404("Cette adresse n'existe pas ou n'est pas la vôtre.")
    form = AddressForm(request.POST or None, initial=AddressForm.initial_from(address))
    if request.method == "POST" and form.is_valid():
        result = api(request, "MyAddressUpdate", {"id": address_id, "input": form.api_input()})
        errors = result["accountAddressUpdate"]["errors"]
        if not errors:
            messages.success(request, "Adresse modifiée.")
            return redirect("storefront:addresses")
        add_api_errors(form, _french(errors), AddressForm.API_FIELDS)
    return page(request, "storefront/account/address_edit.html", {"form": form, "address": address})


def _address_action(request, operation: str, payload: str, variables: dict, success: str):
    try:
        errors = api(request, operation, variables)[payload]["errors"]
    except client.GraphQLErrors:  # a tampered ID
        errors = [{"code": "NOT_FOUND"}]
    if errors:
        for error in _french(errors, {"NOT_FOUND": ADDRESS_NOT_FOUND}):
            messages.error(request, error["message"])
    else:
        messages.success(request, success)
    return redirect("storefront:addresses")


@require_POST
@signed_in
def address_delete(request, address_id: str):
    return _address_action(request, "MyAddressDelete", "accountAddressDelete", {"id": address_id[:200]},
                           "Adresse supprimée.")


@require_POST
@signed_in
def address_set_default(request, address_id: str):
    return _address_action(request, "MyAddressSetDefault", "accountSetDefaultAddress",
                           {"id": address_id[:200], "type": "SHIPPING"}, "Adresse de livraison par défaut choisie.")


@signed_in
def password_change(request):
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = api(request, "MyPasswordChange", {"oldPassword": form.cleaned_data["old_password"],
                                                   "newPassword": form.cleaned_data["new_password"]})["passwordChange"]
        if not result["errors"]:
            messages.success(request, "Votre mot de passe est changé.")
            return redirect("storefront:account")
        add_api_errors(form, _french(result["errors"]), {"oldPassword": "old_password",
                                                         "newPassword": "new_password"})
    return page(request, "storefront/account/password_change.html", {"form": form})


@signed_in
def deletion_request(request):
    """Deleting the account takes two steps, as in Saleor: a link by e-mail, then the confirmation on that link."""
    if request.method == "POST":
        result = api(request, "MyAccountRequestDeletion", {
            "redirectUrl": request.build_absolute_uri(reverse("storefront:account-delete-confirm")),
            "channel": channel_slug()})["accountRequestDeletion"]
        if result["errors"]:
            for error in _french(result["errors"]):
                messages.error(request, error["message"])
        else:
            messages.success(request, "Un e-mail vient de vous être envoyé : ouvrez son lien pour confirmer la "
                                      "suppression de votre compte.")
        return redirect("storefront:account")
    return page(request, "storefront/account/delete.html", {})


@signed_in
def deletion_confirm(request):
    form = DeletionConfirmForm(request.POST or {"token": request.GET.get("token", "")})
    if request.method == "POST" and form.is_valid():
        try:
            errors = api(request, "MyAccountDelete", {"token": form.cleaned_data["token"]})["accountDelete"]["errors"]
        except client.GraphQLErrors:
            errors = [{"code": "INVALID", "message": "Le lien de suppression est invalide ou a expiré."}]
        if not errors:
            auth.sign_out(request)
            messages.success(request, "Votre compte est supprimé. Merci d'avoir fait vos courses au Comptoir.")
            return redirect("/")
        add_api_errors(form, _french(errors), {"token": None})
    return page(request, "storefront/account/delete_confirm.html", {"form": form, "valid_link": form.is_valid()})
