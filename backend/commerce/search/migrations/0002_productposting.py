"""Product postings and the search plan.

A one-word query such as "fromage" or "mormal" matches 10 to 100 % of a large catalogue, and ranking every match
with ts_rank costs time in proportion (120 ms at the 95th percentile with 100,000 products). The postings table
holds, for every (product, lexeme) of the products' search vectors, the rank the product gets for that lexeme alone,
under an index ordered by that rank: the best products for one word are an index read away.

`comptoir_search_plan(tokens, per_lexeme, exact_limit)` returns the tsquery of a query and, when it is one word
whose forms have more than `exact_limit` postings, the `per_lexeme` best products by their postings (the candidates
a first page is ranked on); otherwise no candidates, and the whole match is ranked as before.

The typo alternatives change on one point: a word that starts a lexicon word ("poire" -> poires, poireaux) is someone
typing, and only its prefix is searched (its trigram neighbours added noise: "poix", "frambois" for "fraise")."""

from django.db import migrations, models

# What a query word may stand for: itself when the lexicon knows it; otherwise itself as a prefix and, when it has
# four letters or more and starts no lexicon word, its three nearest lexicon words by trigram distance.
SEARCH_ALTERNATIVES_FUNCTION = """
CREATE TYPE comptoir_search_alternative AS (ordinal bigint, word text, prefix boolean);

CREATE FUNCTION comptoir_search_alternatives(tokens text[]) RETURNS SETOF comptoir_search_alternative
LANGUAGE sql STABLE PARALLEL SAFE AS $fn$
WITH words AS (
    SELECT t.token, t.ordinal, EXISTS (SELECT 1 FROM search_searchterm s WHERE s.word = t.token) AS known
    FROM unnest(tokens) WITH ORDINALITY AS t(token, ordinal)
    WHERE t.token ~ '^[a-z0-9]+$'
)
SELECT ordinal, token, NOT known FROM words
UNION ALL
SELECT w.ordinal, near.word, false
FROM words w, LATERAL (
    SELECT s.word FROM search_searchterm s
    WHERE s.word % w.token
    ORDER BY s.word <-> w.token, s.word
    LIMIT 3
) near
WHERE NOT w.known AND length(w.token) >= 4
  AND NOT EXISTS (SELECT 1 FROM search_searchterm s WHERE s.word LIKE w.token || '%')
$fn$;

-- The alternatives of each word OR-ed, the words AND-ed: (poire:* ) & (fromage).
CREATE FUNCTION comptoir_search_query(alternatives comptoir_search_alternative[]) RETURNS tsquery
LANGUAGE sql STABLE PARALLEL SAFE AS $fn$
SELECT to_tsquery('french_unaccent', coalesce(string_agg(per_word.text, ' & ' ORDER BY per_word.ordinal), ''))
FROM (
    SELECT a.ordinal,
           '(' || string_agg(CASE WHEN a.prefix THEN a.word || ':*' ELSE a.word END, ' | '
                             ORDER BY NOT a.prefix, a.word) || ')' AS text
    FROM unnest(alternatives) AS a
    GROUP BY a.ordinal
) per_word
$fn$;
"""

SEARCH_TSQUERY_FUNCTION = """
CREATE OR REPLACE FUNCTION comptoir_search_tsquery(tokens text[]) RETURNS tsquery
LANGUAGE sql STABLE PARALLEL SAFE AS $fn$
SELECT comptoir_search_query(ARRAY(SELECT a FROM comptoir_search_alternatives(tokens) AS a))
$fn$;
"""

# The rank a vector gets for each of its lexemes alone: exactly what ts_rank gives a one-lexeme query. (unnest()
# has a column named "weights": the parameter is named otherwise.)
SEARCH_POSTINGS_FUNCTION = """
CREATE OR REPLACE FUNCTION comptoir_search_postings(vector tsvector, rank_weights float4[])
RETURNS TABLE (lexeme text, score float8)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
SELECT l.lexeme,
       ts_rank(rank_weights, vector,
               ('''' || replace(replace(l.lexeme, '\\', '\\\\'), '''', '''''') || '''')::tsquery, 1)
FROM unnest(vector) AS l
$fn$;
"""

# Candidates only for a query of one searched word (stop words have no French stem and do not count): several words
# have their intersection ranked whole. (Products near the top of every word's postings were measured too few to
# fill a page: 21 for "au lait cru" among 1,000 per word.) The word is sized by the postings of its forms, each counted
# up to exact_limit + 1; a prefix form counts the range of lexemes it starts and lends its first twenty lexemes.
SEARCH_PLAN_FUNCTION = """
CREATE OR REPLACE FUNCTION comptoir_search_plan(tokens text[], per_lexeme integer, exact_limit integer,
                                                OUT query tsquery, OUT candidates bigint[])
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    alternatives comptoir_search_alternative[] := ARRAY(SELECT a FROM comptoir_search_alternatives(tokens) AS a);
    form record;
    matching bigint := 0;
    lexemes text[] := '{}';
    next_lexeme text;
    upper_bound text;
BEGIN
    query := comptoir_search_query(alternatives);
    IF (SELECT count(DISTINCT a.ordinal) FROM unnest(alternatives) a
        WHERE to_tsvector('french_unaccent', a.word) <> ''::tsvector) <> 1 THEN
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

PRODUCT_FOREIGN_KEY = """
ALTER TABLE search_productposting ADD CONSTRAINT search_productposting_product_fk
    FOREIGN KEY (product_id) REFERENCES product_product (id) ON DELETE CASCADE;
"""

# The weights are backend.commerce.search.backends.postgres.RANK_WEIGHTS when this was written.
BACKFILL_POSTINGS = """
INSERT INTO search_productposting (product_id, lexeme, score)
SELECT p.id, s.lexeme, s.score
FROM product_product p, comptoir_search_postings(p.search_vector, '{0.1,0.2,0.4,1.0}'::float4[]) s
WHERE p.search_vector IS NOT NULL;
"""

PREVIOUS_TSQUERY_FUNCTION = """
CREATE OR REPLACE FUNCTION comptoir_search_tsquery(tokens text[]) RETURNS tsquery
LANGUAGE sql STABLE PARALLEL SAFE AS $fn$
SELECT to_tsquery('french_unaccent', coalesce(string_agg(alternatives, ' & ' ORDER BY position), ''))
FROM (
    SELECT t.position, CASE
        WHEN known.word IS NOT NULL THEN t.token
        ELSE '(' || t.token || ':*' || coalesce((
            SELECT string_agg(' | ' || near.word, '')
            FROM (
                SELECT s.word FROM search_searchterm s
                WHERE known.word IS NULL AND length(t.token) >= 4 AND s.word % t.token
                ORDER BY s.word <-> t.token, s.word
                LIMIT 3
            ) near
        ), '') || ')'
    END AS alternatives
    FROM unnest(tokens) WITH ORDINALITY AS t(token, position)
    LEFT JOIN search_searchterm known ON known.word = t.token
    WHERE t.token ~ '^[a-z0-9]+$'
) per_token
$fn$;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("product", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProductPosting",
            fields=[
                ("pk", models.CompositePrimaryKey("product_id", "lexeme", blank=True, editable=False,
                                                  primary_key=True, serialize=False)),
                ("product_id", models.BigIntegerField(verbose_name="produit")),
                ("lexeme", models.TextField(db_collation="C", verbose_name="lexème")),
                ("score", models.FloatField(verbose_name="rang du produit pour ce lexème seul")),
            ],
            options={
                "verbose_name": "entrée de l'index inversé",
                "verbose_name_plural": "index inversé des produits",
                "indexes": [models.Index(models.F("lexeme"), models.OrderBy(models.F("score"), descending=True),
                                         models.F("product_id"), name="search_posting_top_idx")],
            },
        ),
        migrations.RunSQL(PRODUCT_FOREIGN_KEY, migrations.RunSQL.noop),
        migrations.RunSQL(SEARCH_ALTERNATIVES_FUNCTION,
                          "DROP FUNCTION IF EXISTS comptoir_search_query(comptoir_search_alternative[]);"
                          "DROP FUNCTION IF EXISTS comptoir_search_alternatives(text[]);"
                          "DROP TYPE IF EXISTS comptoir_search_alternative;"),
        migrations.RunSQL(SEARCH_TSQUERY_FUNCTION, PREVIOUS_TSQUERY_FUNCTION),
        migrations.RunSQL(SEARCH_POSTINGS_FUNCTION,
                          "DROP FUNCTION IF EXISTS comptoir_search_postings(tsvector, float4[]);"),
        migrations.RunSQL(SEARCH_PLAN_FUNCTION,
                          "DROP FUNCTION IF EXISTS comptoir_search_plan(text[], integer, integer);"),
        migrations.RunSQL(BACKFILL_POSTINGS, migrations.RunSQL.noop),
    ]
