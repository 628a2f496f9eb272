"""Prices of the catalogue: stored TTC per channel, VAT rate from the product's tax class (or its type's)."""

from decimal import Decimal

from backend.core.money import Money, TaxedMoney, taxed_from_gross

DEFAULT_VAT_RATE = Decimal("20")


def vat_rate(product, product_type=None, tax_classes_by_id: dict | None = None) -> Decimal:
    """The product's VAT rate in percent: its own tax class, else its product type's, else the standard rate.

    `tax_classes_by_id` lets batched callers (dataloaders) avoid a query per product.
    """
    product_type = product_type or product.product_type
    tax_class_id = product.tax_class_id or (product_type.tax_class_id if product_type else None)
    if tax_class_id is None:
        return DEFAULT_VAT_RATE
    if tax_classes_by_id is not None:
        tax_class = tax_classes_by_id.get(tax_class_id)
        return tax_class.rate if tax_class else DEFAULT_VAT_RATE
    from backend.commerce.tax.models import TaxClass

    return TaxClass.objects.values_list("rate", flat=True).get(pk=tax_class_id)


def unit_price(price_amount: Decimal, rate: Decimal, currency: str = "EUR") -> TaxedMoney:
    """TTC price of one unit as TaxedMoney (net and tax derived to the cent)."""
    return taxed_from_gross(Money(price_amount, currency), rate)


def price_per_kg(price_amount: Decimal, weight_kg: Decimal | None) -> Decimal | None:
    """€/kg shown beside the price (French rule on unit pricing of pre-packed food); None without a weight."""
    if not weight_kg or weight_kg <= 0:
        return None
    return (Decimal(price_amount) / Decimal(weight_kg)).quantize(Decimal("0.01"))
