"""The cart (a Saleor checkout whose ID the visitor's session holds)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from storefront import client
from storefront.views.common import THROTTLED, api, channel_slug, optional_api, page

SESSION_KEY = "checkout_id"
MAX_QUANTITY = 50

CHECKOUT_MESSAGES = {
    "INSUFFICIENT_STOCK": "Il n'y a pas assez de stock pour cette quantité.",
    "QUANTITY_GREATER_THAN_LIMIT": f"Vous pouvez commander au plus {MAX_QUANTITY} unités de ce produit.",
    "ZERO_QUANTITY": "La quantité doit être d'au moins 1.",
    "PRODUCT_NOT_PUBLISHED": "Ce produit n'est plus en vente.",
    "PRODUCT_UNAVAILABLE_FOR_PURCHASE": "Ce produit n'est pas disponible à l'achat pour le moment.",
    "UNAVAILABLE_VARIANT_IN_CHANNEL": "Ce produit n'est pas vendu sur le Comptoir.",
    "NOT_FOUND": "Ce panier ou ce produit n'existe plus.",
    "EMAIL_NOT_SET": "Indiquez votre adresse e-mail.",
    "SHIPPING_ADDRESS_NOT_SET": "Indiquez votre adresse de livraison.",
    "SHIPPING_METHOD_NOT_SET": "Choisissez un point de retrait ou la livraison à domicile.",
    "DELIVERY_METHOD_NOT_APPLICABLE": "Ce mode de retrait ou de livraison n'est pas possible pour ce panier.",
    "SHIPPING_METHOD_NOT_APPLICABLE": "La livraison à domicile n'est pas possible à cette adresse.",
    "INVALID_SHIPPING_METHOD": "Ce mode de livraison n'est pas valable.",
    "VOUCHER_NOT_APPLICABLE": "Ce code promo ne s'applique pas à ce panier.",
    "CHECKOUT_NOT_FULLY_PAID": "Le paiement n'est pas encore complet.",
    "NO_LINES": "Votre panier est vide.",
    "INVALID": "Saisie invalide.",
    "REQUIRED": "Ce champ est obligatoire.",
    "RATE_LIMITED": THROTTLED,
}


# Codes whose message from the API says more than ours: it names the product and why (e.g. « Maroilles » : the
# producer's orders for Friday's distribution closed on Wednesday at 16 h 00).
SPECIFIC_MESSAGE_CODES = {"PRODUCT_UNAVAILABLE_FOR_PURCHASE"}


def french_errors(errors: list[dict]) -> list[str]:
    def message(error: dict) -> str:
        if error.get("code") in SPECIFIC_MESSAGE_CODES and error.get("message"):
            return error["message"]
        return CHECKOUT_MESSAGES.get(error.get("code"), error.get("message") or "Erreur")
    return [message(e) for e in errors]


class QuantityForm(forms.Form):
    quantity = forms.IntegerField(min_value=0, max_value=MAX_QUANTITY, error_messages={
        "required": "Indiquez une quantité.", "invalid": "La quantité doit être un nombre entier.",
        "min_value": "La quantité ne peut pas être négative.",
        "max_value": f"Vous pouvez commander au plus {MAX_QUANTITY} unités.",
    })


def current_checkout(request) -> dict | None:
    """The visitor's checkout, or None (and the stale ID forgotten) when it no longer resolves."""
    checkout_id = request.session.get(SESSION_KEY)
    if not checkout_id:
        return None
    try:
        checkout = api(request, "Cart", {"id": checkout_id}).get("checkout")
    except client.GraphQLErrors:
        checkout = None  # a tampered or foreign ID: start afresh
    if checkout is None:
        request.session.pop(SESSION_KEY, None)
    return checkout


def _first_error(form) -> str:
    return next(iter(form.errors.values()))[0]


@require_POST
def add(request):
    variant_id = request.POST.get("variant", "")[:200]
    form = QuantityForm({"quantity": request.POST.get("quantity", "1")})
    back = request.POST.get("retour") or "/panier/"
    if not back.startswith("/") or back.startswith("//"):
        back = "/panier/"
    if not form.is_valid() or not variant_id:
        messages.error(request, _first_error(form) if not form.is_valid() else "Choisissez un format.")
        return redirect(back)
    quantity = form.cleaned_data["quantity"] or 1
    lines = [{"variantId": variant_id, "quantity": quantity}]
    errors = _add_lines(request, lines)
    if errors:
        for message in french_errors(errors):
            messages.error(request, message)
        return redirect(back)
    messages.success(request, "Ajouté au panier.")
    return redirect(back)


def _add_lines(request, lines: list[dict]) -> list[dict]:
    checkout_id = request.session.get(SESSION_KEY)
    try:
        if checkout_id:
            result = api(request, "CartAddLines", {"id": checkout_id, "lines": lines})["checkoutLinesAdd"]
            if not any(e.get("code") == "NOT_FOUND" and e.get("field") in (None, "id") for e in result["errors"]):
                return result["errors"]
        result = api(request, "CartCreate", {"input": {"channel": channel_slug(), "lines": lines}})["checkoutCreate"]
    except client.GraphQLErrors as refusal:  # a top-level error: only the rate limit is told as such
        return [{"code": "RATE_LIMITED" if refusal.rate_limited else "INVALID"}]
    if result["checkout"]:
        request.session[SESSION_KEY] = result["checkout"]["id"]
    return result["errors"]


def view(request):
    checkout = current_checkout(request)
    return page(request, "storefront/cart.html", {"checkout": checkout, "groups": lines_by_producer(request, checkout)})


LINE_PROBLEMS = {  # Saleor's CheckoutLineProblem types, said to the resident
    "CheckoutLineProblemVariantNotAvailable": "Ce produit ne peut plus être commandé (pour cette distribution) : "
                                              "retirez-le pour valider votre commande.",
    "CheckoutLineProblemInsufficientStock": "Il n'y a plus assez de stock pour cette quantité.",
}


def line_problem(line: dict) -> str:
    kinds = [problem.get("__typename") for problem in line.get("problems") or []]
    return next((LINE_PROBLEMS[kind] for kind in kinds if kind in LINE_PROBLEMS), "")


def lines_by_producer(request, checkout: dict | None) -> list[dict]:
    """The cart's lines grouped by producer (each prepares its own goods), producers alphabetically, lines of no
    known producer last. One extension query; without the producers plugin, a single group."""
    lines = (checkout or {}).get("lines") or []
    if not lines:
        return []
    product_ids = sorted({line["variant"]["product"]["id"] for line in lines})
    data = optional_api(request, "ProducersOfProducts", {"ids": product_ids, "channel": channel_slug()})
    producer_of = {edge["node"]["id"]: edge["node"].get("producer")
                   for edge in (data.get("products") or {}).get("edges") or []}
    groups: dict[str, dict] = {}
    for line in lines:
        line["problem"] = line_problem(line)
        producer = producer_of.get(line["variant"]["product"]["id"])
        key = producer["slug"] if producer else ""
        groups.setdefault(key, {"producer": producer, "lines": []})["lines"].append(line)
    return sorted(groups.values(), key=lambda g: (g["producer"] is None, (g["producer"] or {}).get("name", "")))


@require_POST
def update(request):
    checkout_id = request.session.get(SESSION_KEY)
    form = QuantityForm({"quantity": request.POST.get("quantity", "")})
    line_id = request.POST.get("line", "")[:200]
    if not checkout_id or not line_id:
        return redirect("storefront:cart")
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return redirect("storefront:cart")
    quantity = form.cleaned_data["quantity"]
    if quantity == 0:
        result = api(request, "CartDeleteLines", {"id": checkout_id, "linesIds": [line_id]})["checkoutLinesDelete"]
    else:
        result = api(request, "CartUpdateLines", {"id": checkout_id,
                                                  "lines": [{"lineId": line_id, "quantity": quantity}]})
        result = result["checkoutLinesUpdate"]
    for message in french_errors(result["errors"]):
        messages.error(request, message)
    if not result["errors"]:
        messages.success(request, "Panier mis à jour.")
    return redirect("storefront:cart")


@require_POST
def remove(request):
    checkout_id = request.session.get(SESSION_KEY)
    line_id = request.POST.get("line", "")[:200]
    if checkout_id and line_id:
        result = api(request, "CartDeleteLines", {"id": checkout_id, "linesIds": [line_id]})["checkoutLinesDelete"]
        for message in french_errors(result["errors"]):
            messages.error(request, message)
        if not result["errors"]:
            messages.success(request, "Produit retiré du panier.")
    return redirect("storefront:cart")
