from backend.core.plugins.base import BasePlugin, PluginConfig
from backend.core.plugins.manager import PluginManager, get_plugin_manager, reset_plugin_manager

__all__ = ["BasePlugin", "PluginConfig", "PluginManager", "get_plugin_manager", "reset_plugin_manager"]
