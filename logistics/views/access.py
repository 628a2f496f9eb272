"""Who may open which logistics page: staff with a logistics permission, couriers for their own rounds.

Anonymous visitors go to the sign-in page; signed-in people without the right get a French 403 page."""

from functools import wraps
from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.urls import reverse

from logistics.models import HANDOVER_PARCELS, MANAGE_LOGISTICS


def _to_login(request):
    return redirect(f"{reverse('logistics:login')}?{urlencode({'next': request.get_full_path()})}")


def forbidden(request, message: str):
    return render(request, "logistics/forbidden.html", {"message": message}, status=403)


def is_courier(user) -> bool:
    courier = getattr(user, "courier", None) if user.is_authenticated else None
    return courier is not None and courier.is_active


def staff_required(*permissions: str):
    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return _to_login(request)
            if not user.is_active or not any(user.has_perm(p) for p in permissions):
                return forbidden(request, "Cette page est réservée à l'équipe logistique du Comptoir.")
            return view(request, *args, **kwargs)
        return wrapper
    return decorate


manager_required = staff_required(MANAGE_LOGISTICS)
handover_required = staff_required(HANDOVER_PARCELS, MANAGE_LOGISTICS)


def courier_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return _to_login(request)
        if not (is_courier(user) or (user.is_active and user.has_perm(MANAGE_LOGISTICS))):
            return forbidden(request, "Cette page est réservée aux livreurs du Comptoir.")
        return view(request, *args, **kwargs)
    return wrapper
