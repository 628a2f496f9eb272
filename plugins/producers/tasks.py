"""Celery tasks: thin, take ids, safe to run twice (the mails check their state)."""

from celery import shared_task

from plugins.producers import emails


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_member_invitation(user_id) -> bool:
    return emails.send_member_invitation(user_id=user_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_line_cancelled(line_id) -> bool:
    return emails.send_line_cancelled(line_id=line_id)


@shared_task
def compute_monthly_statements() -> int:
    """The statements of the previous month for every producer (run by celery beat on the 1st); idempotent."""
    from django.utils import timezone

    from plugins.producers.services.statements import statements_compute_month

    first = timezone.localdate().replace(day=1)
    previous = first.replace(year=first.year - 1, month=12) if first.month == 1 else first.replace(
        month=first.month - 1)
    return len(statements_compute_month(month=previous))


# The portal's CSV import task lives with the portal; importing it here lets the worker's autodiscovery register it.
from plugins.producers.portal.tasks import run_import  # noqa: E402, F401
