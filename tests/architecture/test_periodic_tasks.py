from django.conf import settings

from backend.config.celery import app


def test_every_periodic_task_names_a_registered_task():
    app.loader.import_default_modules()

    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert scheduled == {"backend.commerce.checkout.tasks.delete_expired_reservations", "search.update_search_index"}
    assert scheduled <= set(app.tasks)
