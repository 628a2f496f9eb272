"""The base class every plugin subclasses. A plugin implements the hooks it cares about, by their declared names."""

from dataclasses import dataclass
from typing import Any, ClassVar


@dataclass(frozen=True)
class PluginConfig:
    """Plugins subclass this (a frozen dataclass) to declare their typed configuration."""


class BasePlugin:
    PLUGIN_ID: ClassVar[str] = ""
    PLUGIN_NAME: ClassVar[str] = ""
    Config: ClassVar[type[PluginConfig]] = PluginConfig

    def __init__(self, config: PluginConfig | None = None):
        self.config = config if config is not None else self.Config()

    @classmethod
    def build_config(cls, raw: dict[str, Any] | None) -> PluginConfig:
        """Typed configuration from settings.PLUGIN_CONFIG[PLUGIN_ID]; unknown keys are an error, not a silent typo."""
        raw = dict(raw or {})
        known = set(cls.Config.__dataclass_fields__)
        unknown = sorted(set(raw) - known)
        if unknown:
            raise ValueError(f"Plugin {cls.PLUGIN_ID}: unknown configuration keys {unknown}")
        return cls.Config(**raw)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.PLUGIN_ID}>"
