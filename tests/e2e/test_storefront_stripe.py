"""The residents' site paid by card in Debian's Chromium, against localstripe: the Card Element, confirmCardPayment,
then the return page (transactionProcess and checkoutComplete) up to the confirmation of a paid order; a declined card
shows a French refusal and leaves the cart payable.

localstripe's fake Stripe.js draws plain inputs for the Card Element but its confirmCardPayment only answers a 3-D
Secure step of a PaymentIntent already confirmed by a server: it never sends the card. `_browser_stripe` adds what
real Stripe.js does, in the browser: it posts the typed card with the client secret to the PaymentIntent's confirm
address, and the test answers that call as Stripe's API does (a card PaymentMethod, attached, then the confirmation,
402 for a declined card), with the secret key on the Python side. The page code under test stays the production code.
"""

import json
from decimal import Decimal

import pytest
import requests

from tests.backend.commerce.conftest import channel  # noqa: F401 - fixture by name
from tests.e2e.test_storefront_pages import shop  # noqa: F401 - the same shop: a Maroilles at 12,50 €, a pickup point
from tests.plugins.conftest import localstripe, localstripe_server  # noqa: F401 - fixtures by name

pytestmark = pytest.mark.django_db(transaction=True)
SECRET_KEY = "sk_test_comptoir"

# Appended to localstripe's Stripe.js: confirmCardPayment as real Stripe.js does it (card and client secret sent).
CONFIRM_LIKE_STRIPE_JS = """
(function () {
  const fakeStripe = Stripe;
  Stripe = function (key, options) {
    const stripe = fakeStripe(key, options);
    stripe.confirmCardPayment = async function (clientSecret, data) {
      window.payButtonWhileConfirming = document.getElementById("pay").disabled ? "disabled" : "enabled";
      const intent = clientSecret.match(/^(pi_\\w+)_secret_/)[1];
      const response = await fetch(`${LOCALSTRIPE_BASE_API}/v1/payment_intents/${intent}/confirm`, {
        method: "POST",
        body: JSON.stringify({key: key, client_secret: clientSecret,
                              payment_method_data: {type: "card", card: data.payment_method.card.value.card}})});
      const body = await response.json();
      return response.ok ? {paymentIntent: body} : {error: body.error};
    };
    return stripe;
  };
})();
"""


def _stripe_api(method: str, url: str, data: dict | None = None) -> requests.Response:
    return requests.request(method, url, data=data, auth=(SECRET_KEY, ""), timeout=10)


def _browser_stripe(page, stripe_url: str) -> list[str]:
    """Route Stripe.js and its confirm call; returns the PaymentIntents the browser confirmed, in order."""
    confirmed: list[str] = []

    def serve_stripe_js(route):
        fake = route.fetch()
        route.fulfill(response=fake, body=fake.text() + CONFIRM_LIKE_STRIPE_JS)

    def confirm(route):
        body = json.loads(route.request.post_data)
        intent_id = route.request.url.rsplit("/", 2)[-2]
        confirmed.append(intent_id)
        intent = _stripe_api("GET", f"{stripe_url}/v1/payment_intents/{intent_id}").json()
        headers = {"Access-Control-Allow-Origin": "*"}
        if body["client_secret"] != intent["client_secret"] or not body["key"].startswith("pk_"):
            route.fulfill(status=401, headers=headers, json={"error": {"message": "Unauthorized"}})
            return
        card = body["payment_method_data"]["card"]
        method = _stripe_api("POST", f"{stripe_url}/v1/payment_methods", {
            "type": "card", **{f"card[{key}]": value for key, value in card.items()}}).json()
        # localstripe checks some declined test cards (4000 0000 0000 0002) when the card is attached to a customer,
        # others (…0341) at the charge: both checks, as Stripe declines both at confirmation.
        customer = _stripe_api("POST", f"{stripe_url}/v1/customers").json()
        answer = _stripe_api("POST", f"{stripe_url}/v1/payment_methods/{method['id']}/attach",
                             {"customer": customer["id"]})
        if answer.ok:
            _stripe_api("POST", f"{stripe_url}/v1/payment_intents/{intent_id}", {"payment_method": method["id"]})
            answer = _stripe_api("POST", f"{stripe_url}/v1/payment_intents/{intent_id}/confirm")
        route.fulfill(status=answer.status_code, headers=headers, json=answer.json())

    page.route(f"{stripe_url}/js.stripe.com/v3/", serve_stripe_js)
    page.route(f"{stripe_url}/v1/payment_intents/*/confirm", confirm)
    return confirmed


@pytest.fixture
def card_shop(shop, localstripe, settings):  # noqa: F811 - fixtures by name
    """The shop's own plugins (producers, pickup slots...) with Stripe as the only payment gateway."""
    from backend.config import settings as configured
    from backend.core.plugins import reset_plugin_manager

    settings.PLUGINS = [p for p in configured.PLUGINS if not p.startswith(("plugins.dummy.", "plugins.stripe."))] + [
        "plugins.stripe.plugin.StripePlugin"]
    reset_plugin_manager()
    settings.STOREFRONT_STRIPE_JS_URL = f"{localstripe.url}/js.stripe.com/v3/"
    settings.STOREFRONT_PAGE_CACHE_SECONDS = 0
    settings.STOREFRONT_DATA_CACHE_SECONDS = 0
    return shop


def _to_card_payment(page, base: str, product, email: str) -> None:
    """Product -> cart -> contact -> pickup point -> "Carte bancaire": the Stripe page is shown."""
    page.goto(f"{base}/produits/{product.slug}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Ajouter au panier").click()
    page.goto(f"{base}/panier/")
    with page.expect_navigation():
        page.get_by_role("link", name="Commander").click()
    page.fill("input[type=email]", email)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/commande/livraison/")
    page.locator("input[type=radio][name=mode]").first.check()
    with page.expect_navigation():
        page.get_by_role("button", name="Continuer").click()
    page.wait_for_url(f"{base}/commande/paiement/")
    page.get_by_label("Carte bancaire en ligne (paiement sécurisé)").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Valider ma commande").click()
    page.get_by_role("heading", name="Paiement par carte").wait_for()


def _type_card(page, number: str) -> None:
    """localstripe's Card Element: plain inputs named by their placeholder."""
    for placeholder, value in (("number", number), ("exp_month", "12"), ("exp_year", "34"), ("cvc", "123")):
        page.fill(f"#card-element input[placeholder={placeholder}]", value)


def _intents_of(stripe_url: str, checkout_token: str) -> list[dict]:
    listed = _stripe_api("GET", f"{stripe_url}/v1/payment_intents", {"limit": 100}).json()["data"]
    return [pi for pi in listed if (pi["metadata"] or {}).get("checkout_token") == checkout_token]


def test_card_payment_with_localstripe_ends_on_the_confirmation_of_a_paid_order(live_server, page, screenshot,
                                                                                 card_shop, localstripe):  # noqa: F811
    from backend.commerce.order.models import Order

    # Given the cart up to the card page
    base = live_server.url
    confirmed = _browser_stripe(page, localstripe.url)
    _to_card_payment(page, base, card_shop, "lea.carte@example.fr")
    assert page.locator("#pay").inner_text() == "Payer 12,50\u00a0€"

    # When the test card is typed and paid
    _type_card(page, "4242424242424242")
    page.get_by_role("button", name="Payer 12,50\u00a0€").click()
    page.wait_for_url(f"{base}/commande/confirmation/**")

    # Then the confirmation names the paid order, paid through one PaymentIntent
    order = Order.objects.get()
    assert page.get_by_role("heading", level=1).inner_text() == (
        f"Merci ! Votre commande n° {order.number} est enregistrée")
    assert (order.user_email, order.charge_status, order.total_charged_amount) == (
        "lea.carte@example.fr", "FULL", Decimal("12.50"))
    intents = _intents_of(localstripe.url, str(order.checkout_token))
    assert [(pi["id"], pi["status"], pi["amount"], pi["currency"]) for pi in intents] == [
        (confirmed[0], "succeeded", 1250, "eur")]
    assert len(confirmed) == 1
    screenshot("storefront-stripe-confirmation")


@pytest.mark.parametrize("declined_card", ["4000000000000002", "4000000000000341"])
def test_declined_card_shows_a_french_refusal_and_leaves_the_cart_payable(live_server, page, screenshot, card_shop,
                                                                          localstripe,  # noqa: F811
                                                                          declined_card):
    from backend.commerce.checkout.models import Checkout
    from backend.commerce.order.models import Order

    # Given the cart up to the card page
    base = live_server.url
    confirmed = _browser_stripe(page, localstripe.url)
    _to_card_payment(page, base, card_shop, "lea.refus@example.fr")

    # When a card that the bank declines is paid
    _type_card(page, declined_card)
    page.get_by_role("button", name="Payer 12,50\u00a0€").click()
    alert = page.get_by_role("alert")
    alert.filter(has_text="refusée").wait_for()

    # Then a French refusal, the button usable again, no order, the cart still there and payable
    assert alert.inner_text() == (
        "Votre carte a été refusée. Essayez une autre carte ou choisissez le paiement au retrait.")
    assert page.evaluate("window.payButtonWhileConfirming") == "disabled"
    assert page.locator("#pay").is_enabled()
    screenshot(f"storefront-stripe-refus-{declined_card[-4:]}")
    assert page.url == f"{base}/commande/paiement/"
    assert Order.objects.count() == 0
    checkout = Checkout.objects.get()
    assert [(line.quantity, line.variant.product_id) for line in checkout.lines.all()] == [(1, card_shop.pk)]
    intents = _intents_of(localstripe.url, str(checkout.token))
    assert [(pi["id"], pi["status"]) for pi in intents] == [(confirmed[0], "requires_payment_method")]
    page.goto(f"{base}/commande/paiement/")
    assert page.get_by_label("Carte bancaire en ligne (paiement sécurisé)").is_checked()
    with page.expect_navigation():
        page.get_by_role("button", name="Valider ma commande").click()
    assert page.locator("#pay").inner_text() == "Payer 12,50\u00a0€"
    assert [pi["id"] for pi in _intents_of(localstripe.url, str(checkout.token))] == [confirmed[0]]
