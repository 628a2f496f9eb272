"""The pickup-point counter: type (or scan) the customer's code, see the parcels, hand over all or some of them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from logistics.models import Parcel
from logistics.services.handover import PAYMENT_METHODS, amount_due, order_for_code, order_handover
from logistics.views.access import handover_required


@handover_required
def handover(request):
    if request.method == "POST":
        try:
            result = order_handover(code=request.POST.get("code", ""), user=request.user,
                                    parcel_ids=request.POST.getlist("parcels"),
                                    payment_method=request.POST.get("payment_method", ""))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(f"{request.path}?code={request.POST.get('code', '')}")
        given = len(result.parcels)
        text = f"Commande n° {result.order.number} : {given} colis remis"
        text += "." if result.complete else " ; d'autres colis restent à remettre."
        if result.paid_now:
            text += " Paiement encaissé."
        messages.success(request, text)
        return redirect(request.path)
    code = request.GET.get("code", "").strip()
    context = {"code": code, "methods": PAYMENT_METHODS}
    if code:
        try:
            order = order_for_code(code)
        except ValidationError as error:
            context["error"] = " ".join(error.messages)
        else:
            context.update(order=order, due=amount_due(order), parcels=list(
                Parcel.objects.filter(order=order).select_related("warehouse").order_by("warehouse__name")),
                lines=list(order.lines.all()))
    return render(request, "logistics/handover.html", context)
