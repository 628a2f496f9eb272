"""Money and French VAT. Prices are entered TTC (VAT included), as French shops do; net and tax are derived.

The rounding rule: the gross amount is what the customer pays and is exact; net = gross / (1 + rate) rounded to the
cent (half up), and tax = gross - net, so net + tax == gross to the cent, always.
"""

from decimal import ROUND_HALF_UP, Decimal

from prices import Money, MoneyRange, TaxedMoney, TaxedMoneyRange

CURRENCY = "EUR"
CENT = Decimal("0.01")
NBSP = "\u00a0"
NARROW_NBSP = "\u202f"

# The French rates used by the platform (Code général des impôts, art. 278 ss.)
VAT_RATE_FOOD = Decimal("5.5")
VAT_RATE_INTERMEDIATE = Decimal("10")
VAT_RATE_STANDARD = Decimal("20")

__all__ = [
    "CURRENCY",
    "Money",
    "MoneyRange",
    "TaxedMoney",
    "TaxedMoneyRange",
    "quantize",
    "taxed_from_gross",
    "zero_money",
    "zero_taxed",
]


def quantize(amount: Decimal) -> Decimal:
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def zero_money(currency: str = CURRENCY) -> Money:
    return Money(Decimal("0.00"), currency)


def zero_taxed(currency: str = CURRENCY) -> TaxedMoney:
    return TaxedMoney(net=zero_money(currency), gross=zero_money(currency))


def taxed_from_gross(gross: Money, rate_percent: Decimal) -> TaxedMoney:
    """A TTC amount and its VAT rate (in percent) -> TaxedMoney with net and gross to the cent."""
    gross_amount = quantize(gross.amount)
    net_amount = quantize(gross_amount / (Decimal(1) + Decimal(rate_percent) / Decimal(100)))
    return TaxedMoney(net=Money(net_amount, gross.currency), gross=Money(gross_amount, gross.currency))


def format_eur(amount: Decimal) -> str:
    """French display: 1 234,50 € (narrow no-break space for thousands, no-break space before the sign)."""
    value = quantize(Decimal(amount))
    sign = "-" if value < 0 else ""
    units, cents = f"{abs(value):.2f}".split(".")
    groups = []
    while len(units) > 3:
        groups.insert(0, units[-3:])
        units = units[:-3]
    groups.insert(0, units)
    thousands = NARROW_NBSP.join(groups)
    return f"{sign}{thousands},{cents}{NBSP}€"
