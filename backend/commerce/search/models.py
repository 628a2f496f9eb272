"""The search lexicon: every distinct word of the indexed documents, normalised. A misspelt query word is replaced by
its nearest lexicon words (trigram similarity) before the full-text query runs, e.g. "maroile" -> "maroilles"."""

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
