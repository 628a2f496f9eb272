"""A stand-in for the producers plugin: adds a producer's name to every product through the filter hook."""

from backend.core.plugins import BasePlugin


class ProducerNamePlugin(BasePlugin):
    PLUGIN_ID = "tests.search.producer_name"
    PLUGIN_NAME = "Nom du producteur (test)"

    def product_search_document(self, previous_value, product_ids):
        for document in previous_value.values():
            document.producers.append("Les Délices de Tante Germaine")
        return previous_value
