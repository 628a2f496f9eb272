"""The QuerySet a PostgreSQL product search returns.

It is the whole match, best first, and behaves as any QuerySet (filter, count, another order_by). Two additions:

- a page read in the search's own order, when the plan found candidates (a one-word query matching a large part of
  the catalogue), is first ranked among those candidates only. They are the products with the best ranks for the
  word, so a full page found among them is the page the whole match would give. If they do not fill the page (other
  filters set too many aside, or the page is deeper than the candidates), the whole match is ranked instead;
- `count_at_most(limit)` counts no further than it needs, for a total shown to people ("plus de 1 000")."""

from django.db.models import Q, QuerySet


class SearchResults(QuerySet):
    candidates: tuple[int, ...] | None = None
    ranking: tuple = ()  # the order the search set: another order_by() leaves the candidates aside

    def _clone(self):
        clone = super()._clone()
        clone.candidates, clone.ranking = self.candidates, self.ranking
        return clone

    def _fetch_all(self):
        if self._result_cache is None and self._page_may_come_from_candidates():
            rows = self._page_among_candidates()
            if rows is not None:
                self._result_cache = rows
        super()._fetch_all()

    def count_at_most(self, limit: int) -> int:
        """The number of results when it is at most `limit`, else `limit + 1`: counts limit + 1 rows at most (and
        ranks none of them)."""
        return self.order_by().values("pk")[: limit + 1].count()

    def _page_may_come_from_candidates(self) -> bool:
        query = self.query
        return (self.candidates is not None and query.is_sliced and query.high_mark is not None
                and query.high_mark <= len(self.candidates) and tuple(query.order_by) == self.ranking
                and not query.combinator)

    def _page_among_candidates(self) -> list | None:
        page = self._chain()
        page.candidates = None
        page.query.add_q(Q(pk__in=self.candidates))
        rows = list(page._iterable_class(page))
        return rows if len(rows) == self.query.high_mark - self.query.low_mark else None


def search_results(queryset: QuerySet, *, candidates: tuple[int, ...] | None) -> SearchResults:
    """`queryset` (filtered and ordered by the search) as SearchResults."""
    results_class = queryset.__class__ if isinstance(queryset, SearchResults) else _results_class(queryset.__class__)
    results = queryset._chain()
    results.__class__ = results_class
    results.candidates, results.ranking = candidates, tuple(queryset.query.order_by)
    return results


_RESULT_CLASSES: dict[type, type] = {QuerySet: SearchResults}


def _results_class(queryset_class: type) -> type:
    """A model's own QuerySet methods stay available on its search results."""
    if queryset_class not in _RESULT_CLASSES:
        _RESULT_CLASSES[queryset_class] = type(f"SearchResults{queryset_class.__name__}",
                                               (SearchResults, queryset_class), {})
    return _RESULT_CLASSES[queryset_class]
