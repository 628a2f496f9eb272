"""The Elasticsearch index: French analysis (elision, lower case, ASCII folding, French stop words, light French
stemmer), an edge n-gram sub-field for search-as-you-type, and the query the backend sends."""

FRENCH_ELISIONS = ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"]

INDEX_SETTINGS = {
    "number_of_shards": 1,
    "number_of_replicas": 0,
    "analysis": {
        "filter": {
            "french_elision": {"type": "elision", "articles_case": True, "articles": FRENCH_ELISIONS},
            "french_stop": {"type": "stop", "stopwords": "_french_"},
            "french_stemmer": {"type": "stemmer", "language": "light_french"},
            "autocomplete_edge_ngram": {"type": "edge_ngram", "min_gram": 2, "max_gram": 20},
        },
        "analyzer": {
            "french_folded": {
                "tokenizer": "standard",
                "filter": ["french_elision", "lowercase", "asciifolding", "french_stop", "french_stemmer"],
            },
            "autocomplete": {
                "tokenizer": "standard",
                "filter": ["french_elision", "lowercase", "asciifolding", "autocomplete_edge_ngram"],
            },
            "autocomplete_search": {
                "tokenizer": "standard",
                "filter": ["french_elision", "lowercase", "asciifolding"],
            },
        },
    },
}


def _text_field(*, autocomplete: bool) -> dict:
    field = {"type": "text", "analyzer": "french_folded"}
    if autocomplete:
        field["fields"] = {
            "autocomplete": {"type": "text", "analyzer": "autocomplete", "search_analyzer": "autocomplete_search"}
        }
    return field


MAPPINGS = {
    "dynamic": "strict",
    "properties": {
        "name": _text_field(autocomplete=True),
        "categories": _text_field(autocomplete=True),
        "labels": _text_field(autocomplete=False),
        "producers": _text_field(autocomplete=True),
        "communes": _text_field(autocomplete=True),
        "description": _text_field(autocomplete=False),
    },
}

# Same order of importance as the PostgreSQL weights: name over category and labels over producer and commune over
# description.
FIELD_BOOSTS = ["name^4", "categories^2", "labels^2", "producers^1.5", "communes^1.5", "description"]
AUTOCOMPLETE_FIELDS = ["name.autocomplete^3", "categories.autocomplete", "producers.autocomplete",
                       "communes.autocomplete"]


def search_body(phrase: str, *, size: int) -> dict:
    """The query for a normalised phrase. multi_match never parses Lucene syntax, so no escaping is needed."""
    return {
        "size": size,
        "_source": False,
        "track_total_hits": False,
        "query": {
            "bool": {
                "should": [
                    {"multi_match": {"query": phrase, "type": "cross_fields", "fields": FIELD_BOOSTS,
                                     "operator": "and", "boost": 2}},
                    {"multi_match": {"query": phrase, "type": "best_fields", "fields": FIELD_BOOSTS,
                                     "fuzziness": "AUTO", "prefix_length": 1, "operator": "and"}},
                    {"multi_match": {"query": phrase, "type": "bool_prefix", "fields": AUTOCOMPLETE_FIELDS,
                                     "operator": "and"}},
                ],
                "minimum_should_match": 1,
            }
        },
    }
