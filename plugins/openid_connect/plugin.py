"""Plugin `mirumee.authentication.openidconnect` (the pluginId Saleor's clients send; OIDC_PLUGIN_ID changes it).

Answers the external_* filter hooks of backend/core/plugins/hooks.py for its own pluginId only, and passes the
previous value on otherwise. Each answer is a dict (the payload) or a ValidationError (a refusal the mutation reports
as AccountError): the hook manager logs and skips a plugin that raises, so refusals travel as values.
"""

import logging

from django.core.exceptions import ValidationError

from backend.commerce.account import services as account_services
from backend.commerce.account.error_codes import AccountErrorCode
from backend.core.plugins import BasePlugin
from plugins.openid_connect import services
from plugins.openid_connect.config import OpenIDConnectConfig
from plugins.openid_connect.errors import OIDCError

logger = logging.getLogger(__name__)


def _answer(call):
    try:
        return call()
    except OIDCError as exc:
        return exc.as_validation_error()
    except ValidationError as exc:  # from the account services (refresh, verify)
        return exc
    except Exception:  # a bug or a provider answering nonsense: a clear refusal, never "no such plugin"
        logger.exception("OpenID Connect sign-in failed")
        return OIDCError("La connexion n'a pas pu aboutir : réessayez.").as_validation_error()


class OpenIDConnectPlugin(BasePlugin):
    PLUGIN_ID = "mirumee.authentication.openidconnect"
    PLUGIN_NAME = "Connexion avec un fournisseur d'identité (OpenID Connect, FranceConnect)"
    Config = OpenIDConnectConfig

    def _mine(self, plugin_id: str) -> bool:
        return plugin_id == self.config.plugin_id

    def _misconfigured(self) -> ValidationError | None:
        if self.config.is_configured:
            return None
        return OIDCError("La connexion par fournisseur d'identité n'est pas configurée.",
                         field="pluginId").as_validation_error()

    def external_authentication_url(self, previous_value, plugin_id, data, **kwargs):
        if not self._mine(plugin_id):
            return previous_value
        return self._misconfigured() or _answer(
            lambda: services.authentication_url_create(config=self.config, data=data))

    def external_obtain_access_tokens(self, previous_value, plugin_id, data, **kwargs):
        if not self._mine(plugin_id):
            return previous_value

        def obtain():
            issued = services.access_tokens_obtain(config=self.config, data=data)
            return {"token": issued.token, "refreshToken": issued.refresh_token, "csrfToken": issued.csrf_token,
                    "user": issued.user}

        return self._misconfigured() or _answer(obtain)

    def external_refresh(self, previous_value, plugin_id, data, cookie_refresh_token=None, **kwargs):
        if not self._mine(plugin_id):
            return previous_value

        def refresh():
            refresh_token = data.get("refreshToken") if isinstance(data.get("refreshToken"), str) else None
            csrf_token = data.get("csrfToken") if isinstance(data.get("csrfToken"), str) else None
            token, user = account_services.token_refresh(refresh_token=refresh_token, csrf_token=csrf_token,
                                                         cookie_token=cookie_refresh_token)
            return {"token": token, "user": user}

        return _answer(refresh)

    def external_logout(self, previous_value, plugin_id, data, **kwargs):
        if not self._mine(plugin_id):
            return previous_value
        return self._misconfigured() or _answer(lambda: services.logout_data(config=self.config, data=data))

    def external_verify(self, previous_value, plugin_id, data, **kwargs):
        if not self._mine(plugin_id):
            return previous_value

        def verify():
            token = data.get("token")
            if not isinstance(token, str) or not token:
                raise OIDCError("Ce champ est obligatoire.", field="token",
                                code=AccountErrorCode.REQUIRED)
            user, payload = account_services.token_verify(token=token)
            return {"user": user, "isValid": True, "verifyData": payload}

        return _answer(verify)
