"""Sign-in through an OpenID Connect provider (FranceConnect or any other), as Saleor's OpenID Connect plugin."""
