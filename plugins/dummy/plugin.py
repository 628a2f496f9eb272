"""Gateway `saleor.io.dummy-payment-app`: Saleor's Dummy Payment app, for the demo (`make run`) and the tests.

The client names the event it wants: `data: {event: {type: "CHARGE_SUCCESS", includePspReference: true}}` in
transactionInitialize and transactionProcess. Without `data`, the session simply succeeds (CHARGE_SUCCESS, or
AUTHORIZATION_SUCCESS for the AUTHORIZATION flow). Staff actions (charge, refund, cancel) always succeed.

A type outside the dummy app's list is a typed error (INVALID, nothing written): the plugin answers it as the event
type, which the payment services refuse before writing anything (a filter hook cannot raise: the manager would log
the exception and carry on as if the plugin had not answered). Never offered when COMPTOIR_ENV is "production".
"""

import logging
import uuid
from decimal import Decimal

from django.conf import settings

from backend.commerce.payment.gateways import GatewayConfigResult, PaymentGatewayInfo, TransactionSessionResult
from backend.core.plugins import BasePlugin

logger = logging.getLogger(__name__)

GATEWAY_ID = "saleor.io.dummy-payment-app"
GATEWAY_NAME = "Paiement fictif (démonstration)"
SESSION_EVENTS = ("CHARGE_SUCCESS", "CHARGE_FAILURE", "CHARGE_REQUEST", "CHARGE_ACTION_REQUIRED",
                  "AUTHORIZATION_SUCCESS", "AUTHORIZATION_FAILURE", "AUTHORIZATION_REQUEST",
                  "AUTHORIZATION_ACTION_REQUIRED")
ACTIONS_AFTER = {"CHARGE_SUCCESS": ("REFUND",), "AUTHORIZATION_SUCCESS": ("CHARGE", "CANCEL"),
                 "CHARGE_REQUEST": ("CANCEL",), "AUTHORIZATION_REQUEST": ("CANCEL",),
                 "CHARGE_ACTION_REQUIRED": ("CANCEL",), "AUTHORIZATION_ACTION_REQUIRED": ("CANCEL",)}
INVALID_EVENT = "DUMMY_INVALID_EVENT_TYPE"  # not a TransactionEventTypeEnum value: the services refuse it (INVALID)


def dummy_allowed() -> bool:
    if getattr(settings, "COMPTOIR_ENV", "development") == "production":
        logger.error("The dummy payment gateway is refused in production; it is not offered.")
        return False
    return True


def requested_event(data, default: str) -> tuple[str, bool]:
    """(event type, include a PSP reference) named by the client, or INVALID_EVENT when it is not a dummy event."""
    if data is None:
        return default, True
    event = data.get("event") if isinstance(data, dict) else None
    if not isinstance(event, dict):
        return INVALID_EVENT, False
    kind, include = event.get("type"), event.get("includePspReference", False)
    if kind not in SESSION_EVENTS or not isinstance(include, bool):
        return INVALID_EVENT, False
    return kind, include


def _reference() -> str:
    return f"dummy-{uuid.uuid4().hex[:20]}"


class DummyPaymentPlugin(BasePlugin):
    PLUGIN_ID = "comptoir.dummy-payment"
    PLUGIN_NAME = "Paiement fictif (démonstration)"

    def payment_gateways(self, previous_value, **kwargs):
        if not dummy_allowed():
            return previous_value
        return [*previous_value, PaymentGatewayInfo(id=GATEWAY_ID, name=GATEWAY_NAME, currencies=("EUR",))]

    def payment_gateway_initialize(self, previous_value, gateway_id, **kwargs):
        if gateway_id != GATEWAY_ID or not dummy_allowed():
            return previous_value
        return {**previous_value, GATEWAY_ID: GatewayConfigResult(id=GATEWAY_ID, data={})}

    def _session(self, data, default: str, amount: Decimal, psp_reference: str = "") -> TransactionSessionResult:
        kind, include = requested_event(data, default)
        if kind == INVALID_EVENT:
            return TransactionSessionResult(result=INVALID_EVENT, amount=amount,
                                            message="Évènement de paiement fictif invalide.")
        reference = psp_reference or (_reference() if include else "")
        return TransactionSessionResult(result=kind, amount=amount, psp_reference=reference,
                                        actions=ACTIONS_AFTER.get(kind, ()),
                                        message=f"Paiement fictif : {kind}.",
                                        data={"event": {"type": kind, "includePspReference": include}})

    def transaction_initialize(self, previous_value, gateway_id, amount, action="CHARGE", data=None, **kwargs):
        if gateway_id != GATEWAY_ID or not dummy_allowed():
            return previous_value
        default = "AUTHORIZATION_SUCCESS" if action == "AUTHORIZATION" else "CHARGE_SUCCESS"
        return self._session(data, default, amount)

    def transaction_process(self, previous_value, gateway_id, transaction, data=None, **kwargs):
        if gateway_id != GATEWAY_ID or not dummy_allowed():
            return previous_value
        last = transaction.events.order_by("-created_at", "-pk").first()
        amount = last.amount_value if last else Decimal("0.00")
        default = "AUTHORIZATION_SUCCESS" if last and last.type.startswith("AUTHORIZATION") else "CHARGE_SUCCESS"
        return self._session(data, default, amount, psp_reference=transaction.psp_reference)

    def transaction_action_request(self, previous_value, gateway_id, action, amount, **kwargs):
        if gateway_id != GATEWAY_ID:
            return previous_value
        return TransactionSessionResult(result=f"{action}_SUCCESS", amount=amount, psp_reference=_reference(),
                                        actions={"CHARGE": ("REFUND",), "REFUND": ("REFUND",), "CANCEL": ()}[action],
                                        message=f"Paiement fictif : {action}_SUCCESS.")
