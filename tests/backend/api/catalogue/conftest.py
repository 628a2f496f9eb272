"""Fixtures of the catalogue API tests: a channel, products priced TTC at 5,5 % and 20 %, staff and customers."""

import pytest

from backend.core.permissions import PermissionEnum
from tests import factories
from tests.utils import ApiClient


@pytest.fixture
def channel(db):
    return factories.channel()


@pytest.fixture
def api(db):
    return ApiClient()


class UserClient:
    """Runs operations in-process as a given user (as the server-rendered pages do), same answer shape as ApiClient."""

    def __init__(self, user):
        self.user = user

    def query(self, query: str, variables: dict | None = None) -> dict:
        from django.test import RequestFactory

        from backend.api.core.execution import execute_operation, format_error
        from backend.api.schema import schema

        request = RequestFactory().post("/graphql/")
        request.user = self.user
        result = execute_operation(schema, query, variables or {}, None, request)
        body = {"data": result.data}
        if result.errors:
            body["errors"] = [format_error(error) for error in result.errors]
        return body


@pytest.fixture
def staff_user(db):
    return factories.staff(permissions=[PermissionEnum.MANAGE_PRODUCTS])


@pytest.fixture
def staff_api(staff_user):
    return UserClient(staff_user)


@pytest.fixture
def customer_api(db):
    return UserClient(factories.user())


def gql(client: ApiClient, query: str, variables: dict | None = None) -> dict:
    """Run a query and return `data`, failing on any GraphQL error."""
    body = client.query(query, variables)
    assert "errors" not in body, body["errors"]
    return body["data"]


def gql_errors(client: ApiClient, query: str, variables: dict | None = None) -> list[str]:
    body = client.query(query, variables)
    return [error["message"] for error in body.get("errors", [])]


def add_media(product, name="maroilles.png", alt=""):
    from backend.commerce.product.models import ProductMedia

    return ProductMedia.objects.create(product=product, image=f"products/{name}", alt=alt)


def add_attribute(product, attribute_slug, value_name, *, input_type="dropdown", on_variant=False, **value_fields):
    """Declare the attribute on the product's type and assign it one value (on the product or its first variant)."""
    from django.utils.text import slugify

    from backend.commerce.attribute.models import Attribute, AttributeValue
    from backend.commerce.product.models import AssignedProductAttributeValue, AssignedVariantAttributeValue

    attribute, _ = Attribute.objects.get_or_create(slug=attribute_slug, defaults={
        "name": attribute_slug.replace("-", " ").capitalize(), "input_type": input_type})
    value, _ = AttributeValue.objects.get_or_create(attribute=attribute, slug=slugify(value_name),
                                                    defaults={"name": value_name, **value_fields})
    if on_variant:
        product.product_type.variant_attributes.add(attribute)
        AssignedVariantAttributeValue.objects.get_or_create(variant=product.variants.first(), value=value)
    else:
        product.product_type.product_attributes.add(attribute)
        AssignedProductAttributeValue.objects.get_or_create(product=product, value=value)
    return value


def add_collection(name, products, *, published=True, chan=None):
    from django.utils import timezone
    from django.utils.text import slugify

    from backend.commerce.product.models import Collection, CollectionChannelListing, CollectionProduct

    collection = Collection.objects.create(name=name, slug=slugify(name))
    for order, product in enumerate(products):
        CollectionProduct.objects.create(collection=collection, product=product, sort_order=order)
    CollectionChannelListing.objects.create(collection=collection, channel=chan or factories.channel(),
                                            is_published=published,
                                            published_at=timezone.now() if published else None)
    return collection


def many_products(count: int):
    """`count` products spread over 4 categories, each with an image, priced 1,00 € apart."""
    products = []
    for index in range(count):
        product = factories.product(f"Produit {index:03d}", price=f"{index + 1}.00",
                                    category_name=("Fromages", "Légumes", "Bières", "Miel")[index % 4])
        add_media(product, f"p{index}.png")
        products.append(product)
    return products
