"""The plugin manager: loads the plugins listed in settings.PLUGINS and dispatches the hooks declared in hooks.py."""

import logging
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

from backend.core.events import after_commit
from backend.core.plugins.base import BasePlugin
from backend.core.plugins.hooks import HOOKS

logger = logging.getLogger(__name__)


class UnknownHook(LookupError):
    pass


class PluginManager:
    def __init__(self, plugins: list[BasePlugin]):
        self.plugins = plugins

    def _implementations(self, hook_name: str, kind: str):
        hook = HOOKS.get(hook_name)
        if hook is None:
            raise UnknownHook(f"Unknown hook {hook_name!r}; declare it in backend/core/plugins/hooks.py")
        if hook.kind != kind:
            raise UnknownHook(f"Hook {hook_name!r} is a {hook.kind} hook, not a {kind} hook")
        for plugin in self.plugins:
            method = getattr(plugin, hook_name, None)
            if callable(method):
                yield plugin, method

    def filter(self, hook_name: str, value: Any, **kwargs) -> Any:
        """Chain the plugins: each gets the previous value; a failing plugin is skipped (its input passes on)."""
        for plugin, method in self._implementations(hook_name, "filter"):
            try:
                value = method(previous_value=value, **kwargs)
            except Exception:
                logger.exception("plugin %s failed in filter hook %s", plugin.PLUGIN_ID, hook_name)
        return value

    def notify(self, hook_name: str, **kwargs) -> None:
        """Tell every plugin, after the current transaction commits; a failing plugin is logged, never raised."""
        for plugin, method in self._implementations(hook_name, "notify"):
            after_commit(_guarded(plugin, hook_name, method, kwargs))

    def get_plugin(self, plugin_id: str) -> BasePlugin | None:
        return next((p for p in self.plugins if p.PLUGIN_ID == plugin_id), None)


def _guarded(plugin, hook_name, method, kwargs):
    def call():
        try:
            method(**kwargs)
        except Exception:
            logger.exception("plugin %s failed in notify hook %s", plugin.PLUGIN_ID, hook_name)

    return call


def load_plugins(paths: list[str], configs: dict[str, dict]) -> list[BasePlugin]:
    plugins = []
    for path in paths:
        cls = import_string(path)
        if not (isinstance(cls, type) and issubclass(cls, BasePlugin)):
            raise TypeError(f"{path} is not a BasePlugin subclass")
        plugins.append(cls(cls.build_config(configs.get(cls.PLUGIN_ID))))
    return plugins


@lru_cache(maxsize=1)
def get_plugin_manager() -> PluginManager:
    return PluginManager(load_plugins(list(settings.PLUGINS), dict(settings.PLUGIN_CONFIG)))


def reset_plugin_manager() -> None:
    """For tests that change settings.PLUGINS."""
    get_plugin_manager.cache_clear()


@receiver(setting_changed)
def _plugins_setting_changed(*, setting, **_kwargs) -> None:
    """A changed (or restored) PLUGINS setting takes effect at the next call: no manager outlives its settings."""
    if setting in {"PLUGINS", "PLUGIN_CONFIG"}:
        reset_plugin_manager()
