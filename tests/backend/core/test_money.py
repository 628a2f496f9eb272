from decimal import Decimal

import pytest

from backend.core.money import Money, format_eur, taxed_from_gross


@pytest.mark.parametrize(
    ("gross", "rate", "net", "tax"),
    [
        ("12.50", "5.5", "11.85", "0.65"),
        ("4.20", "5.5", "3.98", "0.22"),
        ("3.90", "20", "3.25", "0.65"),
        ("29.99", "20", "24.99", "5.00"),
        ("15.00", "10", "13.64", "1.36"),
        ("0.01", "5.5", "0.01", "0.00"),
    ],
)
def test_ttc_prices_split_into_net_and_vat_to_the_cent(gross, rate, net, tax):
    taxed = taxed_from_gross(Money(Decimal(gross), "EUR"), Decimal(rate))

    assert taxed.gross.amount == Decimal(gross)
    assert taxed.net.amount == Decimal(net)
    assert taxed.tax.amount == Decimal(tax)
    assert taxed.net.amount + taxed.tax.amount == taxed.gross.amount


def test_euros_are_written_the_french_way():
    assert format_eur(Decimal("12.5")) == "12,50\u00a0€"
    assert format_eur(Decimal("1234.5")) == "1\u202f234,50\u00a0€"
    assert format_eur(Decimal("-3")) == "-3,00\u00a0€"
