from io import StringIO
from pathlib import Path

from django.core.management import call_command

from backend.api.management.commands.export_schema import DEFAULT_PATH, printed_schema


def test_committed_schema_is_the_live_schema():
    committed = DEFAULT_PATH.read_text(encoding="utf-8") if DEFAULT_PATH.exists() else ""

    live = printed_schema()

    assert committed == live, "backend/api/schema.graphql is out of date: run `make schema` and commit the file."


def test_export_schema_writes_the_sorted_sdl(tmp_path: Path):
    target = tmp_path / "schema.graphql"
    out = StringIO()

    call_command("export_schema", output=str(target), stdout=out)

    text = target.read_text(encoding="utf-8")
    assert text == printed_schema()
    assert "type Query {" in text
    assert text.index("type Menu ") < text.index("type Page ") < text.index("type Shop ")
    assert out.getvalue() == f"Schéma écrit dans {target} ({text.count(chr(10))} lignes).\n"
