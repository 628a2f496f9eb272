"""Ranking without document length, and a fallback on any word (issue 7, demo catalogue).

1. ts_rank's normalisation 1 divided the rank by the log of the document's length: on the demo catalogue a short
   pottery or beer page "… – Poterie de Maroilles" came before the eight cheeses whose name starts with Maroilles and
   whose category is Maroilles (their descriptions are longer). The rank is now ts_rank with normalisation 0: a hit
   in the name counts first, each further hit (category, labels, producer, description) adds its weight on top, and
   a rich description costs nothing. The postings hold the rank a product gets for one lexeme alone, so they are
   recomputed with the same formula: the candidates of a one-word query stay exactly its best products.

2. A query of several words answers only the products holding all of them. When no product does ("biere ambree
   bavay": no ambrée beer is brewed in Bavay), the plan now returns the words OR-ed and the tsquery of each word:
   the products are then ranked by how many words they hold, then by rank. The decision is taken on the whole
   catalogue, in the plan's one SQL query (a product that holds every word but is hidden still prevents the
   fallback)."""

import importlib

from django.db import migrations

previous = importlib.import_module("backend.commerce.search.migrations.0002_productposting")

# Same signature as in 0002 (write_product_postings calls it), normalisation 0 instead of 1.
SEARCH_POSTINGS_FUNCTION = """
CREATE OR REPLACE FUNCTION comptoir_search_postings(vector tsvector, rank_weights float4[])
RETURNS TABLE (lexeme text, score float8)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
SELECT l.lexeme,
       ts_rank(rank_weights, vector,
               ('''' || replace(replace(l.lexeme, '\\', '\\\\'), '''', '''''') || '''')::tsquery, 0)
FROM unnest(vector) AS l
$fn$;
"""

# The weights are backend.commerce.search.backends.postgres.RANK_WEIGHTS when this was written.
RECOMPUTE_POSTINGS = """
UPDATE search_productposting post SET score = fresh.score
FROM product_product p, comptoir_search_postings(p.search_vector, '{0.1,0.2,0.4,1.0}'::float4[]) fresh
WHERE p.id = post.product_id AND fresh.lexeme = post.lexeme AND p.search_vector IS NOT NULL
  AND post.score IS DISTINCT FROM fresh.score;
"""

# 0002's plan, plus `words`: NULL, unless the query has several searched words and no product holds them all; then
# `query` is those words OR-ed and `words` the tsquery of each (the caller counts how many a product holds). Only
# words of three characters or more that are not numbers are kept for the fallback; none left: no fallback.
SEARCH_PLAN_FUNCTION = """
DROP FUNCTION IF EXISTS comptoir_search_plan(text[], integer, integer);
CREATE FUNCTION comptoir_search_plan(tokens text[], per_lexeme integer, exact_limit integer,
                                     OUT query tsquery, OUT candidates bigint[], OUT words tsquery[])
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    alternatives comptoir_search_alternative[] := ARRAY(SELECT a FROM comptoir_search_alternatives(tokens) AS a);
    searched integer;
    word tsquery;
    form record;
    matching bigint := 0;
    lexemes text[] := '{}';
    next_lexeme text;
    upper_bound text;
BEGIN
    query := comptoir_search_query(alternatives);
    SELECT count(DISTINCT a.ordinal) INTO searched FROM unnest(alternatives) a
    WHERE to_tsvector('french_unaccent', a.word) <> ''::tsvector;
    IF searched > 1 AND NOT EXISTS (SELECT 1 FROM product_product p WHERE p.search_vector @@ query) THEN
        -- Words of three letters or more, numbers aside: "or 1" in "maroilles' OR 1=1" is no word to fall back on.
        words := ARRAY(
            SELECT comptoir_search_query(ARRAY(SELECT a FROM unnest(alternatives) a WHERE a.ordinal = o.ordinal))
            FROM (SELECT DISTINCT a.ordinal FROM unnest(alternatives) a
                  WHERE to_tsvector('french_unaccent', a.word) <> ''::tsvector) o
            WHERE length(tokens[o.ordinal]) >= 3 AND tokens[o.ordinal] !~ '^[0-9]+$'
            ORDER BY o.ordinal);
        IF cardinality(words) = 0 THEN
            words := NULL;
        ELSE
            query := NULL;
            FOREACH word IN ARRAY words LOOP
                query := CASE WHEN query IS NULL THEN word ELSE query || word END;
            END LOOP;
        END IF;
    END IF;
    IF searched <> 1 THEN
        RETURN;
    END IF;
    FOR form IN
        SELECT DISTINCT a.prefix, stem.lexeme
        FROM unnest(alternatives) a, unnest(tsvector_to_array(to_tsvector('french_unaccent', a.word))) AS stem(lexeme)
    LOOP
        IF form.prefix THEN
            upper_bound := form.lexeme || chr(1114111);
            matching := matching + (SELECT count(*) FROM (
                SELECT 1 FROM search_productposting p
                WHERE p.lexeme >= form.lexeme AND p.lexeme < upper_bound LIMIT exact_limit + 1) prefixed);
            next_lexeme := form.lexeme;
            FOR step IN 1..20 LOOP
                SELECT min(p.lexeme) INTO next_lexeme FROM search_productposting p
                WHERE p.lexeme >= next_lexeme AND p.lexeme < upper_bound;
                EXIT WHEN next_lexeme IS NULL;
                lexemes := lexemes || next_lexeme;
                next_lexeme := next_lexeme || chr(1);
            END LOOP;
        ELSE
            matching := matching + (SELECT count(*) FROM (
                SELECT 1 FROM search_productposting p WHERE p.lexeme = form.lexeme LIMIT exact_limit + 1) counted);
            lexemes := lexemes || form.lexeme;
        END IF;
    END LOOP;
    IF matching <= exact_limit THEN
        RETURN;
    END IF;
    -- The best products of each form (an index read each); a product holding several forms ranks by their sum, as
    -- ts_rank adds up the matched operands of an OR.
    SELECT array_agg(best.product_id ORDER BY best.score DESC, best.product_id) INTO candidates
    FROM (
        SELECT top.product_id, sum(top.score) AS score
        FROM unnest(lexemes) AS l(lexeme), LATERAL (
            SELECT p.product_id, p.score FROM search_productposting p
            WHERE p.lexeme = l.lexeme
            ORDER BY p.score DESC, p.product_id
            LIMIT per_lexeme
        ) top
        GROUP BY top.product_id
        ORDER BY sum(top.score) DESC, top.product_id
        LIMIT per_lexeme
    ) best;
END
$fn$;
"""

PREVIOUS_PLAN_FUNCTION = ("DROP FUNCTION IF EXISTS comptoir_search_plan(text[], integer, integer);"
                          + previous.SEARCH_PLAN_FUNCTION)
# Fixed SQL of this migration and of 0002, no input.
PREVIOUS_POSTINGS = "DELETE FROM search_productposting;" + previous.BACKFILL_POSTINGS  # noqa: S608


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_productposting"),
    ]

    operations = [
        # Function and postings together: going back recomputes the postings with the previous function.
        migrations.RunSQL(SEARCH_POSTINGS_FUNCTION + RECOMPUTE_POSTINGS,
                          previous.SEARCH_POSTINGS_FUNCTION + PREVIOUS_POSTINGS),
        migrations.RunSQL(SEARCH_PLAN_FUNCTION, PREVIOUS_PLAN_FUNCTION),
    ]
