"""Admin of the search domain: every model gets a page (backend.core.admin.register_remaining_models), except the
postings, an index of millions of rows written by the indexing service that nobody reads by hand."""

from backend.commerce.search.models import ProductPosting
from backend.core.admin import register_remaining_models

register_remaining_models("search", internal=(ProductPosting,))
