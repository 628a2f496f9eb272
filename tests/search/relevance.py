"""The relevance test set: what residents type, and the products that must come up in the first five results.
Written from the fixture catalogue (tests/search/catalogue.py), in the categories the issue asks for."""

from collections.abc import Callable
from dataclasses import dataclass

# (kind, query, products of which at least one must be in the top 5)
RELEVANCE_QUERIES: list[tuple[str, str, list[str]]] = [
    # misspellings
    ("faute", "maroile", ["Maroilles AOP fermier", "Mignon de Maroilles"]),
    ("faute", "fromgae chevre", ["Crottin de chèvre frais", "Tomme de chèvre", "Chèvre cendré"]),
    ("faute", "saucison", ["Saucisson sec"]),
    ("faute", "andouilete", ["Andouillette"]),
    ("faute", "poullet fermier", ["Poulet fermier"]),
    ("faute", "carbonnade", ["Carbonade flamande"]),
    ("faute", "potjevlesch", ["Potjevleesch"]),
    ("faute", "rilettes canard", ["Rillettes de canard"]),
    ("faute", "flamiche maroille", ["Flamiche au maroilles"]),
    ("faute", "confitur fraise", ["Confiture de fraises"]),
    ("faute", "genievre wargnie", ["Genièvre de Wargnies"]),
    # missing accents
    ("accents", "pate de campagne", ["Pâté de campagne"]),
    ("accents", "biere ambree bavay", ["Bière ambrée des Remparts"]),
    ("accents", "oeufs", ["Œufs frais plein air"]),
    ("accents", "creme fraiche", ["Crème fraîche épaisse"]),
    ("accents", "pain d'epices", ["Pain d'épices au miel"]),
    ("accents", "chevre cendre", ["Chèvre cendré"]),
    # plurals and singulars
    ("pluriel", "fromages", ["Maroilles AOP fermier", "Mignon de Maroilles", "Boulette d'Avesnes", "Vieux-Lille",
                             "Crottin de chèvre frais", "Tomme de chèvre", "Chèvre cendré"]),
    ("pluriel", "fromages bio", ["Crottin de chèvre frais", "Tomme de chèvre", "Chèvre cendré"]),
    ("pluriel", "pomme", ["Pommes Reinette", "Jus de pomme"]),
    ("pluriel", "poire", ["Poires Conférence"]),
    ("pluriel", "carotte", ["Carottes des sables"]),
    ("pluriel", "poireau", ["Poireaux"]),
    ("pluriel", "tartes", ["Tarte au maroilles", "Tarte au sucre"]),
    ("pluriel", "confitures", ["Confiture de fraises", "Confiture de rhubarbe"]),
    ("pluriel", "bieres brunes", ["Bière brune"]),
    ("pluriel", "gaufre", ["Gaufres fourrées à la vergeoise"]),
    # producers
    ("producteur", "sabliere", ["Maroilles AOP fermier", "Beurre cru demi-sel", "Lait cru entier"]),
    ("producteur", "brasserie des remparts", ["Bière ambrée des Remparts", "Bière brune", "Bière blonde de garde"]),
    ("producteur", "rucher mormal", ["Miel de fleurs de la forêt de Mormal", "Miel d'acacia"]),
    ("producteur", "charcuterie delattre", ["Pâté de campagne", "Saucisson sec", "Terrine de lapin"]),
    ("producteur", "chevrerie", ["Crottin de chèvre frais", "Tomme de chèvre", "Chèvre cendré"]),
    ("producteur", "moulin", ["Farine de blé T65", "Farine de seigle"]),
    ("producteur", "boulangerie lefebvre", ["Tarte au maroilles", "Pain de campagne au levain"]),
    # communes
    ("commune", "landrecies", ["Mignon de Maroilles", "Boulette d'Avesnes", "Vieux-Lille"]),
    ("commune", "locquignol", ["Miel de fleurs de la forêt de Mormal", "Miel d'acacia"]),
    ("commune", "jolimetz", ["Pommes Reinette", "Cidre brut fermier", "Jus de pomme"]),
    ("commune", "le quesnoy", ["Pâté de campagne", "Saucisson sec", "Andouillette"]),
    ("commune", "englefontaine", ["Carottes des sables", "Poireaux", "Chicons"]),
    ("commune", "miel locquignol", ["Miel de fleurs de la forêt de Mormal", "Miel d'acacia"]),
    # labels
    ("label", "bio", ["Crottin de chèvre frais", "Cidre brut fermier", "Carottes des sables", "Farine de blé T65"]),
    ("label", "aop", ["Maroilles AOP fermier", "Mignon de Maroilles"]),
    ("label", "label rouge", ["Pâté de campagne", "Poulet fermier", "Œufs frais plein air"]),
    ("label", "cidre bio", ["Cidre brut fermier"]),
    ("label", "maroilles aop", ["Maroilles AOP fermier", "Mignon de Maroilles"]),
    # word order and search-as-you-type
    ("ordre", "campagne pate", ["Pâté de campagne"]),
    ("ordre", "maroilles tarte", ["Tarte au maroilles"]),
    ("prefixe", "sauc", ["Saucisson sec"]),
    ("prefixe", "confi", ["Confiture de fraises", "Confiture de rhubarbe"]),
    ("prefixe", "rillet", ["Rillettes de canard"]),
]


@dataclass(frozen=True)
class RelevanceReport:
    queries: int
    hits_at_5: int
    precision_at_5: float  # mean over queries of (expected products in the top 5) / min(5, number expected)
    mrr: float  # mean reciprocal rank of the first expected product (0 when none in the top 5)
    misses: list[tuple[str, list[str]]]

    @property
    def hit_rate(self) -> float:
        return self.hits_at_5 / self.queries


def evaluate(top5: Callable[[str], list[str]]) -> RelevanceReport:
    """Run every query through `top5(query) -> names of the first five results` and score it."""
    hits, precision_sum, reciprocal_sum, misses = 0, 0.0, 0.0, []
    for _kind, query, expected in RELEVANCE_QUERIES:
        names = top5(query)[:5]
        relevant = [name for name in names if name in expected]
        precision_sum += len(relevant) / min(5, len(expected))
        first = next((rank for rank, name in enumerate(names, start=1) if name in expected), None)
        if first:
            hits += 1
            reciprocal_sum += 1 / first
        else:
            misses.append((query, names))
    count = len(RELEVANCE_QUERIES)
    return RelevanceReport(count, hits, precision_sum / count, reciprocal_sum / count, misses)
