"""Run by test_database_restart.py in a process of its own, with DATABASE_URL naming a private PostgreSQL server.

It migrates the empty database, puts two Maroilles in a cart to collect at Le Quesnoy, and sends checkoutComplete
through the GraphQL endpoint. Halfway (order rows written, not committed), it prints RESTART and waits for a line on
stdin: meanwhile the test restarts the server. Then it reads the rows, sends the same call again, and prints what it
saw as one JSON line. Nothing here knows the test process: only the pipes and the database are shared.
"""

import json
import sys
import time
from decimal import Decimal

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

COMPLETE = "mutation($id: ID!) { checkoutComplete(id: $id) { order { number status } errors { code } } }"


def prepare_cart():
    from backend.commerce.checkout import delivery, services
    from backend.commerce.product.models import ProductChannelListing
    from backend.commerce.territory.models import Commune
    from backend.commerce.warehouse.models import WarehouseClickAndCollectOption
    from tests import factories

    channel = factories.channel()
    channel.reservation_minutes_anonymous = channel.reservation_minutes_authenticated = None
    channel.save()
    commune = Commune.objects.create(insee="59481", name="Le Quesnoy", slug="le-quesnoy", postcodes=["59530"],
                                     population=4900, latitude=Decimal("50.24870"), longitude=Decimal("3.63640"))
    point = factories.warehouse("Point retrait Le Quesnoy", commune=commune)
    point.click_and_collect_option = WarehouseClickAndCollectOption.ALL_WAREHOUSES
    point.is_private = False
    point.save()
    cheese = factories.product("Maroilles AOP", price="12.50", stock=10, wh=factories.warehouse("Ferme du Bocage"))
    ProductChannelListing.objects.filter(product=cheese).update(available_for_purchase_at=timezone.now())
    checkout = services.checkout_create(channel=channel, email="lea@exemple.fr",
                                        lines=[services.LineInput(cheese.default_variant.pk, 2)])
    delivery.checkout_delivery_method_update(checkout_token=checkout.pk, collection_point_id=point.pk)
    return checkout


def rows() -> dict:
    from backend.commerce.checkout.models import Checkout
    from backend.commerce.order.models import Allocation, Order, OrderLine
    from backend.commerce.warehouse.models import Stock

    return {"orders": Order.objects.count(), "order_lines": OrderLine.objects.count(),
            "allocations": Allocation.objects.count(), "checkouts": Checkout.objects.count(),
            "stock": sorted(Stock.objects.values_list("quantity", "quantity_allocated"))}


def main() -> None:
    from backend.commerce.checkout import complete
    from tests.utils import ApiClient, to_global_id

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    print(f"migrated in {time.monotonic() - started:.1f} s", file=sys.stderr, flush=True)
    checkout = prepare_cart()
    real_allocate, attempts = complete.allocate_order_lines, []

    def allocate_while_the_server_restarts(**kwargs):
        attempts.append(1)
        if len(attempts) == 1:  # the order rows are written in the open transaction: now the server goes away
            print("RESTART", flush=True)
            if sys.stdin.readline().strip() != "RESTARTED":
                raise SystemExit("the test did not restart the server")
        return real_allocate(**kwargs)

    complete.allocate_order_lines = allocate_while_the_server_restarts
    api, variables = ApiClient(), {"id": to_global_id("Checkout", checkout.pk)}
    before = rows()
    lost = api.query(COMPLETE, variables)
    after_loss = rows()
    retried = api.query(COMPLETE, variables)
    print(json.dumps({"before": before, "lost": lost, "after_loss": after_loss, "retried": retried,
                      "after_retry": rows(), "attempts": len(attempts)}), flush=True)


if __name__ == "__main__":
    main()
