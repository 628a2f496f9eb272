"""Gateway `saleor.app.payment.stripe`: card payments through Stripe PaymentIntents (Saleor's Stripe app contract).

Listed only when STRIPE_SECRET_KEY and STRIPE_PUBLISHABLE_KEY are set. Answers only for its own gateway id and passes
`previous_value` on otherwise (backend/core/plugins/hooks.py).
"""

from django.conf import settings

from backend.commerce.payment.gateways import GatewayConfigResult, PaymentGatewayInfo
from backend.core.plugins import BasePlugin
from plugins.stripe import sessions
from plugins.stripe.client import GATEWAY_ID, GATEWAY_NAME, stripe_configured


class StripePlugin(BasePlugin):
    PLUGIN_ID = "comptoir.stripe"
    PLUGIN_NAME = "Paiement par carte (Stripe)"

    def payment_gateways(self, previous_value, **kwargs):
        if not stripe_configured():
            return previous_value
        return [*previous_value, PaymentGatewayInfo(id=GATEWAY_ID, name=GATEWAY_NAME, currencies=("EUR",))]

    def payment_gateway_initialize(self, previous_value, gateway_id, **kwargs):
        if gateway_id != GATEWAY_ID:
            return previous_value
        return {**previous_value, GATEWAY_ID: GatewayConfigResult(
            id=GATEWAY_ID, data={"stripePublishableKey": settings.STRIPE_PUBLISHABLE_KEY})}

    def transaction_initialize(self, previous_value, gateway_id, transaction, source, amount, action="CHARGE",
                               data=None, **kwargs):
        if gateway_id != GATEWAY_ID:
            return previous_value
        return sessions.payment_intent_session(transaction=transaction, source=source, amount=amount,
                                               action=action, data=data)

    def transaction_process(self, previous_value, gateway_id, transaction, **kwargs):
        if gateway_id != GATEWAY_ID:
            return previous_value
        return sessions.payment_intent_process(transaction=transaction)

    def transaction_action_request(self, previous_value, gateway_id, transaction, action, amount, **kwargs):
        if gateway_id != GATEWAY_ID:
            return previous_value
        return sessions.payment_intent_action(transaction=transaction, action=action, amount=amount)
