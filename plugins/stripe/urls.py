from django.urls import path

from plugins.stripe.views import stripe_webhook

urlpatterns = [path("webhooks/stripe/", stripe_webhook, name="stripe-webhook")]
