"""Celery tasks of the roadmap: thin, they take ids, re-fetch, and are idempotent."""

import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone, translation

from plugins.roadmap import emails
from plugins.roadmap.models import Registration

logger = logging.getLogger(__name__)


@shared_task(name="roadmap.send_registration_confirmation")
def send_registration_confirmation(registration_id: int) -> bool:
    """Send the confirmation once: a second delivery of the task (worker lost, retry) sends nothing more."""
    with transaction.atomic():
        registration = (Registration.objects.select_for_update(of=("self",)).select_related("workshop__venue")
                        .filter(pk=registration_id).first())
        if registration is None or registration.confirmation_sent_at or registration.cancelled_at:
            return False
        with translation.override("fr"):
            emails.send_registration_confirmation(registration)
        registration.confirmation_sent_at = timezone.now()
        registration.save(update_fields=["confirmation_sent_at"])
    logger.info("workshop registration %s confirmed by mail", registration_id)
    return True
