"""What each PaymentIntent state stands for (the states localstripe cannot reach, like processing, included)."""

from decimal import Decimal

import pytest

from plugins.stripe.sessions import result_from_intent

D = Decimal


@pytest.mark.parametrize(("intent", "expected"), [
    ({"status": "succeeded", "amount_received": 2500}, ("CHARGE_SUCCESS", D("25.00"), ("REFUND",))),
    ({"status": "succeeded", "amount_received": 2000, "capture_method": "manual"},
     ("CHARGE_SUCCESS", D("20.00"), ("REFUND",))),
    ({"status": "requires_capture", "amount_capturable": 2500, "capture_method": "manual"},
     ("AUTHORIZATION_SUCCESS", D("25.00"), ("CHARGE", "CANCEL"))),
    ({"status": "processing"}, ("CHARGE_REQUEST", D("25.00"), ("CANCEL",))),
    ({"status": "processing", "capture_method": "manual"}, ("AUTHORIZATION_REQUEST", D("25.00"), ("CANCEL",))),
    ({"status": "requires_action"}, ("CHARGE_ACTION_REQUIRED", D("25.00"), ("CANCEL",))),
    ({"status": "requires_payment_method"}, ("CHARGE_ACTION_REQUIRED", D("25.00"), ("CANCEL",))),
    ({"status": "requires_payment_method", "last_payment_error": {"message": "Carte expirée"}},
     ("CHARGE_FAILURE", D("25.00"), ("CANCEL",))),
    ({"status": "canceled"}, ("CHARGE_FAILURE", D("25.00"), ())),
])
def test_each_payment_intent_state_gives_its_event(intent, expected):
    result = result_from_intent({"id": "pi_1", "amount": 2500, "client_secret": "pi_1_secret_x",
                                 "capture_method": "automatic", **intent})
    assert (result.result, result.amount, result.actions) == expected
    assert result.psp_reference == "pi_1"
    waiting = result.result.endswith(("_ACTION_REQUIRED", "_FAILURE")) and intent["status"] != "canceled"
    assert result.data == ({"paymentIntent": {"stripeClientSecret": "pi_1_secret_x"}} if waiting else None)
