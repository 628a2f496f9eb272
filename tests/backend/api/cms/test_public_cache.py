import json

import pytest

from backend.api.core.execution import public_answers
from tests.utils import ApiClient

SHOP = "query Shop($lang: LanguageCodeEnum!) { shop { name translation(languageCode: $lang) { headerText } } }"


@pytest.fixture(autouse=True)
def empty_cache():
    public_answers.answers.clear()
    yield
    public_answers.answers.clear()


def rename_shop(name: str) -> None:
    from backend.commerce.site.models import SiteSettings

    SiteSettings.objects.update_or_create(pk=1, defaults={"name": name})


def shop_name(client: ApiClient, lang: str = "FR", token: str | None = None) -> str:
    return client.query(SHOP, {"lang": lang}, token=token)["data"]["shop"]["name"]


@pytest.mark.django_db
def test_anonymous_catalogue_answers_are_reused_for_the_configured_seconds(settings, django_assert_num_queries):
    # given the micro-cache on and one anonymous answer already given
    settings.GRAPHQL_PUBLIC_CACHE_SECONDS = 30
    client = ApiClient()
    rename_shop("Comptoir de Mormal")
    assert shop_name(client) == "Comptoir de Mormal"

    # when the shop is renamed and the same query comes back
    rename_shop("Comptoir de Mormal (fermé le lundi)")
    with django_assert_num_queries(0):
        again = shop_name(client)

    # then the kept answer is served without SQL, and other variables make another answer
    assert again == "Comptoir de Mormal"
    assert shop_name(client, lang="FR_BE") == "Comptoir de Mormal (fermé le lundi)"


@pytest.mark.django_db
def test_the_micro_cache_is_off_by_default(settings):
    settings.GRAPHQL_PUBLIC_CACHE_SECONDS = 0
    client = ApiClient()
    rename_shop("Avant")
    assert shop_name(client) == "Avant"

    rename_shop("Après")

    assert shop_name(client) == "Après"
    assert len(public_answers.answers) == 0


@pytest.mark.django_db
def test_requests_with_a_token_are_never_served_from_the_cache(settings):
    settings.GRAPHQL_PUBLIC_CACHE_SECONDS = 30
    client = ApiClient()
    rename_shop("Avant")
    assert shop_name(client) == "Avant"

    rename_shop("Après")

    assert shop_name(client, token="un-jeton-quelconque") == "Après"


@pytest.mark.django_db
def test_private_root_fields_and_mutations_are_never_cached(settings):
    settings.GRAPHQL_PUBLIC_CACHE_SECONDS = 30
    client = ApiClient()

    client.query("{ me { email } }")
    client.query("{ shop { name } me { email } }")
    client.query('mutation { tokenCreate(email: "personne@example.fr", password: "x") { token } }')

    assert len(public_answers.answers) == 0


@pytest.mark.django_db
def test_answers_with_errors_are_not_kept(settings):
    settings.GRAPHQL_PUBLIC_CACHE_SECONDS = 30
    client = ApiClient()

    response = client.post('{ pages(first: 2, channel: "nulle-part") { totalCount } }')

    assert json.loads(response.content)["errors"][0]["message"] == "Channel with 'nulle-part' slug does not exist."
    assert len(public_answers.answers) == 0
