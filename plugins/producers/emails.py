"""Mails of the marketplace (plain French text): the member invitation and the cancelled line."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from backend.core.money import format_eur
from plugins.producers.models import PreparationLine, ProducerMember

INVITATION_PATH = "/producteurs/invitation/{uid}/{token}/"


def invitation_url(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return settings.PUBLIC_URL + INVITATION_PATH.format(uid=uid, token=default_token_generator.make_token(user))


def send_member_invitation(*, user_id) -> bool:
    user = get_user_model().objects.filter(pk=user_id).first()
    member = ProducerMember.objects.select_related("producer").filter(user_id=user_id).first()
    if user is None or member is None or member.joined_at is not None:
        return False
    body = (
        "Bonjour,\n\n"
        f"Vous êtes invité à rejoindre « {member.producer.trade_name} » sur le Comptoir de Mormal, la plateforme des "
        "producteurs du Pays de Mormal.\n\n"
        f"Choisissez votre mot de passe en suivant ce lien :\n{invitation_url(user)}\n\n"
        "Vous pourrez ensuite compléter le profil de votre exploitation ; l'équipe du Comptoir le validera.\n\n"
        "À bientôt,\nL'équipe du Comptoir de Mormal\n"
    )
    send_mail("Votre invitation au Comptoir de Mormal", body, None, [user.email])
    return True


def send_line_cancelled(*, line_id) -> bool:
    line = (PreparationLine.objects.select_related("order_line__order", "preparation__producer")
            .filter(pk=line_id, cancelled_at__isnull=False).first())
    if line is None or not line.order_line.order.user_email:
        return False
    order = line.order_line.order
    body = (
        "Bonjour,\n\n"
        f"{line.preparation.producer.trade_name} ne pourra pas fournir « {line.order_line.product_name} » "
        f"(quantité {line.quantity}) de votre commande n° {order.number} : {line.cancel_reason}.\n\n"
        f"Cette ligne vous est remboursée : {format_eur(line.refunded_amount)}. Le reste de votre commande est "
        "maintenu.\n\nNous vous prions de nous excuser pour ce contretemps.\nL'équipe du Comptoir de Mormal\n"
    )
    send_mail(f"Commande n° {order.number} : un produit n'est pas disponible", body, None, [order.user_email])
    return True
