"""The plugin's typed configuration (settings.PLUGIN_CONFIG[OpenIDConnectPlugin.PLUGIN_ID], filled from OIDC_* env)."""

from dataclasses import dataclass

from backend.core.plugins import PluginConfig

DEFAULT_PLUGIN_ID = "mirumee.authentication.openidconnect"  # the pluginId Saleor clients (auth-sdk) send


@dataclass(frozen=True)
class OpenIDConnectConfig(PluginConfig):
    plugin_id: str = DEFAULT_PLUGIN_ID
    client_id: str = ""
    client_secret: str = ""
    # Either the discovery document, or the endpoints one by one (explicit values win over discovered ones).
    discovery_url: str = ""
    issuer: str = ""
    authorization_url: str = ""
    token_url: str = ""
    userinfo_url: str = ""
    jwks_url: str = ""
    logout_url: str = ""
    scope: str = "openid email profile"
    acr_values: str = ""  # FranceConnect: "eidas1"
    prompt: str = ""  # e.g. "login consent" to make the provider ask every time
    # FranceConnect sends no `email_verified` claim although its e-mails come from the identity provider:
    # set False only for a provider you trust that way.
    require_email_verified: bool = True
    state_max_age_seconds: int = 600
    timeout_seconds: float = 10.0
    metadata_cache_seconds: int = 3600

    @property
    def is_configured(self) -> bool:
        return bool(self.client_id and self.client_secret and (self.discovery_url or (
            self.authorization_url and self.token_url and self.jwks_url and self.issuer)))
