"""French numbers as producers type them: "1 234,50", "12,5 €", "3.90"."""

from decimal import Decimal, InvalidOperation

SPACES = (" ", "\u00a0", "\u202f", "\t")


def parse_french_decimal(value: str) -> Decimal:
    """A Decimal from "1 234,50" (spaces as thousands separator, comma as decimal mark); ValueError otherwise."""
    text = (value or "").strip().removesuffix("€").strip()
    for space in SPACES:
        text = text.replace(space, "")
    if "," in text and "." in text:
        # "1.234,50": the dot groups the thousands
        text = text.replace(".", "")
    text = text.replace(",", ".")
    if not text or text.count(".") > 1:
        raise ValueError(value)
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(value) from None
    if not number.is_finite():
        raise ValueError(value)
    return number


def format_french_decimal(value, places: int = 2) -> str:
    """ "1 234,50" (narrow spaces avoided: a plain space is what a producer types back)."""
    text = f"{Decimal(value):,.{places}f}"
    return text.replace(",", " ").replace(".", ",")
