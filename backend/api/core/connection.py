"""Relay connections as Saleor serves them: `edges{node cursor}`, `pageInfo`, `totalCount`.

`first` or `last` is required when edges are selected, at most GRAPHQL_PAGINATION_LIMIT (100). Cursors are opaque
(base64 of an offset); clients only pass them back. Slicing fetches one row more than asked to know whether there is
a next page, so a page costs one query (plus one COUNT only when totalCount or a backwards page needs it).

The results of a search count no further than they need (querysets with `count_at_most`, see
backend.commerce.search.results): `totalCount` is exact up to SEARCH_TOTAL_COUNT_LIMIT (1,000) and is that limit
plus one (1,001) when more products match, which reads "more than 1,000". Counting 15,000 ranked matches of one
word took longer than the page itself; Saleor counts them all, but a person reads "plus de 1 000 produits" the same.
"""

import base64

import graphene
from django.conf import settings
from django.db.models import F, Func, IntegerField, Subquery
from graphql import GraphQLError

CURSOR_PREFIX = "offset:"
# No list holds a trillion rows; a larger offset (PostgreSQL's OFFSET stops at 2^63 - 1) is not one of our cursors.
MAX_CURSOR_OFFSET = 10**12
SEARCH_TOTAL_COUNT_LIMIT = 1000


class CountableConnection(graphene.relay.Connection):
    """Saleor's shape: `edges: [XCountableEdge!]!` and `node: X!` (graphene's default would leave them nullable)."""

    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(cls, strict_types=True, **options):
        super().__init_subclass_with_meta__(strict_types=strict_types, **options)

    total_count = graphene.Int(description="A total count of items in the collection.")

    @staticmethod
    def resolve_total_count(root, info):
        return root.total_count_fn()


def encode_cursor(offset: int) -> str:
    return base64.b64encode(f"{CURSOR_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.b64decode(cursor, validate=True).decode()
        if not text.startswith(CURSOR_PREFIX):
            raise ValueError
        offset = int(text[len(CURSOR_PREFIX):])
        if not 0 <= offset <= MAX_CURSOR_OFFSET:
            raise ValueError
        return offset
    except (ValueError, UnicodeDecodeError) as exc:
        raise GraphQLError(f"Received cursor ({cursor}) is invalid.") from exc


def _edges_selected(info) -> bool:
    for field in info.field_nodes:
        selections = field.selection_set.selections if field.selection_set else []
        if _has_field(selections, "edges", info):
            return True
    return False


def total_count_selected(info) -> bool:
    return any(_has_field(field.selection_set.selections if field.selection_set else [], "totalCount", info)
               for field in info.field_nodes)


def _has_field(selections, name, info) -> bool:
    for selection in selections:
        kind = selection.kind
        if kind == "field" and selection.name.value == name:
            return True
        if kind == "inline_fragment" and _has_field(selection.selection_set.selections, name, info):
            return True
        if kind == "fragment_spread":
            fragment = info.fragments.get(selection.name.value)
            if fragment and _has_field(fragment.selection_set.selections, name, info):
                return True
    return False


def slice_args_error(first, last, field_name: str, edges_selected: bool) -> str | None:
    """What is wrong with a connection's `first`/`last`, in Saleor's words; None when they are fine.

    Checked twice: at validation time on the query's literals and variables (so that nothing runs), and here again
    at resolution time.
    """
    limit = settings.GRAPHQL_PAGINATION_LIMIT
    if first is not None and last is not None:
        return "Mixing 'first' and 'last' arguments is not supported."
    for name, value in (("first", first), ("last", last)):
        if value is None:
            continue
        if value < 0:
            return f"Argument '{name}' must be a non-negative integer."
        if value > limit:
            return (f"'{name}' argument value of '{value}' exceeds the limit of {limit} records for the "
                    f"{field_name} connection.")
    if first is None and last is None and edges_selected:
        return f"You must provide a 'first' or 'last' value to properly paginate the {field_name} connection."
    return None


def validate_slice_args(info, first, last, field_name: str):
    message = slice_args_error(first, last, field_name, first is None and last is None and _edges_selected(info))
    if message:
        raise GraphQLError(message)


def connection_from_queryset(queryset, info, args: dict, connection_type, *, wrap=None, counted=None):
    """Slice an ordered queryset (or list) into a connection. `wrap(obj)` may turn rows into node roots.
    `counted`: the same rows without what only the page needs (joined columns, annotations). When totalCount is
    selected on a forward page, the page query carries their count as a scalar subquery, which PostgreSQL runs once
    (an InitPlan): one statement less to send and plan on every page view."""
    first, last = args.get("first"), args.get("last")
    after, before = args.get("after"), args.get("before")
    validate_slice_args(info, first, last, info.field_name)

    count_cache: list[int] = []
    count_at_most = getattr(queryset, "count_at_most", None)
    count_with_page = (counted is not None and count_at_most is None and first is not None and before is None
                       and total_count_selected(info))
    counted = queryset if counted is None else counted

    def total_count() -> int:
        if not count_cache:
            if isinstance(queryset, list):
                count_cache.append(len(queryset))
            elif count_at_most is not None:
                count_cache.append(count_at_most(SEARCH_TOTAL_COUNT_LIMIT))
            else:
                count_cache.append(counted.count())
        return count_cache[0]

    def exact_count() -> int:
        if count_at_most is None or total_count() <= SEARCH_TOTAL_COUNT_LIMIT:
            return total_count()
        return counted.count()

    def has_more_than(offset: int) -> bool:
        if count_at_most is not None and offset >= SEARCH_TOTAL_COUNT_LIMIT:
            return count_at_most(offset) > offset
        return offset < total_count()

    start = decode_cursor(after) + 1 if after else 0
    end = decode_cursor(before) if before else None
    if first is not None:
        stop = start + first if end is None else min(start + first, end)
        if count_with_page:
            # COUNT as a plain function, so that the ORM adds no GROUP BY: the subquery is one aggregate row
            total = counted.order_by().values(rows=Func(F("pk"), function="COUNT"))
            rows = list(queryset.annotate(connection_total=Subquery(total, output_field=IntegerField()))[
                start:stop + 1])
            if rows:  # an empty page (past the end) says nothing of the total: the COUNT runs as usual
                count_cache.append(rows[0].connection_total)
        else:
            rows = list(queryset[start:stop + 1])
        has_next = len(rows) > stop - start
        rows = rows[: stop - start]
        has_previous = start > 0
    elif last is not None:
        stop = end if end is not None else exact_count()
        begin = max(start, stop - last)
        rows = list(queryset[begin:stop])
        has_previous = begin > start or (begin > 0 and not after)
        has_next = end is not None and has_more_than(end)
        start = begin
    else:
        stop = end
        rows = list(queryset[start:stop]) if stop is not None else list(queryset[start:])
        has_next, has_previous = False, start > 0

    return build_connection(connection_type, rows, start, has_next, has_previous, wrap, total_count)


def build_connection(connection_type, rows: list, start: int, has_next: bool, has_previous: bool, wrap,
                     total_count):
    """The connection of a page of `rows` that starts at offset `start`; `total_count()` answers totalCount."""
    edge_type = connection_type.Edge
    edges = [edge_type(node=wrap(row) if wrap else row, cursor=encode_cursor(start + i)) for i, row in enumerate(rows)]
    page_info = graphene.relay.PageInfo(
        has_next_page=has_next,
        has_previous_page=has_previous,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    connection = connection_type(edges=edges, page_info=page_info)
    connection.total_count_fn = total_count
    return connection


def connection_args() -> dict:
    return {
        "before": graphene.String(description="Return the elements in the list that come before the specified cursor."),
        "after": graphene.String(description="Return the elements in the list that come after the specified cursor."),
        "first": graphene.Int(description="Retrieve the first n elements from the list. Note that the system only "
                              "allows fetching a maximum of 100 objects in a single query."),
        "last": graphene.Int(description="Retrieve the last n elements from the list. Note that the system only "
                             "allows fetching a maximum of 100 objects in a single query."),
    }


def countable_connection_field(connection_type, description: str = "", **extra_args):
    return graphene.Field(connection_type, description=description, **connection_args(), **extra_args)
