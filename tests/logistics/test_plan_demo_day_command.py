"""`comptoir plan-demo-day`: the demo day planned from the command line, as text or JSON."""

import io
import json

import pytest
from django.core.management import CommandError, call_command


def test_plan_demo_day_json_accounts_for_every_stop():
    # when the demo day is planned with a short budget
    out = io.StringIO()
    call_command("plan_demo_day", "--time-limit", "1", "--json", stdout=out)
    payload = json.loads(out.getvalue())
    # then each of the 98 stops is either in a round or explained, and the summary matches the detail
    served = [stop["stop"] for trip in payload["rounds_detail"] for stop in trip["stops"]]
    unserved = [item["stop"] for item in payload["unserved_detail"]]
    assert len(served) == len(set(served))
    assert len(served) + len(unserved) == 98
    assert all(item["reason"] for item in payload["unserved_detail"])
    assert payload["rounds"] == len(payload["rounds_detail"])
    assert payload["violations"] == len(payload["violations_detail"])
    assert payload["feasible"] is (payload["violations"] == 0)
    assert payload["baseline_km"] == 2868.6
    assert {trip["kind"] for trip in payload["rounds_detail"]} <= {"collection", "delivery"}


def test_plan_demo_day_text_is_french_with_decimal_commas():
    out = io.StringIO()
    call_command("plan_demo_day", "--time-limit", "1", stdout=out)
    text = out.getvalue()
    assert text.startswith("55 producteurs à collecter, 43 livraisons.")
    assert "Fourgon frigorifique #1 — collecte, départ" in text
    assert "(chaque producteur seul : 2868,6 km, 573,7 kg)" in text


def test_plan_demo_day_refuses_a_non_positive_budget():
    with pytest.raises(CommandError, match="--time-limit doit être positif"):
        call_command("plan_demo_day", "--time-limit", "0")
