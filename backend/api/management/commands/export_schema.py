"""`comptoir export_schema`: writes the live GraphQL schema to backend/api/schema.graphql (or --output, or stdout).

Types and fields are sorted by name so that the file only changes when the API does, whatever the import order of
the domains and plugins; a test fails when the committed file and the live schema differ.
"""

from pathlib import Path

from django.core.management.base import BaseCommand
from graphql import parse, print_schema

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "schema.graphql"


def printed_schema() -> str:
    """graphql-core's printing of the schema, its definitions reordered: schema and directives first, then types by
    name. (graphql's lexicographic_sort_schema would rebuild the enums without graphene's serializers.)"""
    from backend.api.schema import schema

    text = print_schema(schema.graphql_schema)
    definitions = parse(text, no_location=False).definitions

    def sort_key(definition):
        name = getattr(getattr(definition, "name", None), "value", "")
        return (0 if definition.kind == "schema_definition" else 1 if definition.kind == "directive_definition"
                else 2, name)

    blocks = [text[d.loc.start:d.loc.end] for d in sorted(definitions, key=sort_key)]
    return "\n\n".join(blocks) + "\n"


class Command(BaseCommand):
    help = "Écrit le schéma GraphQL de l'API (SDL triée) dans backend/api/schema.graphql."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(DEFAULT_PATH),
                            help="Fichier à écrire ; « - » pour la sortie standard.")

    def handle(self, *args, output: str, **options):
        text = printed_schema()
        if output == "-":
            self.stdout.write(text, ending="")
            return
        Path(output).write_text(text, encoding="utf-8")
        self.stdout.write(f"Schéma écrit dans {output} ({text.count(chr(10))} lignes).")
