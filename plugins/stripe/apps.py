from django.apps import AppConfig


class StripeConfig(AppConfig):
    name = "plugins.stripe"
    label = "stripe_gateway"
    verbose_name = "Paiement par carte (Stripe)"
    default_auto_field = "django.db.models.BigAutoField"
