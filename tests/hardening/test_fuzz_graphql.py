"""Bounded fuzz of POST /graphql/: Hypothesis builds documents from the schema itself (any root query or mutation,
arguments of the right shape or junk, a selection of fields), sent over HTTP anonymously and as a superuser (so
mutations get past their permission check). No answer may be a 5xx, nor show a traceback, a file path or SQL, nor
hide a resolver crash. It complements schemathesis (test_schemathesis_graphql.py): junk literals of the wrong type."""

import json

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLUnionType,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backend.api.schema import schema
from tests.hardening.schemathesis_graphql import INTERNAL_DETAIL

GRAPHQL = schema.graphql_schema
JUNK_TEXT = st.one_of(st.text(max_size=30), st.sampled_from(["", "' OR 1=1 --", "<script>", "UHJvZHVjdDox",
                                                             "T3JkZXI6OTk5OTk5", "../../etc/passwd", "\u0000"]))


def _literal(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def value_for(graphql_type, depth=0):
    """A literal of the given input type (sometimes of the wrong type: validation must answer cleanly)."""
    if isinstance(graphql_type, GraphQLNonNull):
        return value_for(graphql_type.of_type, depth)
    if isinstance(graphql_type, GraphQLList):
        return st.lists(value_for(graphql_type.of_type, depth + 1), max_size=3).map(
            lambda items: "[" + ", ".join(items) + "]")
    if isinstance(graphql_type, GraphQLEnumType):
        return st.sampled_from(sorted(graphql_type.values) + ["NOT_A_VALUE"])
    if isinstance(graphql_type, GraphQLInputObjectType):
        if depth > 2:
            return st.just("{}")
        fields = sorted(graphql_type.fields.items())
        return st.fixed_dictionaries({}, optional={name: value_for(f.type, depth + 1) for name, f in fields}).map(
            lambda chosen: "{" + ", ".join(f"{k}: {v}" for k, v in chosen.items()) + "}")
    name = getattr(graphql_type, "name", "")
    if name in ("Int", "PositiveInt"):
        return st.one_of(st.integers(-5, 200), st.integers(min_value=-(2 ** 40), max_value=2 ** 40)).map(str)
    if name in ("Float", "PositiveDecimal", "Decimal", "WeightScalar"):
        return st.floats(allow_nan=False, allow_infinity=False, width=32).map(lambda f: repr(float(f)))
    if name == "Boolean":
        return st.booleans().map(lambda b: "true" if b else "false")
    return JUNK_TEXT.map(_literal)


def selection_for(graphql_type, depth=0):
    graphql_type = getattr(graphql_type, "of_type", graphql_type)
    while isinstance(graphql_type, (GraphQLNonNull, GraphQLList)):
        graphql_type = graphql_type.of_type
    if isinstance(graphql_type, (GraphQLScalarType, GraphQLEnumType)):
        return st.just("")
    if isinstance(graphql_type, (GraphQLUnionType, GraphQLInterfaceType)) or depth > 2:
        return st.just("{ __typename }")
    assert isinstance(graphql_type, GraphQLObjectType)
    usable = sorted(name for name, field in graphql_type.fields.items()
                    if not any(isinstance(a.type, GraphQLNonNull) for a in field.args.values()))
    if not usable:
        return st.just("{ __typename }")

    def build(names):
        return st.tuples(*[selection_for(graphql_type.fields[n].type, depth + 1) for n in names]).map(
            lambda subs: "{ __typename " + " ".join(f"{n} {s}" for n, s in zip(names, subs, strict=True)) + " }")

    return st.lists(st.sampled_from(usable), min_size=1, max_size=4, unique=True).flatmap(build)


@st.composite
def operations(draw):
    kind = draw(st.sampled_from(["query", "mutation"]))
    root = GRAPHQL.query_type if kind == "query" else GRAPHQL.mutation_type
    name = draw(st.sampled_from(sorted(root.fields)))
    field = root.fields[name]
    args = []
    for arg_name, arg in sorted(field.args.items()):
        if isinstance(arg.type, GraphQLNonNull) or draw(st.booleans()):
            args.append(f"{arg_name}: {draw(value_for(arg.type))}")
    arguments = f"({', '.join(args)})" if args else ""
    return f"{kind} {{ {name}{arguments} {draw(selection_for(field.type))} }}"


@pytest.fixture
def superuser_token(db):
    from backend.commerce.account.services import _issue_tokens
    from tests import factories

    user = factories.user("fuzz-admin@exemple.fr", is_staff=True, is_superuser=True)
    return _issue_tokens(user).access_token


@pytest.mark.django_db
def test_fuzzed_operations_never_crash_nor_leak_internals(client, superuser_token, settings_override=None):
    seen = {"answers": 0}

    @settings(max_examples=300, deadline=None, database=None, derandomize=True,  # same documents every run
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                     HealthCheck.data_too_large])
    @given(document=operations(), signed_in=st.booleans())
    def check(document, signed_in):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {superuser_token}"} if signed_in else {}
        response = client.post("/graphql/", data=json.dumps({"query": document}), content_type="application/json",
                               **headers)
        text = response.content.decode()
        assert response.status_code < 500, (document, text[:500])
        assert not INTERNAL_DETAIL.search(text), (document, text[:500])
        assert "InternalServerError" not in text, (document, text[:500])  # a resolver crash, answered cleanly
        seen["answers"] += 1

    check()
    assert seen["answers"] >= 300


@pytest.mark.django_db
def test_a_scalar_refusing_a_literal_is_a_clean_validation_error(client):
    # given: found by the fuzz above — JSONString cannot parse "" (it used to answer "Internal Server Error")
    document = 'mutation { externalLogout(input: "", pluginId: "x") { logoutData } }'
    # when
    response = client.post("/graphql/", data=json.dumps({"query": document}), content_type="application/json")
    # then
    assert response.status_code == 200
    assert response.json() == {"data": None, "errors": [{
        "message": "Expected value of type 'JSONString!', found \"\".",
        "extensions": {"exception": {"code": "GraphQLError"}}, "locations": [{"line": 1, "column": 34}]}]}
