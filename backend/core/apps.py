from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "backend.core"
    label = "core"
    verbose_name = "Noyau"

    def ready(self):
        from django.db.backends.signals import connection_created

        from backend.core.timestamps import use_psycopg_timestamp_loader

        connection_created.connect(use_psycopg_timestamp_loader, dispatch_uid="core.psycopg_timestamp_loader")
