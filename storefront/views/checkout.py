"""Checkout in three steps (contact, delivery, review and payment) and the confirmation page.

Payment: Stripe Elements when the Stripe gateway answers paymentGatewayInitialize with a publishable key; otherwise
(and always as a choice) payment at handover: at the pickup point, or to the courier for a home delivery. The order is
then placed unpaid (the channel allows unpaid orders) and marked paid at handover.
"""

import io

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.safestring import mark_safe

from storefront import auth, client
from storefront.views.cart import SESSION_KEY, current_checkout, french_errors
from storefront.views.common import api, page

STRIPE_GATEWAY = "saleor.app.payment.stripe"
REQUIRED = {"required": "Ce champ est obligatoire."}


class ContactForm(forms.Form):
    email = forms.EmailField(label="Adresse e-mail (pour la confirmation de commande)",
                             error_messages={**REQUIRED, "invalid": "Adresse e-mail invalide."},
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class AddressForm(forms.Form):
    first_name = forms.CharField(label="Prénom", max_length=100, error_messages=REQUIRED)
    last_name = forms.CharField(label="Nom", max_length=100, error_messages=REQUIRED)
    street_address_1 = forms.CharField(label="Adresse", max_length=200, error_messages=REQUIRED)
    street_address_2 = forms.CharField(label="Complément d'adresse", max_length=200, required=False)
    postal_code = forms.RegexField(label="Code postal", regex=r"^\d{5}$",
                                   error_messages={**REQUIRED, "invalid": "Le code postal a 5 chiffres."})
    city = forms.CharField(label="Commune", max_length=100, error_messages=REQUIRED)
    phone = forms.CharField(label="Téléphone (pour le livreur)", max_length=20, required=False)

    def as_api_input(self) -> dict:
        d = self.cleaned_data
        return {"firstName": d["first_name"], "lastName": d["last_name"], "streetAddress1": d["street_address_1"],
                "streetAddress2": d["street_address_2"], "postalCode": d["postal_code"], "city": d["city"],
                "phone": d["phone"], "country": "FR"}


def _checkout_or_cart(request):
    checkout = current_checkout(request)
    if not checkout or not checkout["lines"]:
        messages.info(request, "Votre panier est vide.")
        return None
    return checkout


def contact(request):
    checkout = _checkout_or_cart(request)
    if checkout is None:
        return redirect("storefront:cart")
    signed_in = bool(auth.current_token(request))
    form = ContactForm(request.POST or None, initial={"email": checkout.get("email") or ""})
    if request.method == "POST" and form.is_valid():
        result = api(request, "CheckoutSetEmail", {"id": checkout["id"], "email": form.cleaned_data["email"]})
        errors = result["checkoutEmailUpdate"]["errors"]
        if not errors and signed_in and not checkout.get("user"):
            errors = api(request, "CheckoutAttachCustomer", {"id": checkout["id"]})["checkoutCustomerAttach"]["errors"]
        if not errors:
            return redirect("storefront:checkout-delivery")
        for message in french_errors(errors):
            form.add_error("email", message)
    return page(request, "storefront/checkout/contact.html", {"form": form, "checkout": checkout, "step": 1,
                                                              "signed_in": signed_in})


def delivery(request):
    checkout = _checkout_or_cart(request)
    if checkout is None:
        return redirect("storefront:cart")
    if not checkout.get("email"):
        return redirect("storefront:checkout")
    address_form = AddressForm(prefix="adresse")
    errors: list[str] = []
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "adresse":
            address_form = AddressForm(request.POST, prefix="adresse")
            if address_form.is_valid():
                result = api(request, "CheckoutSetShippingAddress",
                             {"id": checkout["id"], "address": address_form.as_api_input()})
                errors = french_errors(result["checkoutShippingAddressUpdate"]["errors"])
        elif action == "choisir":
            choice = request.POST.get("mode", "")[:200]
            if not choice:
                errors = ["Choisissez un point de retrait ou un mode de livraison."]
            else:
                result = api(request, "CheckoutSetDelivery", {"id": checkout["id"], "deliveryMethodId": choice})
                errors = french_errors(result["checkoutDeliveryMethodUpdate"]["errors"])
                if not errors:
                    return redirect("storefront:checkout-payment")
    choices = api(request, "CheckoutDeliveryChoices", {"id": checkout["id"]}).get("checkout") or {}
    if choices.get("shippingAddress") and not address_form.is_bound:
        a = choices["shippingAddress"]
        address_form = AddressForm(prefix="adresse", initial={
            "first_name": a["firstName"], "last_name": a["lastName"], "street_address_1": a["streetAddress1"],
            "street_address_2": a["streetAddress2"], "postal_code": a["postalCode"], "city": a["city"],
            "phone": a["phone"]})
    return page(request, "storefront/checkout/delivery.html", {
        "checkout": checkout, "step": 2, "errors": errors, "address_form": address_form,
        "points": choices.get("availableCollectionPoints") or [],
        "methods": [m for m in choices.get("shippingMethods") or [] if m.get("active", True)],
        "has_address": bool(choices.get("shippingAddress")),
        "selected": ((checkout.get("deliveryMethod") or {}).get("id")),
    })


def _stripe_config(request, checkout_id: str) -> dict | None:
    try:
        result = api(request, "PaymentGatewaysInitialize",
                     {"id": checkout_id, "gateways": [{"id": STRIPE_GATEWAY}]})["paymentGatewayInitialize"]
    except client.GraphQLErrors:
        return None
    for config in result.get("gatewayConfigs") or []:
        if config["id"] == STRIPE_GATEWAY and not config["errors"] and (config.get("data") or {}).get(
                "stripePublishableKey"):
            return config["data"]
    return None


def payment(request):
    checkout = _checkout_or_cart(request)
    if checkout is None:
        return redirect("storefront:cart")
    if not checkout.get("deliveryMethod"):
        return redirect("storefront:checkout-delivery")
    stripe = _stripe_config(request, checkout["id"])
    errors: list[str] = []
    if request.method == "POST":
        method = request.POST.get("paiement", "")
        if method == "carte" and stripe:
            result = api(request, "TransactionInitialize", {"id": checkout["id"], "gateway": {
                "id": STRIPE_GATEWAY, "data": {"paymentIntent": {"paymentMethod": "card"}}}})["transactionInitialize"]
            if not result["errors"] and (result.get("data") or {}).get("paymentIntent"):
                request.session["transaction_id"] = result["transaction"]["id"]
                return page(request, "storefront/checkout/stripe.html", {
                    "checkout": checkout, "step": 3, "publishable_key": stripe["stripePublishableKey"],
                    "client_secret": result["data"]["paymentIntent"]["stripeClientSecret"],
                    "stripe_js": settings.STOREFRONT_STRIPE_JS_URL})
            errors = [e.get("message") or "Le paiement n'a pas pu démarrer." for e in result["errors"]] or [
                "Le paiement n'a pas pu démarrer."]
        elif method == "remise":
            return _complete(request, checkout)
        else:
            errors = ["Choisissez un moyen de paiement."]
    is_pickup = (checkout.get("deliveryMethod") or {}).get("__typename") == "Warehouse"
    return page(request, "storefront/checkout/payment.html", {
        "checkout": checkout, "step": 3, "stripe": stripe, "errors": errors, "is_pickup": is_pickup})


def payment_return(request):
    """Stripe.js came back after confirming the card: process the transaction, then place the order."""
    checkout = _checkout_or_cart(request)
    transaction_id = request.session.get("transaction_id")
    if checkout is None or not transaction_id:
        return redirect("storefront:cart")
    result = api(request, "TransactionProcess", {"id": transaction_id})["transactionProcess"]
    event = (result.get("transactionEvent") or {}).get("type", "")
    if result["errors"] or event.endswith("FAILURE"):
        messages.error(request, "Le paiement a été refusé. Vous pouvez réessayer ou payer au retrait.")
        return redirect("storefront:checkout-payment")
    return _complete(request, checkout)


def _complete(request, checkout):
    result = api(request, "CheckoutComplete", {"id": checkout["id"]})["checkoutComplete"]
    if result["errors"] or not result["order"]:
        for message in french_errors(result["errors"]) or ["La commande n'a pas pu être enregistrée."]:
            messages.error(request, message)
        return redirect("storefront:checkout-payment")
    request.session.pop(SESSION_KEY, None)
    request.session.pop("transaction_id", None)
    return redirect("storefront:order-confirmation", order_id=result["order"]["id"])


def confirmation(request, order_id: str):
    try:
        order = api(request, "OrderConfirmation", {"id": order_id[:200]}).get("order")
    except client.GraphQLErrors:
        order = None
    if not order:
        raise Http404("Cette commande est introuvable.")
    meta = {item["key"]: item["value"] for item in order.get("metadata") or []}
    pickup_code = meta.get("pickupCode", "")
    qr_svg = ""
    if pickup_code:
        buffer = io.BytesIO()
        segno.make(pickup_code, error="m").save(buffer, kind="svg", scale=6, xmldecl=False, svgns=True,
                                                 title=f"Code de retrait {pickup_code}")
        qr_svg = mark_safe(buffer.getvalue().decode())  # noqa: S308 - generated by segno from our code
    return page(request, "storefront/checkout/confirmation.html", {
        "order": order, "pickup_code": pickup_code, "qr_svg": qr_svg})
