"""Totals of a cart to the cent: mixed VAT rates, vouchers, delivery."""

from decimal import Decimal

import pytest

from backend.commerce.checkout import services
from backend.commerce.checkout.pricing import checkout_totals
from backend.commerce.discount.models import DiscountValueType, Voucher
from tests.backend.commerce.conftest import sellable

D = Decimal


@pytest.mark.django_db
def test_mixed_cart_totals_and_vat_per_rate_are_exact_to_the_cent(channel, cheese, beer):
    # given 2 Maroilles at 12,50 € (5,5 %) and 3 beers at 3,90 € (20 %)
    checkout = services.checkout_create(channel=channel, lines=[services.LineInput(cheese.pk, 2),
                                                                services.LineInput(beer.pk, 3)])
    # when
    totals = checkout_totals(checkout)
    # then each line and each VAT rate are right to the cent, and HT + TVA == TTC
    assert [(p.total.gross.amount, p.total.net.amount) for p in totals.lines] == [(D("25.00"), D("23.70")),
                                                                                  (D("11.70"), D("9.75"))]
    assert [(v.rate, v.net, v.tax, v.gross) for v in totals.vat_breakdown] == [
        (D("5.5"), D("23.70"), D("1.30"), D("25.00")), (D("20"), D("9.75"), D("1.95"), D("11.70"))]
    assert totals.total.gross.amount == D("36.70")
    assert totals.total.net.amount == D("33.45")
    assert totals.total.tax.amount == D("3.25")
    assert totals.subtotal.gross.amount == D("36.70")
    assert totals.shipping.gross.amount == D("0.00")


@pytest.mark.django_db
def test_percentage_voucher_lowers_each_rate_base_in_proportion(channel, cheese, beer):
    # given the mixed cart and a 10 % voucher
    Voucher.objects.create(code="MORMAL10", discount_value_type=DiscountValueType.PERCENTAGE,
                           discount_value=D("10"))
    checkout = services.checkout_create(channel=channel, lines=[services.LineInput(cheese.pk, 2),
                                                                services.LineInput(beer.pk, 3)])
    services.checkout_voucher_add(checkout_token=checkout.pk, code="mormal10")
    checkout.refresh_from_db()
    # when
    totals = checkout_totals(checkout)
    # then 3,67 € off: 1,17 € on the 20 % goods (11,70/36,70 of it), 2,50 € on the 5,5 % goods
    assert totals.discount.order_amount == D("3.67")
    assert [(v.rate, v.gross, v.net, v.tax) for v in totals.vat_breakdown] == [
        (D("5.5"), D("22.50"), D("21.33"), D("1.17")), (D("20"), D("10.53"), D("8.78"), D("1.75"))]
    assert totals.total.gross.amount == D("33.03")
    assert totals.total.net.amount + totals.total.tax.amount == D("33.03")
    assert totals.undiscounted_total.gross.amount == D("36.70")


@pytest.mark.django_db
def test_fixed_voucher_never_takes_more_than_the_goods(channel):
    variant = sellable("Confiture de rhubarbe", price="4.20", rate="5.5")
    Voucher.objects.create(code="CADEAU", discount_value_type=DiscountValueType.FIXED, discount_value=D("10"))
    checkout = services.checkout_create(channel=channel, lines=[services.LineInput(variant.pk, 1)])
    services.checkout_voucher_add(checkout_token=checkout.pk, code="cadeau")
    checkout.refresh_from_db()
    totals = checkout_totals(checkout)
    assert totals.discount.order_amount == D("4.20")
    assert totals.total.gross.amount == D("0.00")
    assert totals.total.net.amount == D("0.00")


@pytest.mark.django_db
def test_home_delivery_fee_is_taxed_at_twenty_percent_and_added_to_the_total(channel, cheese, zone, home_address):
    from backend.commerce.checkout import delivery

    checkout = services.checkout_create(channel=channel, lines=[services.LineInput(cheese.pk, 2)])
    delivery.checkout_shipping_address_update(checkout_token=checkout.pk, address=home_address)
    delivery.checkout_delivery_method_update(checkout_token=checkout.pk, shipping_method_id=zone["light"].pk)
    checkout.refresh_from_db()
    totals = checkout_totals(checkout)
    # 25,00 € of cheese (5,5 %) + 4,90 € of delivery (20 %: 4,08 € HT, 0,82 € TVA)
    assert totals.shipping.gross.amount == D("4.90")
    assert totals.shipping.net.amount == D("4.08")
    assert totals.total.gross.amount == D("29.90")
    assert totals.total.net.amount == D("27.78")
    assert [(v.rate, v.gross) for v in totals.vat_breakdown] == [(D("5.5"), D("25.00")), (D("20"), D("4.90"))]
