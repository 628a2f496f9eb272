"""PostgreSQL full-text search: French stemming on unaccented text, weighted fields, prefixes for search-as-you-type,
typo alternatives from the lexicon, and a trigram fallback on the normalised short document.

Generic on purpose: any model with a SearchVectorField and a normalised text field can be searched with
`filter_and_rank` and maintained with `write_search_vectors` (the producers plugin reuses both). Products add the
postings (backend.commerce.search.postings) so that a word matching much of the catalogue stays fast."""

from django.contrib.postgres.search import SearchQueryField
from django.db import connection
from django.db.models import BooleanField, F, FloatField, Func, Model, QuerySet
from django.db.models.expressions import RawSQL

from backend.commerce.search.backends.base import SearchBackend
from backend.commerce.search.models import SearchTerm
from backend.commerce.search.text import WeightedDocument, query_tokens

TEXT_SEARCH_CONFIG = "french_unaccent"
# ts_rank weights for D, C, B, A: a word in the name counts ten times a word in the description.
RANK_WEIGHTS = "{0.1,0.2,0.4,1.0}"
LEXICON_WORD_CHARS = (3, 30)


class TextSearchMatch(Func):
    """`vector @@ tsquery` (Django's own lookup would wrap the tsquery in plainto_tsquery)."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


class WeightedRank(Func):
    """ts_rank, not ts_rank_cd: for the one- and two-word queries of a shop the order is the same (the weights
    decide), and it costs a third of ts_rank_cd on a 100,000-row match (measured: 56 ms against 140 ms).

    Normalisation 0: the document's length does not divide the rank. With 1 (log of the length), a short page
    "… – Poterie de Maroilles" came before the cheeses named and classed Maroilles, whose descriptions are longer.
    The postings (migration 0003) hold this same rank per lexeme: change both together."""

    template = f"ts_rank('{RANK_WEIGHTS}'::float4[], %(expressions)s, 0)"
    output_field = FloatField()


def words_held_plus_rank(model: type[Model], vector_field: str, words: tuple[str, ...], tsquery: RawSQL) -> RawSQL:
    """The any-word fallback's rank: how many of the query's words the product holds, plus its ts_rank for the
    words OR-ed. ts_rank with normalisation 0 stays below 1 (weights at most 1, hits weighed 1/n²), so the count
    of words decides and the rank only breaks ties."""
    qn = connection.ops.quote_name
    column = f"{qn(model._meta.db_table)}.{qn(model._meta.get_field(vector_field).column)}"
    held = " + ".join([f"({column} @@ %s::tsquery)::int"] * len(words))
    # Identifiers come from model metadata and are quoted; the words and the query are bound parameters.
    return RawSQL(f"({held} + ts_rank('{RANK_WEIGHTS}'::float4[], {column}, {tsquery.sql}, 0))",  # noqa: S611
                  (*words, *tsquery.params), output_field=FloatField())


def tsquery_expression(tokens: list[str]) -> RawSQL:
    # A scalar sub-select becomes an InitPlan: the lexicon lookup runs once per statement, not once per row.
    return RawSQL("(SELECT comptoir_search_tsquery(%s::text[]))", (tokens,), output_field=SearchQueryField())


def tsquery_constant(query: str) -> RawSQL:
    """A tsquery already resolved (by the search plan), sent as a constant: the planner then knows how many rows
    it matches (index scan for a rare word, a plain scan that stops early when counting a frequent one)."""
    return RawSQL("%s::tsquery", (query,), output_field=SearchQueryField())


def filter_and_rank(queryset: QuerySet, text: str, *, vector_field: str = "search_vector",
                    document_field: str = "search_document") -> QuerySet:
    """Objects of `queryset` matching `text`, annotated with `search_rank` and ordered by it (best first).

    A query with no searchable word (only punctuation, emoji or nothing) matches nothing. `document_field` is kept
    for callers and for a trigram tie-break they may add; the ranking itself is ts_rank over the weighted vector
    (a per-row trigram similarity cost 0.5 s on a 15,000-row result of the 100,000-product benchmark)."""
    tokens = query_tokens(text)
    if not tokens:
        return queryset.none()
    tsquery = tsquery_expression(tokens)
    return (
        queryset.filter(TextSearchMatch(F(vector_field), tsquery))
        .annotate(search_rank=WeightedRank(F(vector_field), tsquery))
        .order_by("-search_rank", "pk")
        # Every match goes through the top-N sort with the columns selected: leaving out the vector and the
        # document (nobody displays them) makes those rows half as wide and a 15,000-row page 30 % faster.
        .defer(vector_field, document_field)
    )


def lexicon_words(documents: list[str]) -> list[str]:
    shortest, longest = LEXICON_WORD_CHARS
    words = {word for text in documents for word in text.split()}
    return sorted(w for w in words if shortest <= len(w) <= longest and not w.isdigit())


def write_search_vectors(*, model: type[Model], documents: dict[int, WeightedDocument],
                         vector_column: str = "search_vector", document_column: str = "search_document",
                         clear_dirty_column: str | None = None) -> int:
    """Write the weighted vectors (A name, B categories and labels, C producers and communes, D description) and the
    normalised short documents of `documents` in one UPDATE, and add their words to the lexicon."""
    if not documents:
        return 0
    ids = list(documents)
    docs = [documents[pk] for pk in ids]
    short_texts = [doc.short_text() for doc in docs]
    qn = connection.ops.quote_name
    weighted = " || ".join(
        f"setweight(to_tsvector('{TEXT_SEARCH_CONFIG}', d.{column}), '{weight}')"
        for column, weight in (("a", "A"), ("b", "B"), ("c", "C"), ("d", "D"))
    )
    clear_dirty = f", {qn(clear_dirty_column)} = false" if clear_dirty_column else ""
    pk_column = model._meta.pk.column
    # Identifiers come from model metadata and are quoted; every value is a bound parameter.
    sql = (
        f"UPDATE {qn(model._meta.db_table)} AS target SET {qn(vector_column)} = {weighted}, "  # noqa: S608
        f"{qn(document_column)} = d.doc{clear_dirty} "
        f"FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[]) "
        f"AS d(pk, a, b, c, d, doc) WHERE target.{qn(pk_column)}::text = d.pk"
    )
    params = [
        [str(pk) for pk in ids],
        [normalize_spaces(doc.weight_a()) for doc in docs],
        [normalize_spaces(doc.weight_b()) for doc in docs],
        [normalize_spaces(doc.weight_c()) for doc in docs],
        [normalize_spaces(doc.weight_d()) for doc in docs],
        short_texts,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        updated = cursor.rowcount
        cursor.execute(
            f"INSERT INTO {qn(SearchTerm._meta.db_table)} (word) SELECT unnest(%s::text[]) ON CONFLICT DO NOTHING",
            [lexicon_words(short_texts)],
        )
    return updated


def flush_pending_index_entries(*, index_name: str) -> None:
    """Move the GIN index's pending list (fastupdate) into the index proper. After a bulk reindex the list holds
    every new entry and each search scans it linearly: 11 ms instead of 3 ms per 15,000-row match, until autovacuum
    passes. Small reindexes keep the cheap pending-list writes."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index_name])


def normalize_spaces(text: str) -> str:
    return " ".join((text or "").split())


def rebuild_lexicon(*, model: type[Model], document_column: str = "search_document") -> int:
    """Replace the lexicon by the words the documents of `model` use today (words of deleted products go)."""
    shortest, longest = LEXICON_WORD_CHARS
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {qn(SearchTerm._meta.db_table)}")  # noqa: S608 (quoted identifier)
        cursor.execute(
            f"INSERT INTO {qn(SearchTerm._meta.db_table)} (word) "  # noqa: S608
            f"SELECT DISTINCT word FROM {qn(model._meta.db_table)}, "
            f"regexp_split_to_table({qn(document_column)}, ' ') AS word "
            f"WHERE length(word) BETWEEN %s AND %s AND word !~ '^[0-9]+$' ON CONFLICT DO NOTHING",
            [shortest, longest],
        )
        return cursor.rowcount


class PostgresSearchBackend(SearchBackend):
    name = "postgres"

    def search_products(self, queryset: QuerySet, text: str) -> QuerySet:
        """The matching products ranked by ts_rank (SearchResults: a one-word query matching much of the catalogue
        has its first pages ranked on the candidates of the search plan). One SQL query for the plan. Several words
        that no product holds together: the products holding any of them, those holding the most first."""
        from backend.commerce.search.postings import plan_product_search
        from backend.commerce.search.results import search_results

        tokens = query_tokens(text)
        plan = plan_product_search(tokens) if tokens else None
        if plan is None or not plan.query:
            return queryset.none()
        tsquery = tsquery_constant(plan.query)
        # No product holds every word: the plan OR-ed them, and the products holding the most come first.
        rank = (words_held_plus_rank(queryset.model, "search_vector", plan.words, tsquery) if plan.words
                else WeightedRank(F("search_vector"), tsquery))
        ranked = (
            queryset.filter(TextSearchMatch(F("search_vector"), tsquery))
            .annotate(search_rank=rank)
            .order_by("-search_rank", "pk")
            .defer("search_vector", "search_document")
        )
        return search_results(ranked, candidates=plan.candidates)

    def index_products(self, *, product_ids: list[int]) -> int:
        from backend.commerce.product.search_index import update_products_search_vector

        return update_products_search_vector(product_ids=product_ids)

    def delete_products(self, *, product_ids: list[int]) -> None:
        """Nothing to do: the vector lives on the product row and goes with it."""
