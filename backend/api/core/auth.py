"""Who is calling /graphql/: a Bearer JWT (Saleor's tokens), else anonymous.

Session cookies are deliberately not honoured on /graphql/ (it is CSRF-exempt); the server-rendered pages call the
schema in-process with their own authenticated user. A token that is expired, forged or revoked makes the request
anonymous (the token rules live in backend/commerce/account/tokens.py).
"""

from django.contrib.auth.models import AnonymousUser

from backend.commerce.account.tokens import user_from_access_token

BEARER_SCHEMES = {"bearer", "jwt"}


def user_from_request(request):
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() in BEARER_SCHEMES and token.strip():
        user = user_from_access_token(token.strip())
        if user is not None:
            return user
    return AnonymousUser()
