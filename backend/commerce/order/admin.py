"""Admin of the order domain: every model gets a page (backend.core.admin.register_remaining_models)."""

from backend.core.admin import register_remaining_models

register_remaining_models("order")
