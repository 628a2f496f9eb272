"""Product postings (see models.ProductPosting): written with the products' search vectors, read to plan a search.

Why they exist: ranking a one-word query that matches 15,000 of 100,000 products means fetching and ranking 15,000
rows (60 to 120 ms on a loaded machine, measured; a narrower table or a name-only tier still visits every match).
The postings give the best products of one lexeme in an index read (0.1 ms), so a first page is ranked on a bounded
set of candidates. Several-word queries keep ranking their whole match: their intersection is small."""

from dataclasses import dataclass

from django.db import connection

from backend.commerce.search.backends.postgres import RANK_WEIGHTS

# A one-word query is ranked on this many candidates (the best products of each of its forms, merged): the first four
# pages of 24, with room for other filters (visibility, category) to set some aside. 50, 100, 200 and 400 were
# measured on 100,000 products: the page costs grow with the candidates fetched, from 200 on.
CANDIDATES_PER_QUERY = 100
# Up to this many postings for the word's forms, the whole match is ranked (a few hundred rows cost about as much as
# the candidates, and need no second query when other filters leave too few of them).
EXACT_MATCH_LIMIT = 500


@dataclass(frozen=True)
class SearchPlan:
    query: str  # the tsquery, as text; empty when no word of the query is searchable
    candidates: tuple[int, ...] | None  # None: rank the whole match
    # Several words that no product holds together: the tsquery of each (`query` is then their OR); else empty.
    words: tuple[str, ...] = ()


def plan_product_search(tokens: list[str]) -> SearchPlan:
    """The tsquery of these normalised words (typos and prefixes resolved through the lexicon) and, for a one-word
    query matching many products, the candidates its first pages are ranked on; for several words that no product
    holds together, their OR and each word's tsquery (the any-word fallback). One SQL query."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT query::text, candidates, words::text[] FROM comptoir_search_plan(%s::text[], %s, %s)",
                       [tokens, CANDIDATES_PER_QUERY, EXACT_MATCH_LIMIT])
        query, candidates, words = cursor.fetchone()
    return SearchPlan(query=query or "", candidates=tuple(candidates) if candidates is not None else None,
                      words=tuple(words or ()))


def write_product_postings(*, product_ids: list[int]) -> None:
    """Make the postings of these products follow their current search vectors: new lexemes inserted, gone ones
    deleted, changed ranks updated, unchanged rows left alone (a price or stock change rewrites nothing)."""
    if not product_ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH fresh AS (
                SELECT p.id AS product_id, s.lexeme, s.score
                FROM product_product p, comptoir_search_postings(p.search_vector, %s::float4[]) s
                WHERE p.id = ANY(%s::bigint[]) AND p.search_vector IS NOT NULL
            ), gone AS (
                DELETE FROM search_productposting old
                WHERE old.product_id = ANY(%s::bigint[])
                  AND NOT EXISTS (SELECT 1 FROM fresh WHERE fresh.product_id = old.product_id
                                                       AND fresh.lexeme = old.lexeme)
            )
            INSERT INTO search_productposting (product_id, lexeme, score)
            SELECT product_id, lexeme, score FROM fresh
            ON CONFLICT (product_id, lexeme) DO UPDATE SET score = EXCLUDED.score
            WHERE search_productposting.score IS DISTINCT FROM EXCLUDED.score
            """,
            [RANK_WEIGHTS, list(product_ids), list(product_ids)],
        )
