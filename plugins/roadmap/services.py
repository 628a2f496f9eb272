"""Writes of the workshops: register (places limited, under a lock on the workshop) and cancel by token.

Every check that depends on the places left runs while the workshop row is locked (`select_for_update`), so two
residents who submit at the same time are served one after the other and a workshop is never overbooked.
"""

import re
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from backend.core.events import enqueue
from plugins.roadmap.error_codes import WorkshopErrorCode
from plugins.roadmap.models import MAX_SEATS_PER_REGISTRATION, Registration, Workshop
from plugins.roadmap.selectors import MAX_PK, TOKEN_PATTERN

PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 .\-]{7,18}[0-9]$")


def _error(field: str | None, message: str, code: WorkshopErrorCode) -> ValidationError:
    error = ValidationError(message, code=code.value)
    return ValidationError({field: error}) if field else error


def _clean_registrant(*, name: str, email: str, phone: str, seats: int) -> tuple[str, str, str]:
    """Trimmed (name, email, phone), or every input problem at once as a ValidationError keyed by field."""
    name, email, phone = (name or "").strip(), (email or "").strip().lower(), (phone or "").strip()
    errors: dict[str, ValidationError] = {}
    if any(ord(char) < 32 for char in name):
        errors["name"] = ValidationError("Le nom contient des caractères non autorisés.", code="INVALID")
    elif len(name) < 2:
        errors["name"] = ValidationError("Indiquez votre nom (2 caractères au moins).", code="INVALID")
    elif len(name) > 120:
        errors["name"] = ValidationError("Le nom ne peut dépasser 120 caractères.", code="INVALID")
    try:
        if "\x00" in email:
            raise ValidationError("NUL")
        validate_email(email)
    except ValidationError:
        errors["email"] = ValidationError("Saisissez une adresse e-mail valide, par exemple prenom@exemple.fr.",
                                          code="INVALID")
    if phone and not PHONE_PATTERN.match(phone):
        errors["phone"] = ValidationError("Saisissez un numéro de téléphone valide, par exemple 03 27 00 00 00.",
                                          code="INVALID")
    if not isinstance(seats, int) or not 1 <= seats <= MAX_SEATS_PER_REGISTRATION:
        errors["seats"] = ValidationError(
            f"Vous pouvez réserver de 1 à {MAX_SEATS_PER_REGISTRATION} places.", code="INVALID")
    if errors:
        raise ValidationError(errors)
    return name, email, phone


def seats_booked(workshop_id: int) -> int:
    booked = Registration.objects.filter(workshop_id=workshop_id, cancelled_at__isnull=True).aggregate(n=Sum("seats"))
    return booked["n"] or 0


def _places_phrase(count: int) -> str:
    return "1 place" if count == 1 else f"{count} places"


@transaction.atomic
def workshop_register(*, workshop_id: int, name: str, email: str, phone: str = "", seats: int = 1,
                      now: datetime | None = None) -> Registration:
    """Book `seats` places for a resident; raises ValidationError with a WorkshopErrorCode on refusal."""
    name, email, phone = _clean_registrant(name=name, email=email, phone=phone, seats=seats)
    now = now or timezone.now()
    workshop = None
    if 0 < workshop_id <= MAX_PK:
        workshop = Workshop.objects.select_for_update().filter(pk=workshop_id, is_published=True).first()
    if workshop is None:
        raise _error("workshop_id", "Cet atelier n'existe pas ou n'est plus proposé.", WorkshopErrorCode.NOT_FOUND)
    if workshop.is_cancelled:
        raise _error("workshop_id", "Cet atelier est annulé : les inscriptions sont fermées.",
                     WorkshopErrorCode.CANCELLED)
    if workshop.starts_at <= now:
        raise _error("workshop_id", "Cet atelier a déjà commencé : les inscriptions sont closes.",
                     WorkshopErrorCode.INVALID)
    already = Registration.objects.filter(workshop=workshop, email__iexact=email, cancelled_at__isnull=True)
    if already.exists():
        raise _error("email", "Vous êtes déjà inscrit(e) à cet atelier avec cette adresse e-mail.",
                     WorkshopErrorCode.ALREADY_REGISTERED)
    left = workshop.capacity - seats_booked(workshop.pk)
    if left <= 0:
        raise _error("workshop_id", "Cet atelier est complet : il ne reste plus de place.", WorkshopErrorCode.FULL)
    if seats > left:
        raise _error("seats", f"Il ne reste que {_places_phrase(left)} pour cet atelier.", WorkshopErrorCode.FULL)
    registration = Registration.objects.create(workshop=workshop, name=name, email=email, phone=phone, seats=seats,
                                               created_at=now)
    from plugins.roadmap.tasks import send_registration_confirmation

    enqueue(send_registration_confirmation, registration.pk)
    return registration


@transaction.atomic
def registration_cancel(*, token: str, now: datetime | None = None) -> Registration:
    """Cancel the registration whose secret link holds `token`; its places are free again at once."""
    now = now or timezone.now()
    token = (token or "").strip()
    found = None
    if TOKEN_PATTERN.match(token):
        found = Registration.objects.filter(cancellation_token=token).values_list("pk", "workshop_id").first()
    if found is None:
        raise _error("token", "Ce lien d'annulation n'est pas valide.", WorkshopErrorCode.NOT_FOUND)
    registration_id, workshop_id = found
    # Same lock as registering: the freed places are counted by the next registration, never twice.
    workshop = Workshop.objects.select_for_update().get(pk=workshop_id)
    registration = Registration.objects.select_for_update().get(pk=registration_id)
    if registration.cancelled_at is not None:
        raise _error("token", "Cette inscription est déjà annulée.", WorkshopErrorCode.CANCELLED)
    if workshop.starts_at <= now:
        raise _error("token", "L'atelier a déjà commencé : l'inscription ne peut plus être annulée.",
                     WorkshopErrorCode.INVALID)
    registration.cancelled_at = now
    registration.save(update_fields=["cancelled_at"])
    registration.workshop = workshop
    return registration
