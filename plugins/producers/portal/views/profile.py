"""The producer's public profile, through the plugin's producer_update (SIRET/IBAN checks in French)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from plugins.producers.portal.access import portal_view, render
from plugins.producers.portal.forms import (
    ProfileForm,
    description_as_text,
    hours_as_text,
    text_as_description,
)
from plugins.producers.services.producers import producer_update
from plugins.producers.validators import format_iban

FIELDS = ("trade_name", "legal_name", "siret", "email", "phone", "website", "street_address", "labels",
          "order_cutoff_hours", "iban", "bic")


@require_http_methods(["GET", "POST"])
@portal_view
def profile(request):
    producer = request.portal.producer
    initial = {field: getattr(producer, field) for field in FIELDS}
    initial.update(description=description_as_text(producer.description),
                   opening_hours=hours_as_text(producer.opening_hours),
                   iban=format_iban(producer.iban) if producer.iban else "")
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in FIELDS}
        data["description"] = text_as_description(form.cleaned_data["description"])
        data["opening_hours"] = form.cleaned_data["opening_hours"]
        try:
            producer_update(producer=producer, data=data, staff=request.portal.is_staff)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "Votre profil est enregistré.")
            return redirect("/espace-producteur/profil/")
    return render(request, "portal/profile.html", {"form": form, "nav": "profile"},
                  status=400 if form.errors else 200)
