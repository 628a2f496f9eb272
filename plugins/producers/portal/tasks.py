"""The import runs in celery: progress is written to the job's state after each chunk of rows."""

from celery import shared_task

from plugins.producers.models import Producer
from plugins.producers.portal import csv_import, import_jobs
from plugins.producers.portal.csv_rows import CsvFormatError


def _count_rows(path) -> int:
    with open(path, "rb") as handle:
        return max(sum(1 for _ in handle) - 1, 1)


@shared_task(acks_late=True)
def run_import(job_id: str) -> dict:
    state = import_jobs.state_read(job_id)
    if state is None or state.get("state") in ("running", "done"):
        return state or {}
    producer = Producer.objects.get(pk=state["producer_id"])
    path = import_jobs.csv_path(job_id)
    expected = _count_rows(path)
    import_jobs.state_update(job_id, state="running", percent=0)

    def progress(report):
        percent = min(99, int(report.total * 100 / expected))
        import_jobs.state_update(job_id, percent=percent, report=import_jobs.report_dict(report))

    try:
        report = csv_import.run(path, producer, progress)
    except CsvFormatError as exc:
        return import_jobs.state_update(job_id, state="failed", message=str(exc))
    except Exception:
        import_jobs.state_update(job_id, state="failed",
                                 message="L'import s'est interrompu : réessayez ou contactez l'équipe du Comptoir.")
        raise
    return import_jobs.state_update(job_id, state="done", percent=100, report=import_jobs.report_dict(report))
