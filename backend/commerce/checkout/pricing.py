"""Totals of a cart, to the cent, as a French receipt shows them.

Rules (prices are entered TTC):
- a line's total is unit price TTC x quantity; its HT and VAT are derived with the line's rate;
- the VAT of the order is computed per rate on the sum of the TTC amounts at that rate (goods and delivery together),
  which is how a receipt's VAT table is made: "TVA 5,5 %: base HT, TVA, TTC". The order's HT total is the sum of
  those bases, so HT + TVA == TTC to the cent, always;
- a voucher on the whole order reduces each rate's base in proportion to its share (the largest share absorbs the
  rounding cent), so the discount lowers the VAT owed at the right rate;
- the client never sends a price: every unit price comes from the channel listing.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from backend.commerce.checkout.selectors import LineInfo, checkout_lines_info
from backend.commerce.discount.selectors import VoucherDiscount, voucher_discount
from backend.core.money import Money, TaxedMoney, quantize, taxed_from_gross, zero_taxed

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class LinePrice:
    line_id: object
    unit: TaxedMoney
    undiscounted_unit: TaxedMoney
    total: TaxedMoney
    undiscounted_total: TaxedMoney
    tax_rate: Decimal


@dataclass(frozen=True)
class VatLine:
    rate: Decimal
    net: Decimal
    tax: Decimal
    gross: Decimal

    def as_json(self) -> dict:
        return {"rate": str(self.rate), "net": str(self.net), "tax": str(self.tax), "gross": str(self.gross)}


@dataclass(frozen=True)
class Totals:
    currency: str
    lines: list[LinePrice]
    undiscounted_subtotal: TaxedMoney
    subtotal: TaxedMoney  # goods after the voucher
    undiscounted_shipping: TaxedMoney
    shipping: TaxedMoney  # after a shipping voucher
    shipping_tax_rate: Decimal
    discount: VoucherDiscount
    total: TaxedMoney
    undiscounted_total: TaxedMoney
    vat_breakdown: list[VatLine]
    weight_kg: Decimal

    @property
    def discount_money(self) -> Money:
        return Money(self.discount.total, self.currency)


def _taxed(net: Decimal, gross: Decimal, currency: str) -> TaxedMoney:
    return TaxedMoney(net=Money(net, currency), gross=Money(gross, currency))


def _spread(amount: Decimal, weights: dict[Decimal, Decimal]) -> dict[Decimal, Decimal]:
    """Split `amount` across keys in proportion to their weights, to the cent, summing exactly to `amount`."""
    total = sum(weights.values(), ZERO)
    if amount == 0 or total == 0:
        return {key: ZERO for key in weights}
    order = sorted(weights, key=lambda key: (weights[key], key), reverse=True)
    shares = {key: quantize(amount * weights[key] / total) for key in order[1:]}
    shares[order[0]] = amount - sum(shares.values(), ZERO)
    return shares


def _vat_lines(gross_by_rate: dict[Decimal, Decimal]) -> list[VatLine]:
    lines = []
    for rate in sorted(gross_by_rate):
        gross = gross_by_rate[rate]
        net = taxed_from_gross(Money(gross, "EUR"), rate).net.amount
        lines.append(VatLine(rate=rate, net=net, tax=gross - net, gross=gross))
    return lines


def compute_totals(lines_info: list[LineInfo], *, currency: str = "EUR", voucher=None,
                   shipping_gross: Decimal = ZERO, shipping_tax_rate: Decimal = Decimal("20")) -> Totals:
    line_prices = []
    goods_by_rate: dict[Decimal, Decimal] = defaultdict(lambda: ZERO)
    undiscounted_goods = ZERO
    weight = Decimal("0")
    for info in lines_info:
        unit_gross = info.unit_price_amount
        if unit_gross is None:  # not sold in this channel any more: priced at zero, and reported as a problem
            unit_gross = ZERO
        base_gross = info.undiscounted_unit_price_amount if info.undiscounted_unit_price_amount is not None \
            else unit_gross
        quantity = info.line.quantity
        line_gross = quantize(unit_gross * quantity)
        line_prices.append(LinePrice(
            line_id=info.line.pk,
            unit=taxed_from_gross(Money(unit_gross, currency), info.tax_rate),
            undiscounted_unit=taxed_from_gross(Money(base_gross, currency), info.tax_rate),
            total=taxed_from_gross(Money(line_gross, currency), info.tax_rate),
            undiscounted_total=taxed_from_gross(Money(quantize(base_gross * quantity), currency), info.tax_rate),
            tax_rate=info.tax_rate,
        ))
        goods_by_rate[info.tax_rate] += line_gross
        undiscounted_goods += line_gross
        weight += info.weight_kg

    shipping_gross = quantize(shipping_gross)
    discount = voucher_discount(voucher, subtotal_gross=undiscounted_goods, shipping_gross=shipping_gross)
    off_by_rate = _spread(discount.order_amount, dict(goods_by_rate))
    goods_after = {rate: gross - off_by_rate[rate] for rate, gross in goods_by_rate.items()}
    shipping_after = shipping_gross - discount.shipping_amount

    goods_vat = _vat_lines(goods_after)
    subtotal = _taxed(sum((v.net for v in goods_vat), ZERO), sum((v.gross for v in goods_vat), ZERO), currency)
    all_by_rate = defaultdict(lambda: ZERO, goods_after)
    if shipping_after > 0:
        all_by_rate[shipping_tax_rate] += shipping_after
    vat = [line for line in _vat_lines(dict(all_by_rate)) if line.gross != 0 or line.rate in goods_by_rate]
    total = _taxed(sum((v.net for v in vat), ZERO), sum((v.gross for v in vat), ZERO), currency)
    # Delivery HT is what remains once the goods are counted, so goods + delivery == total to the cent.
    shipping = _taxed(total.net.amount - subtotal.net.amount, shipping_after, currency)

    undiscounted_all = defaultdict(lambda: ZERO, goods_by_rate)
    if shipping_gross > 0:
        undiscounted_all[shipping_tax_rate] += shipping_gross
    undiscounted_vat = _vat_lines(dict(undiscounted_all))
    undiscounted_total = _taxed(sum((v.net for v in undiscounted_vat), ZERO),
                                sum((v.gross for v in undiscounted_vat), ZERO), currency)
    undiscounted_goods_vat = _vat_lines(dict(goods_by_rate))
    return Totals(
        currency=currency,
        lines=line_prices,
        undiscounted_subtotal=_taxed(sum((v.net for v in undiscounted_goods_vat), ZERO), undiscounted_goods,
                                     currency) if lines_info else zero_taxed(currency),
        subtotal=subtotal if lines_info else zero_taxed(currency),
        undiscounted_shipping=taxed_from_gross(Money(shipping_gross, currency), shipping_tax_rate),
        shipping=shipping,
        shipping_tax_rate=shipping_tax_rate,
        discount=discount,
        total=total,
        undiscounted_total=undiscounted_total,
        vat_breakdown=vat,
        weight_kg=weight,
    )


def checkout_totals(checkout, lines_info: list[LineInfo] | None = None) -> Totals:
    """Totals of the cart as it stands: pickup is free, home delivery costs the chosen option's price."""
    if lines_info is None:
        lines_info = checkout_lines_info(checkout)
    shipping_gross, shipping_rate = ZERO, Decimal("20")
    delivery = checkout.assigned_delivery if checkout.assigned_delivery_id else None
    if delivery is not None and checkout.collection_point_id is None:
        shipping_gross, shipping_rate = delivery.price_amount, delivery.tax_rate
    return compute_totals(lines_info, currency=checkout.currency, voucher=checkout.voucher,
                          shipping_gross=shipping_gross, shipping_tax_rate=shipping_rate)
