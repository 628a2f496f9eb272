import datetime
import io

import pytest
from django.core.management import call_command

from backend.commerce.shipping.selectors import DeliveryOption
from logistics.models import DistributionDay, Hub, PickupPoint, PickupSlot, Vehicle
from logistics.plugin import LogisticsPlugin
from logistics.services.setup import next_friday
from tests.logistics.app import builders


@pytest.mark.django_db
def test_logistics_demo_command_is_idempotent():
    builders.pickup_point()  # a click-and-collect warehouse, as the demo has
    out = io.StringIO()
    call_command("logistics_demo", "--date", "2030-05-24", stdout=out)
    call_command("logistics_demo", "--date", "2030-05-24", stdout=out)
    assert out.getvalue().splitlines()[-1] == ("Journée du 24/05/2030 au hub « Hub du Comptoir — Le Quesnoy » : "
                                               "1 point(s) de retrait, 3 véhicule(s).")
    assert (Hub.objects.count(), DistributionDay.objects.count(), Vehicle.objects.count()) == (1, 1, 3)
    assert PickupSlot.objects.filter(date=datetime.date(2030, 5, 24)).count() == 1
    assert PickupPoint.objects.get().kind == "pickup_point"


def test_next_friday_is_never_today():
    assert next_friday(datetime.date(2030, 5, 17)) == datetime.date(2030, 5, 24)  # a Friday
    assert next_friday(datetime.date(2030, 5, 15)) == datetime.date(2030, 5, 17)


@pytest.mark.django_db
def test_delivery_options_name_the_next_open_day_and_are_unchanged_without_one():
    option = DeliveryOption(shipping_method_id=1, name="À domicile", price_amount=0, currency="EUR", tax_rate=20)
    plugin = LogisticsPlugin()
    assert plugin.delivery_options(previous_value=[option], checkout=None) == [option]
    builders.day(status=DistributionDay.Status.OPEN)
    assert [o.message for o in plugin.delivery_options(previous_value=[option], checkout=None)] == [
        "Livrée lors de la tournée du 17/05/2030."]
