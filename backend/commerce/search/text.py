"""Text handling shared by the search backends: the same normalisation for documents and queries, and the
weighted document a product (or a producer) is indexed as."""

import re
import unicodedata
from dataclasses import dataclass, field

# A query is what a person types in a search box: longer input is cut, not refused (a 10,000-character paste must
# neither fail nor cost 10,000 characters of trigram work).
MAX_QUERY_CHARS = 200
MAX_QUERY_TOKENS = 8
MAX_TOKEN_CHARS = 30

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "’": "'"})
_WORD = re.compile(r"[a-z0-9]+")


def normalize(text: str) -> str:
    """Lower case, without accents or ligatures, punctuation and symbols (emoji included) turned into spaces."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_LIGATURES))
    ascii_only = "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
    return " ".join(_WORD.findall(ascii_only))


def query_tokens(text: str) -> list[str]:
    """The words of a query, normalised and capped. Only [a-z0-9] survive, so no token can carry tsquery, SQL or
    Lucene syntax. Repeated words count once."""
    words = normalize((text or "")[: MAX_QUERY_CHARS * 2]).split()
    tokens: list[str] = []
    for word in words:
        word = word[:MAX_TOKEN_CHARS]
        if word not in tokens:
            tokens.append(word)
        if len(tokens) == MAX_QUERY_TOKENS:
            break
    return tokens


def query_text(text: str) -> str:
    """The query as one normalised string (for trigram similarity and for Elasticsearch)."""
    return " ".join(query_tokens(text))


@dataclass
class WeightedDocument:
    """What a searchable object is known by, from the most to the least telling field (PostgreSQL weights A to D).

    Plugins add to it through the `product_search_document` filter hook (a producer's name goes in `producers`)."""

    name: str
    categories: list[str] = field(default_factory=list)  # B
    producers: list[str] = field(default_factory=list)  # C: producer or warehouse names
    communes: list[str] = field(default_factory=list)  # C
    labels: list[str] = field(default_factory=list)  # B: attribute values such as "bio", "AOP", variant names
    description: str = ""  # D

    def weight_a(self) -> str:
        return self.name

    def weight_b(self) -> str:
        return " ".join([*self.categories, *self.labels])

    def weight_c(self) -> str:
        return " ".join([*self.producers, *self.communes])

    def weight_d(self) -> str:
        return self.description

    def short_text(self) -> str:
        """Normalised name, categories, labels, producers and communes (not the description): the text typo
        matching works on. Kept short so trigram matching stays fast and precise."""
        return normalize(" ".join([self.name, self.weight_b(), self.weight_c()]))

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "categories": list(self.categories),
            "producers": list(self.producers),
            "communes": list(self.communes),
            "labels": list(self.labels),
            "description": self.description,
        }
