from pathlib import Path

import pytest
from graphql import build_schema, parse, validate

from storefront import client

SALEOR_SDL = Path(__file__).resolve().parents[3] / "shared" / "contract" / "saleor-3.24-schema.graphql"
# Documents of our own extensions (not Saleor's contract): checked against our schema only.
OWN_EXTENSIONS = {"roadmap.graphql", "producers.graphql"}


def test_every_storefront_operation_is_assembled_with_the_fragments_it_uses():
    text = client.document("HomePage")

    assert text.startswith("query HomePage(")
    assert "fragment ProductCard on Product" in text
    assert "fragment MoneyParts on Money" in text  # used inside ProductCard: pulled in transitively
    assert text.count("fragment ProductCard") == 1


def test_operation_names_are_unique_and_listed():
    names = client.operation_names()

    assert {"HomePage", "ProductList", "ProductDetails", "Navigation", "PageBySlug"} <= set(names)
    assert len(names) == len(set(names))


def _saleor_operations():
    operations = []
    for path in sorted(client.DOCUMENTS_DIR.glob("*.graphql")):
        if path.name in OWN_EXTENSIONS:
            continue
        for definition in parse(path.read_text(encoding="utf-8")).definitions:
            if getattr(definition, "operation", None) is not None:
                operations.append(definition.name.value)
    return operations


@pytest.mark.skipif(not SALEOR_SDL.exists(), reason=f"Saleor's SDL not found at {SALEOR_SDL}")
def test_storefront_documents_are_valid_against_saleors_own_schema():
    saleor = build_schema(SALEOR_SDL.read_text(encoding="utf-8"), assume_valid_sdl=True)

    problems = {op: [e.message for e in validate(saleor, parse(client.document(op)))] for op in _saleor_operations()}

    assert {op: errs for op, errs in problems.items() if errs} == {}


def _own_operations():
    operations = []
    for name in sorted(OWN_EXTENSIONS - {"roadmap.graphql"}):  # the roadmap documents have their own tests
        for definition in parse((client.DOCUMENTS_DIR / name).read_text(encoding="utf-8")).definitions:
            if getattr(definition, "operation", None) is not None:
                operations.append(definition.name.value)
    return operations


def test_extension_documents_are_valid_against_our_schema():
    from backend.api.schema import schema

    ours = schema.graphql_schema

    problems = {op: [e.message for e in validate(ours, parse(client.document(op)))] for op in _own_operations()}

    assert len(problems) == 8
    assert {op: errs for op, errs in problems.items() if errs} == {}
