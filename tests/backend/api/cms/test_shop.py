import pytest

from backend.core.ids import to_global_id
from tests import factories
from tests.backend.api.cms.conftest import run_query

PUBLIC_SHOP = """
{ shop {
  id name description headerText
  domain { host sslEnabled url }
  defaultCountry { code country }
  countries { code country }
  languages { code language }
  phonePrefixes defaultWeightUnit includeTaxesInPrices displayGrossPrices chargeTaxesOnShipping
  fulfillmentAutoApprove fulfillmentAllowUnpaid allowStorefrontTraffic schemaVersion passwordLoginMode
  companyAddress { companyName postalCode city country { code } }
  translation(languageCode: FR) { headerText description language { code } }
  english: translation(languageCode: EN) { headerText }
  availableExternalAuthentications { id }
  metadata { key }
} }
"""


@pytest.mark.django_db
def test_shop_answers_a_french_single_channel_shop(settings):
    settings.PUBLIC_URL = "https://comptoir-de-mormal.fr"

    body = run_query(PUBLIC_SHOP)

    assert "errors" not in body
    shop = body["data"]["shop"]
    assert shop["id"] == to_global_id("Shop", 1)
    assert shop["name"] == "Comptoir de Mormal"
    assert shop["description"] == "Les produits des fermes et artisans du Pays de Mormal, près de chez vous."
    assert shop["headerText"] == "Le marché en ligne du Pays de Mormal"
    assert shop["domain"] == {"host": "comptoir-de-mormal.fr", "sslEnabled": True,
                              "url": "https://comptoir-de-mormal.fr/graphql/"}
    assert shop["defaultCountry"] == {"code": "FR", "country": "France"}
    assert shop["countries"] == [{"code": "FR", "country": "France"}]
    assert shop["languages"] == [{"code": "FR", "language": "Français"}, {"code": "EN", "language": "Anglais"}]
    assert shop["phonePrefixes"] == ["+33"]
    assert shop["defaultWeightUnit"] == "KG"
    assert (shop["includeTaxesInPrices"], shop["displayGrossPrices"], shop["chargeTaxesOnShipping"]) == (
        True, True, True)
    assert (shop["fulfillmentAutoApprove"], shop["fulfillmentAllowUnpaid"], shop["allowStorefrontTraffic"]) == (
        True, True, True)
    assert shop["schemaVersion"] == "3.24"
    assert shop["passwordLoginMode"] == "ENABLED"
    assert shop["companyAddress"] == {"companyName": "Communauté de communes du Pays de Mormal",
                                      "postalCode": "59530", "city": "Le Quesnoy", "country": {"code": "FR"}}
    assert shop["translation"] == {"headerText": "Le marché en ligne du Pays de Mormal",
                                   "description": shop["description"], "language": {"code": "FR"}}
    assert shop["english"] is None
    assert shop["availableExternalAuthentications"] == []
    assert shop["metadata"] == []


@pytest.mark.django_db
def test_shop_reads_the_settings_row_edited_in_the_admin():
    from backend.commerce.site.models import SiteSettings

    SiteSettings.objects.create(pk=1, name="Comptoir de test", header_text="Marché de Noël")

    body = run_query("{ shop { name headerText } }")

    assert body["data"]["shop"] == {"name": "Comptoir de test", "headerText": "Marché de Noël"}


SETTINGS_FIELDS = """{ shop { defaultMailSenderName defaultMailSenderAddress limitQuantityPerCheckout
  enableAccountConfirmationByEmail reserveStockDurationAnonymousUser } }"""


@pytest.mark.django_db
def test_shop_settings_fields_are_refused_without_manage_settings():
    customer = factories.user()

    for user in (None, customer, factories.staff(permissions=[])):
        body = run_query(SETTINGS_FIELDS, user=user)
        assert body["data"]["shop"] == {"defaultMailSenderName": None, "defaultMailSenderAddress": None,
                                        "limitQuantityPerCheckout": None, "enableAccountConfirmationByEmail": None,
                                        "reserveStockDurationAnonymousUser": None}
        assert [error["extensions"]["exception"]["code"] for error in body["errors"]] == ["PermissionDenied"] * 5


@pytest.mark.django_db
def test_shop_settings_fields_are_given_to_settings_managers(settings_manager):
    factories.channel()

    body = run_query(SETTINGS_FIELDS, user=settings_manager)

    assert "errors" not in body
    assert body["data"]["shop"] == {"defaultMailSenderName": "Comptoir de Mormal",
                                    "defaultMailSenderAddress": "bonjour@comptoir-de-mormal.fr",
                                    "limitQuantityPerCheckout": 50, "enableAccountConfirmationByEmail": True,
                                    "reserveStockDurationAnonymousUser": 20}


@pytest.mark.django_db
def test_shop_staff_fields_need_a_staff_member():
    query = "{ shop { channelCurrencies version } }"
    factories.channel()

    anonymous = run_query(query)
    staff = run_query(query, user=factories.staff(permissions=[]))

    assert anonymous["data"] is None  # both fields are non-null: the error nulls the shop, then the root
    assert anonymous["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"
    assert staff["data"]["shop"] == {"channelCurrencies": ["EUR"], "version": "3.24.0"}


@pytest.mark.django_db
def test_shop_lists_every_saleor_permission_with_its_french_label():
    body = run_query("{ shop { permissions { code name } } }")

    permissions = body["data"]["shop"]["permissions"]
    assert len(permissions) == 24
    assert {"code": "MANAGE_PAGES", "name": "Gérer les pages"} in permissions
    assert {"code": "MANAGE_MENUS", "name": "Gérer la navigation"} in permissions
