"""schemathesis against POST /graphql/, bounded for `make test`: every root query and mutation, a few valid and a few
invalid documents each, the same documents every run (derandomized). The long run with random documents is in
`make bench` (tests/benchmarks/test_fuzz_benchmark.py). The checks are in tests/hardening/schemathesis_graphql.py."""

import pytest

from backend.api.schema import schema
from tests.hardening import schemathesis_graphql as fuzz

EXAMPLES_PER_MODE = 3  # x 2 modes x 113 operations: about 680 answers, 25 s on a quiet 2-core machine


@pytest.fixture
def superuser_token(db):
    from backend.commerce.account.services import _issue_tokens
    from tests import factories

    user = factories.user("schemathesis-admin@exemple.fr", is_staff=True, is_superuser=True)
    return _issue_tokens(user).access_token


@pytest.mark.slow
@pytest.mark.django_db
def test_schemathesis_finds_no_crash_nor_leak(client, superuser_token):
    # given a few rows to find (products, their variant, category, warehouse, channel), whose IDs the documents use
    from tests import factories

    for _ in range(3):
        factories.product()
    assert fuzz.fill_known_ids() >= 10
    graphql_schema = schema.graphql_schema
    roots = len(graphql_schema.query_type.fields) + len(graphql_schema.mutation_type.fields)
    # when
    result = fuzz.run(client, superuser_token, examples=EXAMPLES_PER_MODE)
    # then every operation was exercised, and no answer was a 5xx, leaked internals or hid a crash
    assert len(result.operations) == roots
    assert result.skipped == {}
    assert result.examples >= 2 * roots
    assert [f"{f.operation}: {f.reason}\n{f.document}\n{f.answer}" for f in result.failures] == []
