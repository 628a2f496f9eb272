"""schemathesis against POST /graphql/, shared by the bounded run (`make test`) and the long one (`make bench`).

schemathesis reads the schema the server itself serves (graphene's, printed as SDL), and for every root query and
mutation generates documents through hypothesis-graphql: valid ones (positive mode, they reach the resolvers) and
invalid ones (negative mode, they must stop at validation). Each document is posted to /graphql/ through Django's
test client, two times out of three as a superuser (so mutations get past their permission check), otherwise
anonymously. An answer fails when it is a 5xx, when it shows internal detail (a traceback, a file path, SQL, a
database error) or when a resolver crashed (Saleor's "InternalServerError" code, a clean answer hiding a bug).

Failures are collected, not raised: a run reports every operation that failed, with the document and the answer.
"""

import contextlib
import dataclasses
import json
import re
import time
import zlib

import schemathesis
import schemathesis.graphql
from graphql import print_schema
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st
from hypothesis.errors import HypothesisException
from schemathesis import GenerationMode
from schemathesis.core.control import SkipTest
from schemathesis.graphql import nodes

INTERNAL_DETAIL = re.compile(r"Traceback|File \"|/work/|site-packages|psycopg|SELECT |INSERT |UPDATE \"|"
                             r"django\.db|IntegrityError|ProgrammingError|\.py\b")
# Node types whose IDs the generator mixes with junk, so that generated documents also reach rows that exist.
ID_TYPES = ("Channel", "Product", "ProductVariant", "Category", "Collection", "ProductType", "Warehouse", "User",
            "Order", "Page", "PageType", "Menu", "MenuItem", "Attribute", "Producer", "Workshop")
known_ids: list[str] = []  # filled by the caller from the database before a run


def _json_text():
    values = st.dictionaries(st.text(max_size=8), st.one_of(st.text(max_size=12), st.integers(-9, 999)), max_size=3)
    return values.map(lambda value: json.dumps(value, ensure_ascii=False))


def _ids():
    junk = st.one_of(st.text(max_size=24), st.sampled_from(["", "UHJvZHVjdDox", "T3JkZXI6OTk5OTk5", "' OR 1=1 --"]))
    known = st.integers(min_value=0, max_value=10_000).map(
        lambda index: known_ids[index % len(known_ids)] if known_ids else "UHJvZHVjdDox")
    return st.one_of(known, known, junk)


def register_scalars() -> None:
    """Strategies for the schema's own scalars (schemathesis knows Date, DateTime and UUID, not these)."""
    numbers = st.one_of(st.integers(-10**6, 10**6).map(nodes.Int),
                        st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False).map(nodes.Float))
    positive = st.one_of(st.integers(0, 10**6).map(nodes.Int),
                         st.floats(0, 1e6, allow_nan=False, allow_infinity=False).map(nodes.Float))
    generic = st.one_of(st.text(max_size=20).map(nodes.String), st.integers(-99, 999).map(nodes.Int),
                        _json_text().map(nodes.String))
    strategies = {
        "ID": _ids().map(nodes.String),
        "Decimal": numbers,
        "PositiveDecimal": positive,
        "WeightScalar": positive,
        "PositiveInt": st.integers(0, 10**6).map(nodes.Int),
        "Day": st.integers(0, 400).map(nodes.Int),
        "Hour": st.integers(0, 48).map(nodes.Int),
        "Minute": st.integers(0, 120).map(nodes.Int),
        "JSONString": _json_text().map(nodes.String),
        "JSON": generic,
        "GenericScalar": generic,
        "Metadata": generic,
        "Upload": st.just(nodes.Null),  # a file comes in a multipart part; in a JSON body it can only be null
    }
    for name, strategy in strategies.items():
        schemathesis.graphql.scalar(name, strategy)


def load_schema():
    """The schema as the server serves it (the committed schema.graphql could lag behind the code)."""
    from backend.api.schema import schema

    register_scalars()
    return schemathesis.graphql.from_file(print_schema(schema.graphql_schema))


def fill_known_ids() -> int:
    """Global IDs of the first rows of each type in ID_TYPES present in the database."""
    from django.apps import apps

    from backend.core.ids import to_global_id

    known_ids.clear()
    for type_name in ID_TYPES:
        models = [model for model in apps.get_models() if model.__name__ == type_name]
        for model in models[:1]:
            known_ids.extend(to_global_id(type_name, pk) for pk in
                             model.objects.order_by("pk").values_list("pk", flat=True)[:5])
    return len(known_ids)


@dataclasses.dataclass
class Failure:
    operation: str
    reason: str
    document: str
    answer: str


@dataclasses.dataclass
class FuzzRun:
    operations: dict[str, int] = dataclasses.field(default_factory=dict)  # label -> answers checked
    failures: list[Failure] = dataclasses.field(default_factory=list)
    skipped: dict[str, str] = dataclasses.field(default_factory=dict)  # label/mode -> why nothing was generated
    seconds: float = 0.0

    @property
    def examples(self) -> int:
        return sum(self.operations.values())

    def count(self, root: str) -> int:
        return sum(1 for label in self.operations if label.startswith(f"{root}."))

    def failing_operations(self) -> list[str]:
        return sorted({failure.operation for failure in self.failures})


def failure_of(status: int, text: str) -> str | None:
    if status >= 500:
        return f"HTTP {status}"
    if INTERNAL_DETAIL.search(text):
        return f"internal detail: {INTERNAL_DETAIL.search(text).group(0)!r}"
    if "InternalServerError" in text:
        return "a resolver crashed (InternalServerError)"
    return None


@contextlib.contextmanager
def hypothesis_globals_restored():
    """schemathesis patches Hypothesis process-wide on first use (no pretty-printing of examples, bigger buffers):
    put Hypothesis back afterwards so the other property tests of the same pytest process keep their behaviour."""
    import hypothesis.core as hypothesis_core
    from hypothesis.internal import entropy
    from hypothesis.internal.conjecture import engine
    from hypothesis.strategies._internal import collections, core
    from schemathesis.generation.hypothesis import setup

    saved = [(hypothesis_core, "RepresentationPrinter"), (hypothesis_core, "BUFFER_SIZE"), (engine, "BUFFER_SIZE"),
             (collections, "BUFFER_SIZE"), (entropy, "register_random"),
             (core, "is_first_param_referenced_in_function")]
    values = [getattr(module, name) for module, name in saved]
    was_patched = getattr(setup, "_is_patched", False)
    try:
        yield
    finally:
        for (module, name), value in zip(saved, values, strict=True):
            setattr(module, name, value)
        setup._is_patched = was_patched


def run(client, token: str, *, examples: int, seed: int | None = None, operations=None) -> FuzzRun:
    """Every operation (or those labelled in `operations`, e.g. "Query.products"), in both generation modes,
    `examples` documents each. Without a seed the documents are the same every run (derandomized); with one, they
    are drawn from it (a failure found with a seed is replayed with the same seed)."""
    schema = load_schema()
    result = FuzzRun()
    started = time.perf_counter()
    with hypothesis_globals_restored():
        for entry in schema.get_all_operations():
            operation = entry.ok()
            if operations is not None and operation.label not in operations:
                continue
            result.operations.setdefault(operation.label, 0)
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                _run_operation(client, token, operation, mode, examples, seed, result)
    result.seconds = time.perf_counter() - started
    return result


def _run_operation(client, token, operation, mode, examples, seed, result: FuzzRun) -> None:
    label = operation.label

    @settings(max_examples=examples, deadline=None, database=None, derandomize=seed is None,
              phases=[Phase.explicit, Phase.generate],  # failures are collected: nothing to shrink
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case):
        document = case.body
        signed_in = zlib.crc32(document.encode()) % 3 != 0
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if signed_in else {}
        response = client.post("/graphql/", data=json.dumps({"query": document}), content_type="application/json",
                               **headers)
        text = response.content.decode(errors="replace")
        result.operations[label] += 1
        reason = failure_of(response.status_code, text)
        if reason is not None:
            result.failures.append(Failure(label, reason, document, text[:600]))

    if seed is not None:
        check = hypothesis_seed(seed)(check)
    try:
        check()
    except SkipTest as skip:  # e.g. no negative document exists for an operation without arguments
        result.skipped[f"{label} ({mode.value})"] = str(skip) or type(skip).__name__
    except HypothesisException as error:  # e.g. Unsatisfiable: reported, not hidden
        result.skipped[f"{label} ({mode.value})"] = f"{type(error).__name__}: {error}"


def schemathesis_version() -> str:
    from importlib.metadata import version

    return version("schemathesis")
