"""An import job: the uploaded file and a small JSON state next to it (under MEDIA_ROOT/portal-imports/), shared by
the web process and the celery worker. The state says whose job it is, so a member only ever sees its own."""

import json
import os
import uuid
from dataclasses import asdict
from pathlib import Path

from django.conf import settings

from plugins.producers.portal.csv_import import Report

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def jobs_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "portal-imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _valid(job_id: str) -> bool:
    try:
        return str(uuid.UUID(job_id)) == job_id
    except (ValueError, TypeError):
        return False


def csv_path(job_id: str) -> Path:
    return jobs_dir() / f"{job_id}.csv"


def job_create(*, uploaded, producer_id: int, user_id: int) -> str:
    job_id = str(uuid.uuid4())
    with open(csv_path(job_id), "wb") as handle:
        for chunk in uploaded.chunks():
            handle.write(chunk)
    state_write(job_id, {"producer_id": producer_id, "user_id": user_id, "filename": uploaded.name[:200],
                         "state": "preview", "percent": 0})
    return job_id


def state_write(job_id: str, state: dict) -> None:
    """Atomic: a reader never sees half a file."""
    target = jobs_dir() / f"{job_id}.json"
    temporary = target.with_suffix(".tmp")
    temporary.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, target)


def state_read(job_id: str) -> dict | None:
    if not _valid(job_id):
        return None
    try:
        return json.loads((jobs_dir() / f"{job_id}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def state_update(job_id: str, **changes) -> dict:
    state = {**(state_read(job_id) or {}), **changes}
    state_write(job_id, state)
    return state


def report_dict(report: Report) -> dict:
    return asdict(report)
