"""Reads of the portal: what to prepare per distribution day, recent orders, weekly sales and the bar chart."""

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from backend.core.money import format_eur
from plugins.producers.models import Preparation, PreparationLine, PreparationStatus, Producer
from plugins.producers.services.statements import COUNTED_STATUSES

WEEKS = 12
CHART_WIDTH, CHART_HEIGHT, BAR_GAP = 600, 180, 8


def upcoming_days(*, producer: Producer, today: date, days: int = 3) -> list[dict]:
    """The next distribution days with something to prepare: orders, lines and quantity per product."""
    lines = (PreparationLine.objects
             .filter(preparation__producer=producer, preparation__distribution_date__gte=today,
                     preparation__status=PreparationStatus.TO_PREPARE, cancelled_at__isnull=True)
             .values_list("preparation__distribution_date", "preparation_id", "order_line__product_name",
                          "order_line__variant_name", "quantity")
             .order_by("preparation__distribution_date", "order_line__product_name"))
    by_day: dict = defaultdict(lambda: {"orders": set(), "lines": 0, "products": defaultdict(int)})
    for day, preparation_id, product, variant, quantity in lines:
        if day not in by_day and len(by_day) == days:
            break
        entry = by_day[day]
        entry["orders"].add(preparation_id)
        entry["lines"] += 1
        entry["products"][f"{product} {variant}".strip()] += quantity
    return [{"day": day, "orders": len(entry["orders"]), "lines": entry["lines"],
             "products": sorted(entry["products"].items())} for day, entry in by_day.items()]


def recent_preparations(*, producer: Producer, limit: int = 8):
    return (Preparation.objects.filter(producer=producer).select_related("order")
            .order_by("-created_at", "-pk")[:limit])


def weekly_sales(*, producer: Producer, today: date | None = None) -> list[dict]:
    """Sales TTC of the last 12 weeks (Monday to Sunday), cancelled lines left out; oldest week first."""
    today = today or timezone.localdate()
    this_monday = today - timedelta(days=today.weekday())
    first_monday = this_monday - timedelta(weeks=WEEKS - 1)
    rows = (PreparationLine.objects
            .filter(preparation__producer=producer, cancelled_at__isnull=True,
                    preparation__order__status__in=COUNTED_STATUSES,
                    preparation__order__created_at__date__gte=first_monday)
            .annotate(week=TruncWeek("preparation__order__created_at"))
            .values("week").annotate(total=Sum("order_line__total_price_gross_amount")))
    totals = {timezone.localtime(row["week"]).date() if hasattr(row["week"], "hour") else row["week"]: row["total"]
              for row in rows}
    weeks = []
    for index in range(WEEKS):
        monday = first_monday + timedelta(weeks=index)
        weeks.append({"monday": monday, "total": totals.get(monday) or Decimal("0")})
    return weeks


def sales_chart(weeks: list[dict]) -> dict:
    """Geometry of an inline SVG bar chart (drawn by the template); the same figures are given as a table."""
    top = max((week["total"] for week in weeks), default=Decimal("0")) or Decimal("1")
    bar_width = (CHART_WIDTH - BAR_GAP * (len(weeks) + 1)) / max(len(weeks), 1)
    bars = []
    for index, week in enumerate(weeks):
        height = float(week["total"] / top) * (CHART_HEIGHT - 20)
        bars.append({"x": round(BAR_GAP + index * (bar_width + BAR_GAP), 1), "width": round(bar_width, 1),
                     "y": round(CHART_HEIGHT - height, 1), "height": round(height, 1),
                     "label": f"Semaine du {week['monday']:%d/%m} : {format_eur(week['total'])}",
                     "short": f"{week['monday']:%d/%m}", "amount": format_eur(week["total"])})
    return {"bars": bars, "width": CHART_WIDTH, "height": CHART_HEIGHT + 20, "axis_y": CHART_HEIGHT,
            "total": format_eur(sum((week["total"] for week in weeks), Decimal("0")))}
