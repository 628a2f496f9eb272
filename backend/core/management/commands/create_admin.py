"""`comptoir create-admin`: the staff account with every permission (a superuser) for the EPCI team.

E-mail and password come from COMPTOIR_ADMIN_EMAIL / COMPTOIR_ADMIN_PASSWORD. Without a password, one is generated
and printed this once; on later runs the command only says the account exists and never prints a password again.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

DEFAULT_ADMIN_EMAIL = "admin@comptoir-de-mormal.fr"


class Command(BaseCommand):
    help = "Crée le compte d'administration (toutes les permissions) s'il n'existe pas encore."

    def handle(self, *args, **options):
        user_model = get_user_model()
        email = (settings.COMPTOIR_ADMIN_EMAIL or DEFAULT_ADMIN_EMAIL).strip().lower()
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"COMPTOIR_ADMIN_EMAIL n'est pas une adresse e-mail valide : {email!r}.") from error
        if user_model.objects.filter(email=email).exists():
            self.stdout.write(f"Le compte d'administration {email} existe déjà (mot de passe inchangé).")
            return
        if not settings.COMPTOIR_ADMIN_EMAIL and user_model.objects.filter(is_superuser=True).exists():
            self.stdout.write("Un compte d'administration existe déjà (mot de passe inchangé).")
            return
        password = settings.COMPTOIR_ADMIN_PASSWORD or secrets.token_urlsafe(12)
        user_model.objects.create_superuser(email=email, password=password, first_name="Équipe",
                                            last_name="Comptoir de Mormal")
        if settings.COMPTOIR_ADMIN_PASSWORD:
            self.stdout.write(f"Compte d'administration créé : {email} (mot de passe de COMPTOIR_ADMIN_PASSWORD).")
        else:
            self.stdout.write(self.style.WARNING(
                f"Compte d'administration créé : {email}\n"
                f"  mot de passe : {password}\n"
                "  Notez-le maintenant : il ne sera plus jamais affiché (changez-le dans /admin/)."))
