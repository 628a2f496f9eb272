"""Request-scoped loaders of the roadmap's related fields (one query per kind of object, whatever the page size)."""

from backend.api.core.dataloaders import ByIdLoader, DataLoader
from backend.commerce.territory.models import PublicPlace
from plugins.roadmap import selectors
from plugins.roadmap.models import Workshop


class CommuneByInseeLoader(DataLoader):
    """Communes with their workshop counts (held / planned), by INSEE code."""

    def batch_load(self, keys):
        communes = {c.insee: c for c in selectors.communes_with_workshop_counts().filter(insee__in=keys)}
        return [communes.get(key) for key in keys]


class PublicPlaceByIdLoader(ByIdLoader):
    model = PublicPlace


class WorkshopByIdLoader(DataLoader):
    """Workshops with `seats_booked`, published or not (a registration keeps showing its workshop)."""

    def batch_load(self, keys):
        workshops = {w.pk: w for w in selectors.workshops_with_seats(published_only=False).filter(pk__in=keys)}
        return [workshops.get(key) for key in keys]


class ProjectsByAxisKeyLoader(DataLoader):
    def batch_load(self, keys):
        grouped = selectors.roadmap_projects_by_axis(list(keys))
        return [grouped.get(key, []) for key in keys]


class AttributeValuesByPageIdLoader(DataLoader):
    """{attribute slug: [AttributeValue]} of each page."""

    def batch_load(self, keys):
        values = selectors.page_attribute_values(list(keys))
        return [dict(values.get(key, {})) for key in keys]


def workshop_loaded(context, workshop: Workshop) -> None:
    """Prime the loader with a workshop fetched by a root field, so its fields do not fetch it again."""
    WorkshopByIdLoader(context).prime(workshop.pk, workshop)
