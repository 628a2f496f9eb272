"""Staff pages of a distribution day: rounds on a map, planning with live progress, moving a stop by hand, labels."""

import datetime

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from backend.core.events import enqueue
from logistics.models import DistributionDay, Parcel, Round, Stop
from logistics.services.edits import stop_move
from logistics.views.access import manager_required
from logistics.views.maps import hub_point, leaflet_data, svg_map


def _day(date_text: str) -> DistributionDay:
    try:
        date = datetime.date.fromisoformat(date_text)
    except ValueError:
        raise Http404("Date invalide.") from None
    return get_object_or_404(DistributionDay.objects.select_related("hub__warehouse__commune"), date=date)


def day_rounds(day: DistributionDay, rounds=None):
    rounds = rounds if rounds is not None else (
        Round.objects.filter(day=day).select_related("vehicle", "courier__user")
        .prefetch_related(Prefetch("stops", queryset=Stop.objects.order_by("position")))
        .order_by("departure", "vehicle__name"))
    return list(rounds)


def is_planning(day: DistributionDay) -> bool:
    return bool(day.planning_task_id) and not day.planning_error and day.planning_current < day.planning_total


@manager_required
def day_list(request):
    days = DistributionDay.objects.select_related("hub__warehouse").order_by("-date")[:60]
    return render(request, "logistics/day_list.html", {"days": days})


@manager_required
def day_detail(request, date):
    day = _day(date)
    rounds = day_rounds(day)
    pairs = [(f"{r.vehicle.name} — {r.get_kind_display().lower()} n° {r.number}", list(r.stops.all()))
             for r in rounds]
    hub = hub_point(day)
    from django.conf import settings

    return render(request, "logistics/day_detail.html", {
        "day": day, "rounds": rounds, "svg": svg_map(hub, pairs), "map_data": leaflet_data(hub, pairs),
        "planning": is_planning(day), "tile_url": settings.LOGISTICS_TILE_URL,
        "tile_attribution": settings.LOGISTICS_TILE_ATTRIBUTION,
        "parcels": Parcel.objects.filter(day=day).select_related("order", "warehouse"),
    })


@manager_required
def day_progress(request, date):
    day = _day(date)
    return render(request, "logistics/_progress.html", {"day": day, "planning": is_planning(day)})


@manager_required
@require_POST
def day_plan(request, date):
    from logistics.tasks import plan_rounds_task

    day = _day(date)
    if is_planning(day):
        messages.info(request, "Une planification est déjà en cours.")
        return redirect("logistics:day", date=date)
    DistributionDay.objects.filter(pk=day.pk).update(planning_task_id="en-attente", planning_current=0,
                                                     planning_total=5, planning_step="En attente du calcul",
                                                     planning_error="")
    enqueue(plan_rounds_task, day.pk)
    messages.success(request, "Planification lancée : la page suit la progression.")
    return redirect("logistics:day", date=date)


@manager_required
@require_POST
def stop_move_view(request, pk):
    stop = get_object_or_404(Stop.objects.select_related("round__day"), pk=pk)
    position = request.POST.get("position") or None
    try:
        if position is not None and not str(position).isdigit():
            raise ValidationError("La position doit être un nombre entier.")
        stop_move(stop_id=stop.pk, round_id=request.POST.get("round", ""),
                  position=int(position) if position else None)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"« {stop.name} » déplacé : le plan a été revérifié.")
    return redirect(reverse("logistics:day", kwargs={"date": stop.round.day.date.isoformat()}) + "#tournees")


def qr_svg(text: str) -> str:
    return segno.make(text, error="m").svg_inline(scale=4, dark="#000", light="#fff")


@manager_required
def parcel_label(request, pk):
    parcel = get_object_or_404(Parcel.objects.select_related("order__collection_point", "order__shipping_address",
                                                             "warehouse", "delivery_stop", "day"), pk=pk)
    context = {"parcels": [(parcel, qr_svg(f"COMPTOIR-COLIS:{parcel.pk}"))]}
    if request.GET.get("format") == "pdf":
        from django.template.loader import render_to_string
        from weasyprint import HTML

        html = render_to_string("logistics/labels.html", {**context, "pdf": True}, request=request)
        pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="colis-{parcel.label_code}.pdf"'
        return response
    return render(request, "logistics/labels.html", context)


@manager_required
def day_labels(request, date):
    day = _day(date)
    parcels = Parcel.objects.filter(day=day).select_related("order__collection_point", "order__shipping_address",
                                                            "warehouse", "delivery_stop")
    return render(request, "logistics/labels.html",
                  {"parcels": [(p, qr_svg(f"COMPTOIR-COLIS:{p.pk}")) for p in parcels], "day": day})
