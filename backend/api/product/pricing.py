"""Prices as the storefront reads them: stored TTC per channel, VAT split with the product's rate, to the cent."""

from dataclasses import dataclass
from decimal import Decimal

from backend.commerce.product.pricing import DEFAULT_VAT_RATE
from backend.core.money import Money, TaxedMoney, TaxedMoneyRange, taxed_from_gross


def product_vat_rate(product) -> Decimal:
    """The product's rate from its own tax class, else its type's: annotated by `with_vat_rate` (the product lists
    and ProductByIdLoader), else read through the relations."""
    if "vat_rate" in product.__dict__:
        return product.vat_rate if product.vat_rate is not None else DEFAULT_VAT_RATE
    if product.tax_class_id and product.tax_class is not None:
        return product.tax_class.rate
    product_type = product.product_type
    if product_type.tax_class_id and product_type.tax_class is not None:
        return product_type.tax_class.rate
    return DEFAULT_VAT_RATE


def taxed(amount, rate: Decimal, currency: str) -> TaxedMoney | None:
    return None if amount is None else taxed_from_gross(Money(Decimal(amount), currency), rate)


def difference(high: TaxedMoney | None, low: TaxedMoney | None) -> TaxedMoney | None:
    """high - low when positive (a discount), else None; net and tax re-derived from the gross difference."""
    if high is None or low is None or high.gross.amount <= low.gross.amount:
        return None
    return TaxedMoney(net=high.net - low.net, gross=high.gross - low.gross)


@dataclass
class VariantPricing:
    on_sale: bool
    discount: TaxedMoney | None
    discount_prior: TaxedMoney | None
    price: TaxedMoney
    price_undiscounted: TaxedMoney
    price_prior: TaxedMoney | None
    discount_local_currency = None
    price_local_currency = None


@dataclass
class ProductPricing:
    on_sale: bool
    discount: TaxedMoney | None
    discount_prior: TaxedMoney | None
    price_range: TaxedMoneyRange
    price_range_undiscounted: TaxedMoneyRange
    price_range_prior: TaxedMoneyRange | None
    display_gross_prices: bool = True  # French shops show prices TTC
    discount_local_currency = None
    price_range_local_currency = None


def variant_pricing(listing, rate: Decimal) -> VariantPricing | None:
    """A variant's prices from its channel listing. Kept on the listing for the request: a product card asks for
    them twice, for the product's price range and for the variant's own price."""
    if listing is None or listing.price_amount is None:
        return None
    key = (rate, listing.currency, listing.price_amount, listing.discounted_price_amount, listing.prior_price_amount)
    remembered = listing.__dict__.get("_pricing")
    if remembered is not None and remembered[0] == key:
        return remembered[1]
    pricing = _variant_pricing(listing, rate)
    listing.__dict__["_pricing"] = (key, pricing)
    return pricing


def _variant_pricing(listing, rate: Decimal) -> VariantPricing:
    currency = listing.currency
    undiscounted = taxed(listing.price_amount, rate, currency)
    discounted_amount = listing.discounted_price_amount
    if discounted_amount is None or discounted_amount > listing.price_amount:
        discounted_amount = listing.price_amount
    # most variants are not on sale: their price is the undiscounted one (the same immutable TaxedMoney)
    price = undiscounted if discounted_amount == listing.price_amount else taxed(discounted_amount, rate, currency)
    prior = taxed(listing.prior_price_amount, rate, currency)
    discount = difference(undiscounted, price)
    return VariantPricing(on_sale=discount is not None, discount=discount, discount_prior=difference(prior, price),
                          price=price, price_undiscounted=undiscounted, price_prior=prior)


def product_pricing(listings, rate: Decimal) -> ProductPricing | None:
    """From the channel listings of the variants the caller may see; None when none has a price."""
    variants = [pricing for pricing in (variant_pricing(listing, rate) for listing in listings) if pricing]
    if not variants:
        return None

    def price_range(prices):
        prices = sorted((p for p in prices if p is not None), key=lambda p: p.gross.amount)
        return TaxedMoneyRange(start=prices[0], stop=prices[-1]) if prices else None

    discounted = price_range(v.price for v in variants)
    undiscounted = price_range(v.price_undiscounted for v in variants)
    prior = price_range(v.price_prior for v in variants)
    discount = difference(undiscounted.start, discounted.start)
    return ProductPricing(
        on_sale=discount is not None,
        discount=discount,
        discount_prior=difference(prior.start, discounted.start) if prior else None,
        price_range=discounted,
        price_range_undiscounted=undiscounted,
        price_range_prior=prior,
    )
