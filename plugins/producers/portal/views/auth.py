"""Login, logout and the invitation link (set your password) of the members."""

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from plugins.producers.portal.access import render
from plugins.producers.portal.forms import LoginForm, SetPasswordForm
from plugins.producers.services.producers import member_accept_invitation

HOME = "/espace-producteur/"


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or HOME
    return target if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) else HOME


@require_http_methods(["GET", "POST"])
def sign_in(request):
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, email=form.cleaned_data["email"].lower(), password=form.cleaned_data["password"])
        if user is None:
            form.add_error(None, "Adresse e-mail ou mot de passe incorrect.")
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect(_next(request))
    return render(request, "portal/login.html", {"form": form, "next": _next(request)},
                  status=400 if form.errors else 200)


@require_POST
def sign_out(request):
    logout(request)
    messages.info(request, "Vous êtes déconnecté.")
    return redirect("/espace-producteur/connexion/")


@require_http_methods(["GET", "POST"])
def invitation(request, uidb64: str, token: str):
    form = SetPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = member_accept_invitation(uidb64=uidb64, token=token, password=form.cleaned_data["password"])
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error("password" if field == "password" else None, errors)
        else:
            login(request, member.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "Votre mot de passe est enregistré : complétez maintenant votre profil.")
            return redirect("/espace-producteur/profil/")
    return render(request, "portal/invitation.html", {"form": form}, status=400 if form.errors else 200)
