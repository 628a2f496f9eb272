"""A producer's life: staff invite it, its owner sets a password and completes the profile, staff approve it."""

from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.text import slugify

from backend.commerce.territory.models import Commune
from backend.core.events import enqueue
from plugins.producers.error_codes import ProducerErrorCode as Code
from plugins.producers.models import MemberRole, Producer, ProducerLabel, ProducerMember, ProducerStatus, VatStatus
from plugins.producers.validators import validate_bic, validate_iban, validate_siret

PROFILE_FIELDS = ("legal_name", "trade_name", "siret", "vat_status", "email", "phone", "website", "commune",
                  "street_address", "postal_code", "latitude", "longitude", "description", "labels", "opening_hours",
                  "order_cutoff_hours", "iban", "bic")
STAFF_ONLY_FIELDS = ("commission_rate", "status", "stripe_account_id", "slug")
REQUIRED_TO_APPROVE = ("legal_name", "trade_name", "siret", "email", "iban", "bic", "street_address")


def error(field: str, message: str, code: Code, **params) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code.value, params=params or None)})


def _commune(value) -> Commune:
    if isinstance(value, Commune):
        return value
    commune = Commune.objects.filter(insee=str(value)).first() or Commune.objects.filter(slug=str(value)).first()
    if commune is None:
        raise error("commune", "Cette commune n'est pas dans le Pays de Mormal.", Code.NOT_FOUND)
    return commune


def _clean(data: dict, *, staff: bool) -> dict:
    """Check and normalise each given field; unknown or staff-only fields (for a member) are refused."""
    allowed = PROFILE_FIELDS + (STAFF_ONLY_FIELDS if staff else ())
    cleaned: dict = {}
    for field, value in data.items():
        if field not in allowed:
            raise error(field, "Ce champ ne peut pas être modifié ici.", Code.INVALID)
        try:
            cleaned[field] = _clean_field(field, value)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                raise
            code = {"siret": Code.INVALID_SIRET, "iban": Code.INVALID_IBAN}.get(field, Code.INVALID)
            raise error(field, exc.messages[0], code) from None
    return cleaned


def _clean_field(field: str, value):
    text = value.strip() if isinstance(value, str) else value
    if field in ("legal_name", "trade_name") and not text:
        raise ValidationError("Ce champ est obligatoire.")
    if field == "siret":
        return validate_siret(text)
    if field == "iban":
        return validate_iban(text) if text else ""
    if field == "bic":
        return validate_bic(text) if text else ""
    if field == "email":
        validate_email(text)
        return text.lower()
    if field == "commune":
        return _commune(value)
    if field == "vat_status" and text not in VatStatus.values:
        raise ValidationError("Régime de TVA inconnu.")
    if field == "status" and text not in ProducerStatus.values:
        raise ValidationError("Statut inconnu.")
    if field == "labels":
        unknown = [label for label in (value or []) if label not in ProducerLabel.values]
        if unknown:
            raise ValidationError(f"Label inconnu : {', '.join(map(str, unknown))}.")
        return list(dict.fromkeys(value or []))
    if field == "commission_rate":
        try:
            rate = Decimal(str(value).replace(",", "."))
        except InvalidOperation:
            raise ValidationError("Le taux de commission doit être un nombre.") from None
        if not Decimal("0") <= rate <= Decimal("100"):
            raise ValidationError("Le taux de commission doit être compris entre 0 et 100 %.")
        return rate.quantize(Decimal("0.01"))
    if field == "order_cutoff_hours" and (not isinstance(value, int) or not 0 <= value <= 24 * 14):
        raise ValidationError("Le délai de commande se compte en heures, de 0 à 336.")
    if field in ("latitude", "longitude") and value is not None:
        try:
            return Decimal(str(value)).quantize(Decimal("0.000001"))
        except InvalidOperation:
            raise ValidationError("Coordonnée invalide.") from None
    return text


def _unique_slug(name: str) -> str:
    base = slugify(name)[:180] or "producteur"
    slug, n = base, 2
    while Producer.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def producer_create(*, data: dict, invited_by=None, send_invitation: bool = True) -> Producer:
    """Staff create a producer (status invited) and, by default, invite its contact e-mail as owner."""
    cleaned = _clean(data, staff=True)
    for field in ("legal_name", "trade_name", "siret", "email", "commune"):
        if field not in cleaned:
            raise error(field, "Ce champ est obligatoire.", Code.REQUIRED)
    cleaned.setdefault("slug", _unique_slug(cleaned["trade_name"]))
    if Producer.objects.filter(siret=cleaned["siret"]).exists():
        raise error("siret", "Un producteur avec ce SIRET existe déjà.", Code.UNIQUE)
    with transaction.atomic():
        commune = cleaned["commune"]
        cleaned.setdefault("latitude", commune.latitude)
        cleaned.setdefault("longitude", commune.longitude)
        cleaned.setdefault("postal_code", (commune.postcodes or [""])[0])
        try:
            with transaction.atomic():
                producer = Producer.objects.create(**cleaned)
        except IntegrityError:
            raise error("slug", "Ce producteur existe déjà.", Code.UNIQUE) from None
        if send_invitation:
            member_invite(producer=producer, email=producer.email, role=MemberRole.OWNER, invited_by=invited_by)
    return producer


def producer_update(*, producer: Producer, data: dict, staff: bool) -> Producer:
    cleaned = _clean(data, staff=staff)
    if "siret" in cleaned and Producer.objects.filter(siret=cleaned["siret"]).exclude(pk=producer.pk).exists():
        raise error("siret", "Un producteur avec ce SIRET existe déjà.", Code.UNIQUE)
    if "slug" in cleaned and Producer.objects.filter(slug=cleaned["slug"]).exclude(pk=producer.pk).exists():
        raise error("slug", "Cette adresse de page est déjà prise.", Code.UNIQUE)
    with transaction.atomic():
        producer = Producer.objects.select_for_update().get(pk=producer.pk)
        for field, value in cleaned.items():
            setattr(producer, field, value)
        if not staff and producer.profile_completed_at is None and not _missing_for_approval(producer):
            producer.profile_completed_at = timezone.now()
        producer.save()
    return producer


def _missing_for_approval(producer: Producer) -> list[str]:
    return [field for field in REQUIRED_TO_APPROVE if not getattr(producer, field)]


def producer_approve(*, producer: Producer) -> Producer:
    missing = _missing_for_approval(producer)
    if missing:
        raise error(missing[0], "Le profil est incomplet : " + ", ".join(
            str(Producer._meta.get_field(f).verbose_name) for f in missing) + ".", Code.INVALID)
    with transaction.atomic():
        producer = Producer.objects.select_for_update().get(pk=producer.pk)
        producer.status = ProducerStatus.ACTIVE
        producer.approved_at = producer.approved_at or timezone.now()
        producer.save(update_fields=["status", "approved_at", "updated_at"])
    return producer


def producer_suspend(*, producer: Producer) -> Producer:
    Producer.objects.filter(pk=producer.pk).update(status=ProducerStatus.SUSPENDED, updated_at=timezone.now())
    producer.refresh_from_db()
    return producer


def member_invite(*, producer: Producer, email: str, role: str = MemberRole.STAFF, invited_by=None) -> ProducerMember:
    """A new user without password (or an existing one without producer) joins the producer; a mail carries the
    link to set the password. A user belongs to one producer at most."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise error("email", "Adresse e-mail invalide.", Code.INVALID) from None
    if role not in MemberRole.values:
        raise error("role", "Rôle inconnu.", Code.INVALID)
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=None)
        elif user.is_staff:
            raise error("email", "Un membre de l'équipe du Comptoir ne peut pas être membre d'un producteur.",
                        Code.INVALID)
        existing = ProducerMember.objects.filter(user=user).select_related("producer").first()
        if existing is not None:
            raise error("email", f"Cette personne est déjà membre de « {existing.producer.trade_name} ».",
                        Code.ALREADY_MEMBER)
        member = ProducerMember.objects.create(user=user, producer=producer, role=role)
        from plugins.producers.tasks import send_member_invitation

        enqueue(send_member_invitation, user.pk)
    return member


def member_accept_invitation(*, uidb64: str, token: str, password: str) -> ProducerMember:
    """The invited person sets a password through the mailed link (a one-time token)."""
    from django.contrib.auth.password_validation import validate_password

    User = get_user_model()
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (User.DoesNotExist, ValueError, TypeError, OverflowError):
        user = None
    if user is None or not default_token_generator.check_token(user, token):
        raise error("token", "Ce lien d'invitation n'est plus valable : demandez-en un nouveau.", Code.INVALID)
    member = ProducerMember.objects.filter(user=user).first()
    if member is None:
        raise error("token", "Cette invitation a été retirée.", Code.NOT_FOUND)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise error("password", " ".join(exc.messages), Code.INVALID) from None
    with transaction.atomic():
        user.set_password(password)
        user.is_active = True
        user.save(update_fields=["password", "is_active"])
        member.joined_at = member.joined_at or timezone.now()
        member.save(update_fields=["joined_at"])
    return member
