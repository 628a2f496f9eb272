"""The courier's phone: the day's rounds, a round's stops on a map with the list beside it, one tap per stop.

Every action is a plain form (works without JavaScript). With JavaScript, actions made offline wait in the phone
(localStorage) with their real time and a client action id, and are sent to `sync` when the network is back."""

import json
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_POST

from logistics.models import MANAGE_LOGISTICS, Parcel, Round, Stop
from logistics.services.stops import StopActionInput, can_act_on, stop_record
from logistics.views.access import courier_required
from logistics.views.maps import hub_point, leaflet_data, svg_map

SERVICE_WORKER = Path(__file__).resolve().parent.parent / "static" / "logistics" / "sw.js"


def visible_rounds(user):
    rounds = Round.objects.select_related("day__hub__warehouse", "vehicle", "courier__user")
    if user.has_perm(MANAGE_LOGISTICS):
        return rounds
    return rounds.filter(courier__user=user)


@courier_required
def home(request):
    today = timezone.localdate()
    rounds = list(visible_rounds(request.user).filter(day__date__gte=today).order_by("day__date", "departure")[:30])
    return render(request, "logistics/courier_home.html", {"rounds": rounds, "today": today})


def _round_for(request, pk) -> Round:
    round_ = visible_rounds(request.user).filter(pk=pk).prefetch_related(
        Prefetch("stops", queryset=Stop.objects.order_by("position").select_related("order").prefetch_related(
            Prefetch("parcels_to_collect", queryset=Parcel.objects.select_related("order")),
            Prefetch("parcels_to_drop", queryset=Parcel.objects.select_related("order", "warehouse"))))).first()
    if round_ is None:
        raise Http404("Cette tournée n'existe pas ou n'est pas la vôtre.")
    return round_


@courier_required
def round_detail(request, pk):
    round_ = _round_for(request, pk)
    stops = list(round_.stops.all())
    for stop in stops:  # a home delivery not paid yet is paid to the courier
        order = stop.order
        stop.amount_due = max(order.total_gross_amount - order.total_charged_amount, 0) if order else 0
    hub = hub_point(round_.day)
    pair = [(str(round_.vehicle), stops)]
    return render(request, "logistics/courier_round.html", {
        "round": round_, "stops": stops, "svg": svg_map(hub, pair), "map_data": leaflet_data(hub, pair),
        "tile_url": settings.LOGISTICS_TILE_URL, "tile_attribution": settings.LOGISTICS_TILE_ATTRIBUTION,
        "problems": Stop.Problem.choices, "action_id": uuid.uuid4,
    })


def _input(data, parcel_ids) -> StopActionInput:
    happened = parse_datetime(str(data.get("happened_at") or "")) if data.get("happened_at") else None
    return StopActionInput(action=str(data.get("action", "")), parcel_ids=tuple(str(p) for p in parcel_ids if p),
                           problem=str(data.get("problem", "")), note=str(data.get("note", "")),
                           proof_code=str(data.get("proof_code", "")), signature=str(data.get("signature", "")),
                           payment_method=str(data.get("payment_method", "")),
                           happened_at=happened, client_action_id=str(data.get("client_action_id", ""))[:64])


@courier_required
@require_POST
def stop_action(request, pk):
    stop = get_object_or_404(Stop.objects.select_related("round"), pk=pk)
    if not can_act_on(request.user, stop.round):
        raise Http404("Cet arrêt n'est pas sur une de vos tournées.")
    try:
        stop = stop_record(user=request.user, stop_id=stop.pk, data=_input(request.POST,
                                                                          request.POST.getlist("parcels")))
    except ValidationError as error:
        if request.headers.get("Accept") == "application/json":
            return JsonResponse({"ok": False, "errors": error.messages}, status=400)
        messages.error(request, " ".join(error.messages))
    else:
        if request.headers.get("Accept") == "application/json":
            return JsonResponse({"ok": True, "status": stop.status})
        messages.success(request, f"« {stop.name} » : {stop.get_status_display().lower()}.")
    return redirect("logistics:courier-round", pk=stop.round_id)


@courier_required
@require_POST
def sync(request):
    """Actions queued on the phone while offline: [{stop, action, client_action_id, happened_at, ...}]. Each is
    applied once (client action id); the answer says, per action, whether it was applied and why not."""
    try:
        actions = json.loads(request.body or b"[]")
        if not isinstance(actions, list) or len(actions) > 200:
            raise ValueError
    except ValueError:
        return JsonResponse({"ok": False, "errors": ["Envoi illisible : une liste d'actions est attendue."]},
                            status=400)
    results = []
    for item in actions:
        if not isinstance(item, dict) or not item.get("client_action_id"):
            results.append({"ok": False, "error": "Action sans identifiant."})
            continue
        try:
            stop = stop_record(user=request.user, stop_id=str(item.get("stop", "")),
                               data=_input(item, item.get("parcels") or []))
            results.append({"id": item["client_action_id"], "ok": True, "status": stop.status})
        except ValidationError as error:
            results.append({"id": item["client_action_id"], "ok": False, "error": " ".join(error.messages)})
    return JsonResponse({"ok": True, "results": results})


def service_worker(request):
    """Served under /livreur/ so its scope covers the courier pages (a worker cannot control pages above it)."""
    response = HttpResponse(SERVICE_WORKER.read_text(encoding="utf-8"), content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    return response


