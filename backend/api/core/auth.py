"""Who is calling /graphql/: a Bearer JWT (Saleor's tokens), else anonymous.

Session cookies are deliberately not honoured on /graphql/ (it is CSRF-exempt); the server-rendered pages call the
schema in-process with their own authenticated user.
"""

from django.contrib.auth.models import AnonymousUser


def user_from_request(request):
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() in {"bearer", "jwt"} and token.strip():
        from backend.api.account.jwt import user_from_access_token  # the account domain owns token rules

        user = user_from_access_token(token.strip())
        if user is not None:
            return user
    return AnonymousUser()
