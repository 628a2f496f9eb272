"""A tiny OpenID Connect provider (django-oidc-provider) the tests start as a subprocess, with its own database."""
