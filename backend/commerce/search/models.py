"""The search lexicon and the product postings.

The lexicon holds every distinct word of the indexed documents, normalised: a misspelt query word is replaced by its
nearest lexicon words (trigram similarity) before the full-text query runs, e.g. "maroile" -> "maroilles".

The postings are the products' search vectors turned inside out: one row per (product, lexeme) with the rank the
product gets for that lexeme alone. A one-word query that matches a large part of the catalogue takes its best
products from the top of the lexeme's postings (an index read) instead of ranking every match."""

from django.contrib.postgres.indexes import GinIndex
from django.db import models


class SearchTerm(models.Model):
    word = models.CharField("mot", max_length=30, unique=True)

    class Meta:
        verbose_name = "mot du lexique de recherche"
        verbose_name_plural = "lexique de recherche"
        indexes = [GinIndex(fields=["word"], name="search_term_word_trgm_idx", opclasses=["gin_trgm_ops"])]

    def __str__(self) -> str:
        return self.word


class ProductPosting(models.Model):
    """Written with the product's search vector (backend.commerce.search.postings), deleted with the product by the
    database (ON DELETE CASCADE, added by the migration: Django's collector would add queries to every deletion)."""

    pk = models.CompositePrimaryKey("product_id", "lexeme")
    product_id = models.BigIntegerField("produit")
    # C collation: a prefix ("sauc" -> saucisson) is a plain range of the index
    lexeme = models.TextField("lexème", db_collation="C")
    score = models.FloatField("rang du produit pour ce lexème seul")

    class Meta:
        verbose_name = "entrée de l'index inversé"
        verbose_name_plural = "index inversé des produits"
        indexes = [models.Index("lexeme", models.F("score").desc(), "product_id", name="search_posting_top_idx")]

    def __str__(self) -> str:
        return f"{self.lexeme} → {self.product_id}"
