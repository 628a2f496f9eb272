"""`comptoir db-stop`: stop the embedded PostgreSQL server (data under var/pgdata stays)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from backend.config.embedded_db import stop_embedded


class Command(BaseCommand):
    help = "Arrête le serveur PostgreSQL embarqué (les données restent sous var/pgdata)."

    def handle(self, *args, **options):
        from django.db import connections

        connections.close_all()  # our own connection must not keep the fast shutdown waiting
        if stop_embedded(settings.VAR_DIR):
            self.stdout.write("Serveur PostgreSQL embarqué arrêté.")
        else:
            self.stdout.write("Aucun serveur PostgreSQL embarqué en marche.")
