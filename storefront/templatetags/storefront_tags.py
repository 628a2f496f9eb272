"""Template filters of the residents' site: French money and numbers, EditorJS rich text, global IDs."""

import json
from decimal import Decimal, InvalidOperation

from babel.numbers import format_currency, format_decimal
from django import template
from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def eur(value, currency="EUR"):
    """12.5 -> "12,50 €" (fr-FR, no-break spaces)."""
    if value in (None, ""):
        return ""
    if isinstance(value, dict):
        currency = value.get("currency") or currency
        value = value.get("amount")
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return ""
    return format_currency(amount, currency, locale="fr_FR")


@register.filter
def number_fr(value, digits=1):
    if value in (None, ""):
        return ""
    return format_decimal(Decimal(str(value)), format=f"#,##0.{'#' * int(digits)}", locale="fr_FR")


@register.filter
def per_kg(price, weight):
    """Unit price in €/kg from a TTC price and a weight {unit, value} in KG (French unit-price display)."""
    try:
        amount = Decimal(str(price["amount"] if isinstance(price, dict) else price))
        kg = Decimal(str(weight["value"] if isinstance(weight, dict) else weight))
        if isinstance(weight, dict) and weight.get("unit") == "G":
            kg = kg / 1000
    except (InvalidOperation, KeyError, TypeError, ValueError):
        return ""
    if kg <= 0:
        return ""
    return f"{format_currency(amount / kg, 'EUR', locale='fr_FR')}/kg"


def _inline(text: str) -> str:
    """EditorJS inline text is HTML with a few tags; we keep only plain text (escaped) and <b>/<i> are dropped."""
    from django.utils.html import strip_tags

    return escape(strip_tags(text or ""))


@register.filter
def editorjs(value):
    """Render EditorJS JSON (paragraph, header, list, quote) as safe HTML; anything else is skipped."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return format_html_join("", "<p>{}</p>", [(value,)])
    parts = []
    for block in (value or {}).get("blocks", []):
        data = block.get("data") or {}
        kind = block.get("type")
        if kind == "paragraph":
            parts.append(f"<p>{_inline(data.get('text'))}</p>")
        elif kind == "header":
            level = min(max(int(data.get("level") or 2), 2), 4)
            parts.append(f"<h{level}>{_inline(data.get('text'))}</h{level}>")
        elif kind == "list":
            tag = "ol" if data.get("style") == "ordered" else "ul"
            items = "".join(f"<li>{_inline(item if isinstance(item, str) else item.get('content', ''))}</li>"
                            for item in data.get("items", []))
            parts.append(f"<{tag}>{items}</{tag}>")
        elif kind == "quote":
            parts.append(f"<blockquote><p>{_inline(data.get('text'))}</p></blockquote>")
    return mark_safe("".join(parts))  # noqa: S308 - every text piece above is escaped


@register.filter
def editorjs_text(value, limit=160):
    """Plain text of EditorJS JSON, cut to `limit` characters (meta descriptions)."""
    from django.utils.html import strip_tags

    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return value[:limit]
    text = " ".join(strip_tags((b.get("data") or {}).get("text", "")) for b in (value or {}).get("blocks", []))
    return text[: int(limit)]


FRENCH_VAT_RATES = (Decimal("0"), Decimal("2.1"), Decimal("5.5"), Decimal("10"), Decimal("20"))
_LD_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def ld_json(value):
    """A structured-data block: real JSON (json.dumps), with <, > and & escaped so no text can close the script."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_LD_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above


@register.filter
def vat_rate(price):
    """TaxedMoney {net, tax} -> "5,5 %" (the rate the price carries), "" when it cannot be known."""
    try:
        net = Decimal(str(price["net"]["amount"]))
        tax = Decimal(str(price["tax"]["amount"]))
    except (KeyError, TypeError, InvalidOperation):
        return ""
    if net <= 0:
        return ""
    rate = (tax / net * 100).quantize(Decimal("0.1"))
    # Net and tax are rounded to the cent, so on small prices the ratio is only close to the rate: snap to the nearest
    # French rate (they are at least 3,4 points apart).
    nearest = min(FRENCH_VAT_RATES, key=lambda known: abs(rate - known))
    if abs(rate - nearest) <= Decimal("1.5"):
        rate = nearest
    return f"{format_decimal(rate, format='#,##0.#', locale='fr_FR')}\u00a0%"


@register.filter
def fr_date(value):
    """ISO date or date-time -> "29 novembre 2026" (French long date)."""
    from datetime import date, datetime

    from babel.dates import format_date

    try:
        day = datetime.fromisoformat(str(value)).date() if "T" in str(value) else date.fromisoformat(str(value)[:10])
    except ValueError:
        return ""
    return format_date(day, "d MMMM y", locale="fr_FR")
