"""The registration confirmation mail, in French (text and HTML), rendered from templates/roadmap/emails/."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone

from plugins.roadmap.models import Registration

CANCEL_PATH = "/feuille-de-route/annulation/{token}/"


def cancellation_link(registration: Registration) -> str:
    return settings.PUBLIC_URL + CANCEL_PATH.format(token=registration.cancellation_token)


def send_registration_confirmation(registration: Registration) -> None:
    workshop = registration.workshop
    context = {
        "registration": registration,
        "workshop": workshop,
        "starts_at": timezone.localtime(workshop.starts_at),
        "ends_at": timezone.localtime(workshop.ends_at),
        "address": workshop.address,
        "cancel_link": cancellation_link(registration),
        "public_url": settings.PUBLIC_URL,
    }
    subject = render_to_string("roadmap/emails/registration_confirmation_subject.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string("roadmap/emails/registration_confirmation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
    )
    message.attach_alternative(render_to_string("roadmap/emails/registration_confirmation.html", context), "text/html")
    message.send()
