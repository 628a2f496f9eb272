"""The long schemathesis run (`make bench`, never `make test`): every root query and mutation of /graphql/, valid and
invalid documents drawn from a new seed each run, on the demo catalogue, anonymously and as a superuser. No answer
may be a 5xx, show internal detail or hide a resolver crash (checks in tests/hardening/schemathesis_graphql.py).
Writes the "api-fuzz" section of docs/benchmarks.md, with the seed that replays the run.

Run alone: DATABASE_URL=... .venv/bin/pytest tests/benchmarks/test_fuzz_benchmark.py -o addopts="" -s
(FUZZ_EXAMPLES=N documents per operation and mode, FUZZ_SEED=N to replay a run.)
"""

import os
import random

import pytest
from django.test import Client

from tests.benchmarks.report import write_section
from tests.benchmarks.test_catalogue_benchmark import demo_catalogue, fr  # noqa: F401 - the demo catalogue fixture
from tests.hardening import schemathesis_graphql as fuzz

EXAMPLES_PER_MODE = int(os.environ.get("FUZZ_EXAMPLES", "15"))


def report(result: fuzz.FuzzRun, seed: int, demo: dict) -> str:  # noqa: F811
    failing = result.failing_operations()
    lines = "\n".join(f"- `{label}` : {sum(f.operation == label for f in result.failures)} réponse(s), "
                      f"{next(f.reason for f in result.failures if f.operation == label)}" for label in failing)
    return f"""
schemathesis {fuzz.schemathesis_version()} sur `POST /graphql/` (client de test de Django, tout le traitement d'une
requête), catalogue de démonstration chargé ({demo['products']} produits). Pour chaque requête et mutation racine :
{EXAMPLES_PER_MODE} documents valides (mode positif, ils atteignent les résolveurs) et {EXAMPLES_PER_MODE} invalides
(mode négatif, ils doivent s'arrêter à la validation), deux sur trois en superutilisateur (les mutations passent
leur contrôle de droits), les autres anonymes ; les arguments `ID` mêlent de vrais identifiants du catalogue et du
bruit. Une réponse échoue si elle est un 5xx, montre un détail interne (trace, chemin de fichier, SQL, erreur de base)
ou cache un plantage de résolveur (`InternalServerError`).

| mesure | résultat |
|---|---|
| opérations | {len(result.operations)} ({result.count('Query')} requêtes, {result.count('Mutation')} mutations) |
| réponses vérifiées | {result.examples} en {fr(result.seconds, 0)} s ({fr(result.examples / result.seconds)} /s) |
| opérations sans document généré | {len(result.skipped)} |
| échecs | **{len(result.failures)}** (opérations : {len(failing)}) |
| graine | `FUZZ_SEED={seed}` |

{lines or "Aucun échec."}

Le lancement borné de `make test` (tests/hardening/test_schemathesis_graphql.py) envoie 3 + 3 documents fixes par
opération. Plantages trouvés par ces essais puis corrigés (tests de non-régression dans
tests/hardening/test_fuzz_findings.py) : `sortBy: {{}}` accepté sans ses champs obligatoires (pages, types de page,
commandes, menus), un slug de canal contenant U+0000 (refusé par PostgreSQL), `checkoutCreate(languageCode: …)`,
`productUpdate(input: {{slug: null}})` (colonne NOT NULL).
"""


@pytest.mark.django_db
def test_schemathesis_long_run(demo_catalogue):  # noqa: F811
    # given the demo catalogue and a superuser; everything the mutations write is rolled back with the test
    from backend.commerce.account.services import _issue_tokens
    from tests import factories

    seed = int(os.environ.get("FUZZ_SEED") or random.SystemRandom().randrange(2**31))
    user = factories.user("schemathesis-bench@exemple.fr", is_staff=True, is_superuser=True)
    token = _issue_tokens(user).access_token
    assert fuzz.fill_known_ids() >= 40
    # when
    result = fuzz.run(Client(), token, examples=EXAMPLES_PER_MODE, seed=seed)
    # then the figures are recorded, and nothing failed
    body = report(result, seed, demo_catalogue)
    write_section("api-fuzz", body, 'make bench PYTEST_ARGS="-k schemathesis"  (with DATABASE_URL set)')
    print(body)
    for failure in result.failures[:20]:
        print(f"--- {failure.operation}: {failure.reason}\n{failure.document}\n{failure.answer}")
    assert result.skipped == {}
    assert result.examples >= len(result.operations) * EXAMPLES_PER_MODE
    assert result.failures == []
