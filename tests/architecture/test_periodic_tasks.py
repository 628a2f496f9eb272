import importlib

from celery import Task
from django.conf import settings

TASK_MODULES = ["backend.commerce.checkout.tasks", "backend.commerce.search.tasks", "logistics.tasks"]


def _task_names(module_name: str) -> set[str]:
    module = importlib.import_module(module_name)
    return {obj.name for obj in vars(module).values() if isinstance(obj, Task)}


def test_every_periodic_task_names_a_task_that_exists():
    declared = set().union(*(_task_names(module) for module in TASK_MODULES))

    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert scheduled == {"backend.commerce.checkout.tasks.delete_expired_reservations", "search.update_search_index",
                         "logistics.tasks.close_orders_at_cutoff"}
    assert scheduled <= declared
