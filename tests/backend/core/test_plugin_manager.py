from dataclasses import dataclass

import pytest
from django.db import transaction

from backend.core.plugins import BasePlugin, PluginConfig, PluginManager
from backend.core.plugins.manager import UnknownHook, load_plugins


class AddOne(BasePlugin):
    PLUGIN_ID = "test.add-one"

    def graphql_query_classes(self, *, previous_value):
        return previous_value + ["one"]


class Broken(BasePlugin):
    PLUGIN_ID = "test.broken"

    def graphql_query_classes(self, *, previous_value):
        raise RuntimeError("boom")

    def product_created(self, *, product):
        raise RuntimeError("boom")


class Recorder(BasePlugin):
    PLUGIN_ID = "test.recorder"
    calls: list = []

    def product_created(self, *, product):
        Recorder.calls.append(product)


@dataclass(frozen=True)
class TypedConfig(PluginConfig):
    api_key: str = ""
    retries: int = 3


class Configured(BasePlugin):
    PLUGIN_ID = "test.configured"
    Config = TypedConfig


def test_filter_hooks_chain_in_order_and_skip_a_failing_plugin(caplog):
    manager = PluginManager([AddOne(), Broken(), AddOne()])

    result = manager.filter("graphql_query_classes", ["core"])

    assert result == ["core", "one", "one"]
    assert "plugin test.broken failed in filter hook graphql_query_classes" in caplog.text


def test_a_hook_must_be_declared_and_used_with_its_kind():
    manager = PluginManager([AddOne()])

    with pytest.raises(UnknownHook, match="Unknown hook 'prodcut_created'"):
        manager.notify("prodcut_created", product=1)
    with pytest.raises(UnknownHook, match="is a notify hook, not a filter hook"):
        manager.filter("product_created", None)


@pytest.mark.django_db(transaction=True)
def test_notify_hooks_run_after_commit_and_never_break_the_caller(caplog):
    Recorder.calls = []
    manager = PluginManager([Broken(), Recorder()])

    with transaction.atomic():
        manager.notify("product_created", product="maroilles")
        assert Recorder.calls == []  # nothing seen before the commit

    assert Recorder.calls == ["maroilles"]
    assert "plugin test.broken failed in notify hook product_created" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_notify_hooks_are_dropped_when_the_transaction_rolls_back():
    Recorder.calls = []
    manager = PluginManager([Recorder()])

    with pytest.raises(ValueError), transaction.atomic():
        manager.notify("product_created", product="maroilles")
        raise ValueError("rollback")

    assert Recorder.calls == []


def test_plugins_load_from_dotted_paths_with_typed_configuration():
    plugins = load_plugins([f"{__name__}.Configured"], {"test.configured": {"api_key": "k", "retries": 5}})

    assert plugins[0].config == TypedConfig(api_key="k", retries=5)


def test_unknown_configuration_keys_are_refused():
    with pytest.raises(ValueError, match=r"unknown configuration keys \['retry'\]"):
        load_plugins([f"{__name__}.Configured"], {"test.configured": {"retry": 5}})


def test_only_base_plugin_subclasses_load():
    with pytest.raises(TypeError, match="is not a BasePlugin subclass"):
        load_plugins(["backend.core.money.format_eur"], {})
