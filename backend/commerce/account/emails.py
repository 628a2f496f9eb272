"""Account mails, in French (text and HTML), rendered from templates/account/emails/."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from backend.commerce.account import tokens


def url_with_params(base_url: str, **params: str) -> str:
    """`base_url` with `params` added to its query string (keeping what it already had)."""
    parts = urlsplit(base_url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    query.extend(params.items())
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))


def _send(template: str, recipient: str, context: dict) -> None:
    context = {"shop_name": "Comptoir de Mormal", "public_url": settings.PUBLIC_URL, **context}
    subject = render_to_string(f"account/emails/{template}_subject.txt", context).strip()
    text = render_to_string(f"account/emails/{template}.txt", context)
    html = render_to_string(f"account/emails/{template}.html", context)
    message = EmailMultiAlternatives(subject=" ".join(subject.split()), body=text,
                                     from_email=settings.DEFAULT_FROM_EMAIL, to=[recipient])
    message.attach_alternative(html, "text/html")
    message.send()


def send_account_confirmation(user, redirect_url: str) -> str:
    """Send the confirmation mail; returns the link it carries."""
    token = tokens.account_confirmation_token.make_token(user)
    link = url_with_params(redirect_url, email=user.email, token=token)
    _send("confirm_account", user.email, {"user": user, "link": link})
    return link


def send_password_reset(user, redirect_url: str) -> str:
    token = tokens.password_reset_token.make_token(user)
    link = url_with_params(redirect_url, email=user.email, token=token)
    _send("password_reset", user.email, {"user": user, "link": link})
    return link


def send_account_deletion(user, redirect_url: str) -> str:
    token = tokens.account_deletion_token.make_token(user)
    link = url_with_params(redirect_url, token=token)
    _send("account_delete", user.email, {"user": user, "link": link})
    return link
