"""Users (customers, staff, producer members, couriers) and addresses, after Saleor's account domain."""

import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone

from backend.core.models import ModelWithMetadata


class Address(models.Model):
    first_name = models.CharField("prénom", max_length=256, blank=True)
    last_name = models.CharField("nom", max_length=256, blank=True)
    company_name = models.CharField("société", max_length=256, blank=True)
    street_address_1 = models.CharField("adresse", max_length=256, blank=True)
    street_address_2 = models.CharField("complément", max_length=256, blank=True)
    city = models.CharField("commune", max_length=256, blank=True)
    city_area = models.CharField("lieu-dit", max_length=128, blank=True)
    postal_code = models.CharField("code postal", max_length=20, blank=True)
    country = models.CharField("pays", max_length=2, default="FR")
    country_area = models.CharField("région", max_length=128, blank=True)
    phone = models.CharField("téléphone", max_length=32, blank=True)
    commune_insee = models.CharField("code INSEE", max_length=5, blank=True)
    metadata = models.JSONField(blank=True, default=dict)

    class Meta:
        verbose_name = "adresse"
        verbose_name_plural = "adresses"

    def __str__(self) -> str:
        parts = [self.company_name or f"{self.first_name} {self.last_name}".strip(), self.street_address_1,
                 f"{self.postal_code} {self.city}".strip()]
        return ", ".join(p for p in parts if p)


class UserManager(BaseUserManager):
    def create_user(self, email, password=None, **extra):
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra)
        user.set_password(password) if password else user.set_unusable_password()
        user.save()
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True, is_confirmed=True)
        return self.create_user(email, password, **extra)


class User(ModelWithMetadata, AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("e-mail", unique=True)
    first_name = models.CharField("prénom", max_length=256, blank=True)
    last_name = models.CharField("nom", max_length=256, blank=True)
    addresses = models.ManyToManyField(Address, blank=True, related_name="user_addresses")
    is_staff = models.BooleanField("équipe", default=False)
    is_active = models.BooleanField("actif", default=True)
    is_confirmed = models.BooleanField("e-mail confirmé", default=True)
    note = models.TextField(blank=True)
    date_joined = models.DateTimeField("inscrit le", default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    last_password_reset_request = models.DateTimeField(null=True, blank=True)
    default_shipping_address = models.ForeignKey(
        Address, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    default_billing_address = models.ForeignKey(
        Address, related_name="+", null=True, blank=True, on_delete=models.SET_NULL
    )
    avatar = models.ImageField(upload_to="user-avatars", blank=True, null=True)
    language_code = models.CharField(max_length=35, default="fr")
    # Rotating this key revokes every token issued before (logout, password change, deactivation).
    jwt_token_key = models.CharField(max_length=36, default=uuid.uuid4)
    external_reference = models.CharField(max_length=250, unique=True, blank=True, null=True)

    USERNAME_FIELD = "email"
    objects = UserManager()

    class Meta:
        ordering = ["email"]
        verbose_name = "utilisateur"
        verbose_name_plural = "utilisateurs"
        permissions = (
            ("manage_users", "Gérer les clients"),
            ("manage_staff", "Gérer l'équipe"),
            ("impersonate_user", "Se faire passer pour un client"),
        )

    def __str__(self) -> str:
        return self.email

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.email

    def get_short_name(self) -> str:
        return self.first_name or self.email


class RefreshTokenFamily(models.Model):
    """The refresh tokens of one sign-in, for rotation and reuse detection (see account/refresh_families.py): each
    refresh token names its family and carries a `jti`; only the family's current jti is good."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="refresh_token_families")
    current_jti = models.CharField(max_length=36)
    previous_jti = models.CharField(max_length=36, blank=True)
    generation = models.PositiveIntegerField("rotations", default=0)
    created_at = models.DateTimeField("ouverte le", auto_now_add=True)
    rotated_at = models.DateTimeField("dernière rotation", null=True, blank=True)
    expires_at = models.DateTimeField("expire le", db_index=True)
    revoked_at = models.DateTimeField("révoquée le", null=True, blank=True)

    class Meta:
        verbose_name = "session (jetons de rafraîchissement)"
        verbose_name_plural = "sessions (jetons de rafraîchissement)"

    def __str__(self) -> str:
        return f"{self.user_id} · {self.created_at:%d/%m/%Y %H:%M}"
