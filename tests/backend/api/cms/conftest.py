"""Fixtures of the CMS tests: a legal page type, pages in every state of publication, a footer menu."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test.client import RequestFactory
from django.utils import timezone

from backend.core.permissions import PermissionEnum
from tests import factories


def run_query(query: str, variables: dict | None = None, *, user=None) -> dict:
    """Runs an operation through the same pipeline as POST /graphql/, as `user` (anonymous by default)."""
    from backend.api.core.execution import execute_operation, format_error
    from backend.api.schema import schema

    request = RequestFactory().post("/graphql/")
    request.user = user or AnonymousUser()
    result = execute_operation(schema, query, variables or {}, None, request)
    body = {"data": result.data}
    if result.errors:
        body["errors"] = [format_error(error) for error in result.errors]
    return body


def make_page(page_type, slug, *, title=None, published=True, published_at=None, sort_order=0, content=None):
    from backend.commerce.page.models import Page

    return Page.objects.create(
        page_type=page_type, slug=slug, title=title or slug.replace("-", " ").capitalize(),
        content=content, is_published=published, published_at=published_at, sort_order=sort_order,
        seo_title=f"SEO {slug}", seo_description=f"Description {slug}",
    )


@pytest.fixture
def legal_type():
    from backend.commerce.page.models import PageType

    return PageType.objects.create(name="Page légale", slug="page-legale")


@pytest.fixture
def pages(legal_type):
    """Two published pages, a draft and a page scheduled for tomorrow."""
    content = {"time": 1, "blocks": [{"type": "paragraph", "data": {"text": "Éditeur : CC du Pays de Mormal"}}],
               "version": "2.28.2"}
    return {
        "mentions": make_page(legal_type, "mentions-legales", title="Mentions légales", content=content,
                              published_at=timezone.now() - datetime.timedelta(days=3), sort_order=1),
        "cgv": make_page(legal_type, "conditions-generales-de-vente", title="Conditions générales de vente",
                         sort_order=2),
        "draft": make_page(legal_type, "brouillon", title="Brouillon", published=False, sort_order=3),
        "scheduled": make_page(legal_type, "programmee", title="Programmée", sort_order=4,
                               published_at=timezone.now() + datetime.timedelta(days=1)),
    }


@pytest.fixture
def page_editor():
    return factories.staff(permissions=[PermissionEnum.MANAGE_PAGES])


@pytest.fixture
def settings_manager():
    return factories.staff(permissions=[PermissionEnum.MANAGE_SETTINGS])


@pytest.fixture
def footer(pages):
    """Footer menu: 'Informations' (with two legal pages and the draft as children), then an external link."""
    from backend.commerce.menu.models import Menu, MenuItem

    menu = Menu.objects.create(name="Pied de page", slug="footer")
    info = MenuItem.objects.create(menu=menu, name="Informations", sort_order=0)
    MenuItem.objects.create(menu=menu, parent=info, name="Mentions légales", page=pages["mentions"], sort_order=0)
    MenuItem.objects.create(menu=menu, parent=info, name="CGV", page=pages["cgv"], sort_order=1)
    MenuItem.objects.create(menu=menu, parent=info, name="Brouillon", page=pages["draft"], sort_order=2)
    MenuItem.objects.create(menu=menu, name="Pays de Mormal", url="https://www.cc-paysdemormal.fr/", sort_order=1)
    return menu
