"""Celery tasks: thin, take ids, safe to run twice (the mails check their state)."""

from celery import shared_task

from plugins.producers import emails


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_member_invitation(user_id) -> bool:
    return emails.send_member_invitation(user_id=user_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_line_cancelled(line_id) -> bool:
    return emails.send_line_cancelled(line_id=line_id)
