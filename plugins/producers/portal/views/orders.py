"""Orders and preparations: per distribution day, the lines to prepare; mark ready; cancel a line."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from plugins.producers.models import Preparation
from plugins.producers.portal.access import portal_view, render
from plugins.producers.services.preparations import preparation_line_cancel, preparation_mark_ready


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


@require_GET
@portal_view
def preparation_list(request):
    producer = request.portal.producer
    chosen = _day(request.GET.get("jour", ""))
    days = list(Preparation.objects.filter(producer=producer, distribution_date__gte=timezone.localdate())
                .order_by("distribution_date").values_list("distribution_date", flat=True).distinct()[:14])
    day = chosen or (days[0] if days else timezone.localdate())
    preparations = (Preparation.objects.filter(producer=producer, distribution_date=day)
                    .select_related("order").prefetch_related("lines__order_line").order_by("order__number"))
    return render(request, "portal/preparations.html", {"day": day, "days": days, "preparations": preparations,
                                                         "nav": "orders"})


def _back(request, preparation_day) -> str:
    base = "/espace-producteur/commandes/"
    return f"{base}?jour={preparation_day}" if preparation_day else base


@require_POST
@portal_view
def preparation_ready(request, pk: int):
    producer = request.portal.producer
    try:
        preparation = preparation_mark_ready(preparation_id=pk, producer_id=producer.pk, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_back(request, request.POST.get("jour")))
    messages.success(request, f"Commande n° {preparation.order.number} : préparation prête.")
    return redirect(_back(request, preparation.distribution_date))


@require_POST
@portal_view
def line_cancel(request, pk: int):
    producer = request.portal.producer
    try:
        line = preparation_line_cancel(line_id=pk, producer_id=producer.pk, user=request.user,
                                       reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"« {line.order_line.product_name} » est annulé ; le client est remboursé et "
                                  "prévenu par e-mail.")
    return redirect(_back(request, request.POST.get("jour")))
