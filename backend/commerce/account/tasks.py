"""Celery tasks of the account domain: thin, they take ids, re-fetch, and are idempotent.

A task may run twice (acks late, a worker lost mid-task): each call carries a `request_id`, recorded on the user once
the mail is handed to the mail server, so a repeated delivery of the same request sends nothing more.
"""

import logging
import smtplib

from celery import shared_task
from django.db import transaction
from django.utils import translation

from backend.commerce.account import emails
from backend.commerce.account.models import User

logger = logging.getLogger(__name__)

# A mail server that is down or refuses for a while: try again later (30 s, 60 s, 120 s... up to 5 times).
MAIL_RETRY = {"autoretry_for": (smtplib.SMTPException, OSError), "retry_backoff": 30, "max_retries": 5}
SENT_KEY = "account.mails_sent"  # private metadata: request ids of the mails already sent
KEEP_LAST = 20


def _send_once(user_id: int, request_id: str, send) -> bool:
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=user_id).first()
        if user is None:
            logger.info("mail %s skipped: user %s no longer exists", request_id, user_id)
            return False
        sent = list(user.private_metadata.get(SENT_KEY, []))
        if request_id in sent:
            return False
        if not send(user):
            return False
        user.private_metadata[SENT_KEY] = [*sent, request_id][-KEEP_LAST:]
        user.save(update_fields=["private_metadata"])
    return True


@shared_task(name="account.send_account_confirmation_email", **MAIL_RETRY)
def send_account_confirmation_email(user_id: int, redirect_url: str, request_id: str) -> bool:
    def send(user):
        if user.is_confirmed:
            return False  # confirmed in the meantime: the mail would be useless
        with translation.override("fr"):
            emails.send_account_confirmation(user, redirect_url)
        return True

    return _send_once(user_id, request_id, send)


@shared_task(name="account.send_password_reset_email", **MAIL_RETRY)
def send_password_reset_email(user_id: int, redirect_url: str, request_id: str) -> bool:
    def send(user):
        if not user.is_active:
            return False
        with translation.override("fr"):
            emails.send_password_reset(user, redirect_url)
        return True

    return _send_once(user_id, request_id, send)


@shared_task(name="account.send_account_deletion_email", **MAIL_RETRY)
def send_account_deletion_email(user_id: int, redirect_url: str, request_id: str) -> bool:
    def send(user):
        if not user.is_active:
            return False
        with translation.override("fr"):
            emails.send_account_deletion(user, redirect_url)
        return True

    return _send_once(user_id, request_id, send)
