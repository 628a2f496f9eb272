"""Claims of the provider's users. An address starting with "unverified" is one the provider has not verified."""


def userinfo(claims, user):
    claims["email"] = user.email
    claims["email_verified"] = not user.email.startswith("unverified")
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    return claims
