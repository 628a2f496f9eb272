"""The commerce fixtures (a channel, a pickup point, a cart of two Maroilles at 12,50 €) and the dummy gateway alone."""

import pytest

from backend.core.plugins import reset_plugin_manager
from tests.backend.commerce.conftest import (  # noqa: F401 - fixtures re-used as they are
    channel,
    cheese,
    communes,
    farm,
    pickup_checkout,
    pickup_point,
)


@pytest.fixture
def dummy(settings):
    settings.PLUGINS = ["plugins.dummy.plugin.DummyPaymentPlugin"]
    settings.COMPTOIR_ENV = "development"
    reset_plugin_manager()
    yield
    reset_plugin_manager()
