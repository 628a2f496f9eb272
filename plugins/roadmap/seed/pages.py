"""Seed of the roadmap's CMS pages: two page types, three attributes, one page per axis and per project.

Idempotent and respectful of staff edits: rows are found by slug and created when missing; an existing page keeps its
text, and an attribute already set on a page (a status changed by staff, say) is left as it is.
"""

from django.utils.text import slugify

from backend.commerce.attribute.models import Attribute, AttributeInputType, AttributeType, AttributeValue
from backend.commerce.page.models import AssignedPageAttributeValue, Page, PageType
from backend.commerce.territory.models import Commune
from plugins.roadmap.seed.content import AXES, STATUSES, Axis, Project
from plugins.roadmap.selectors import (
    AXIS_ATTRIBUTE,
    AXIS_PAGE_TYPE,
    COMMUNES_ATTRIBUTE,
    PROJECT_PAGE_TYPE,
    STATUS_ATTRIBUTE,
)

EDITORJS_VERSION = "2.28.2"
EDITORJS_TIME = 1_764_374_400_000  # fixed, so that two runs write the same JSON


def editorjs(paragraphs: tuple[str, ...], *, prefix: str) -> dict:
    blocks = [{"id": f"{prefix}-{i}"[:40], "type": "paragraph", "data": {"text": text}}
              for i, text in enumerate(paragraphs)]
    return {"time": EDITORJS_TIME, "blocks": blocks, "version": EDITORJS_VERSION}


def axis_page_slug(axis: Axis) -> str:
    return f"feuille-de-route-{axis.key}"


def project_page_slug(project: Project) -> str:
    return f"projet-{project.slug}"


def _attribute(slug: str, name: str, input_type: str) -> Attribute:
    attribute, _ = Attribute.objects.get_or_create(
        slug=slug, defaults={"name": name, "type": AttributeType.PAGE_TYPE, "input_type": input_type})
    return attribute


def _value(attribute: Attribute, slug: str, name: str, sort_order: int = 0) -> AttributeValue:
    value, _ = AttributeValue.objects.get_or_create(attribute=attribute, slug=slug,
                                                    defaults={"name": name, "sort_order": sort_order})
    return value


def _page_type(slug: str, name: str, attributes: list[Attribute]) -> PageType:
    page_type, _ = PageType.objects.get_or_create(slug=slug, defaults={"name": name})
    page_type.attributes.add(*attributes)
    return page_type


def _page(page_type: PageType, slug: str, title: str, content: dict, summary: str, sort_order: int) -> Page:
    page, _ = Page.objects.get_or_create(slug=slug, defaults={
        "page_type": page_type, "title": title, "content": content, "seo_title": title[:70],
        "seo_description": summary[:300], "is_published": True, "sort_order": sort_order,
        "metadata": {"feuille-de-route": "true"},
    })
    return page


def _assign_once(page: Page, attribute: Attribute, values: list[AttributeValue]) -> None:
    """Set the page's values for this attribute unless it already has some (staff may have changed them)."""
    if AssignedPageAttributeValue.objects.filter(page=page, value__attribute=attribute).exists():
        return
    for order, value in enumerate(values):
        AssignedPageAttributeValue.objects.create(page=page, value=value, sort_order=order)


def roadmap_pages_load() -> dict[str, int]:
    """Create what is missing of the roadmap's pages; returns the counts of axis and project pages."""
    axis_attr = _attribute(AXIS_ATTRIBUTE, "Axe de la feuille de route", AttributeInputType.DROPDOWN)
    status_attr = _attribute(STATUS_ATTRIBUTE, "Statut du projet", AttributeInputType.DROPDOWN)
    communes_attr = _attribute(COMMUNES_ATTRIBUTE, "Communes concernées", AttributeInputType.MULTISELECT)
    statuses = {slug: _value(status_attr, slug, name, order) for order, (slug, name) in enumerate(STATUSES)}
    axis_type = _page_type(AXIS_PAGE_TYPE, "Axe de la feuille de route numérique", [axis_attr])
    project_type = _page_type(PROJECT_PAGE_TYPE, "Projet de la feuille de route numérique",
                              [axis_attr, status_attr, communes_attr])
    communes = Commune.objects.in_bulk()
    for axis_order, axis in enumerate(AXES):
        axis_value = _value(axis_attr, axis.key, axis.title, axis_order)
        axis_page = _page(axis_type, axis_page_slug(axis), axis.title,
                          editorjs(axis.paragraphs, prefix=axis.key), axis.summary, axis_order)
        _assign_once(axis_page, axis_attr, [axis_value])
        for project_order, project in enumerate(axis.projects):
            page = _page(project_type, project_page_slug(project), project.title,
                         editorjs(project.paragraphs, prefix=project.slug), project.paragraphs[0], project_order)
            _assign_once(page, axis_attr, [axis_value])
            _assign_once(page, status_attr, [statuses[project.status]])
            commune_values = [_value(communes_attr, slugify(communes[insee].name), communes[insee].name)
                              for insee in project.communes if insee in communes]
            if commune_values:
                _assign_once(page, communes_attr, commune_values)
    return {
        "axes": Page.objects.filter(page_type=axis_type).count(),
        "projects": Page.objects.filter(page_type=project_type).count(),
    }
