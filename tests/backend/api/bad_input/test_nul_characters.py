"""U+0000 in any string (variables, JSON metadata, literals): PostgreSQL refuses it, so the API replaces it with
U+FFFD before anything runs. Lookups find nothing, writes keep a visible mark; never an internal error."""

import pytest

from backend.api.core.execution import without_nul
from tests import factories
from tests.backend.api.bad_input.conftest import ask

IN_CHANNEL = 'channel: "comptoir-de-mormal"'
SEARCH = ("query($s: String) { products(first: 5, search: $s, " + IN_CHANNEL
          + ") { totalCount edges { node { name } } } }")


def test_without_nul_reaches_every_string_of_the_variables():
    assert without_nul({"a\x00": ["x\x00y", {"k": "\x00"}, 3, None]}) == {
        "a\ufffd": ["x\ufffdy", {"k": "\ufffd"}, 3, None]}
    clean = {"slug": "maroilles", "lines": [{"quantity": 2}]}
    assert without_nul(clean) is clean  # every request passes here: nothing is copied without a NUL


@pytest.mark.django_db
@pytest.mark.parametrize(("root", "query"), [
    ("product", "query($s: String) { product(slug: $s, " + IN_CHANNEL + ") { id } }"),
    ("category", "query($s: String) { category(slug: $s) { id } }"),
    ("collection", "query($s: String) { collection(slug: $s, " + IN_CHANNEL + ") { id } }"),
    ("page", "query($s: String) { page(slug: $s) { id } }"),
])
def test_a_slug_holding_nul_is_simply_not_found(root, query):
    factories.product("Maroilles fermier")

    assert ask(query, {"s": "maroilles\x00fermier"}) == {"data": {root: None}}


@pytest.mark.django_db
def test_a_literal_holding_nul_is_not_found_either():
    factories.product("Maroilles fermier")

    body = ask('{ product(slug: "maroilles\\u0000fermier", ' + IN_CHANNEL + ") { id } }")

    assert body == {"data": {"product": None}}


@pytest.mark.django_db
def test_a_search_holding_nul_answers_as_the_stand_in_does_never_an_error():
    factories.product("Maroilles fermier")

    body = ask(SEARCH, {"s": "maroilles\x00"})

    assert "errors" not in body, body
    assert body == ask(SEARCH, {"s": "maroilles\ufffd"})
