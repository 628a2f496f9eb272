"""POST /webhooks/stripe/: Stripe's signed events. Anything unsigned, tampered, stale or malformed answers 400 and
changes nothing; a verified event answers 200, whether it was applied now or already before."""

import json
import logging

import stripe
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from plugins.stripe.webhooks import stripe_event_apply

logger = logging.getLogger(__name__)


def _refuse(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    secret = getattr(settings, "STRIPE_WEBHOOK_SECRET", "")
    if not secret:
        return _refuse("Les notifications Stripe ne sont pas configurées ici.", status=404)
    signature = request.headers.get("Stripe-Signature")
    if not signature:
        return _refuse("Signature Stripe absente.")
    try:
        event = stripe.Webhook.construct_event(
            request.body, signature, secret, tolerance=int(getattr(settings, "STRIPE_WEBHOOK_TOLERANCE_SECONDS", 300)))
    except stripe.SignatureVerificationError:
        return _refuse("Signature Stripe invalide ou trop ancienne.")
    except (ValueError, UnicodeDecodeError, json.JSONDecodeError):
        return _refuse("Contenu illisible.")
    try:
        outcome = stripe_event_apply(event=event)
    except (KeyError, TypeError, AttributeError, ValueError, ValidationError) as error:
        # Signed but not shaped as we expect (or disagreeing with what we recorded): nothing was stored.
        logger.warning("Stripe event refused: %r", error)
        return _refuse("Évènement Stripe incomplet ou incohérent.")
    return JsonResponse({"applied": outcome.applied, "message": outcome.message})
