"""The producers plugin: it answers the core's hooks (order split, schema additions); the core never imports it."""

from backend.core.plugins import BasePlugin


class ProducersPlugin(BasePlugin):
    PLUGIN_ID = "comptoir.producers"
    PLUGIN_NAME = "Producteurs du Comptoir"

    def order_created(self, *, order):
        from plugins.producers.services.preparations import order_split

        order_split(order_id=order.pk)

    def order_cancelled(self, *, order):
        from plugins.producers.models import Preparation, PreparationStatus

        Preparation.objects.filter(order_id=order.pk).update(status=PreparationStatus.CANCELLED)

    def demo_loaded(self):
        from plugins.producers.demo import demo_producers_ensure

        demo_producers_ensure()

    def catalogue_scope(self, previous_value, *, user):
        from plugins.producers.catalogue import catalogue_scope

        return catalogue_scope(previous_value, user)

    def graphql_query_classes(self, *, previous_value):
        from plugins.producers.graphql.schema import ProducerQueries

        return [*previous_value, ProducerQueries]

    def graphql_mutation_classes(self, *, previous_value):
        from plugins.producers.graphql.schema import ProducerMutations

        return [*previous_value, ProducerMutations]

    def graphql_type_extensions(self, *, previous_value):
        from plugins.producers.graphql.schema import type_extensions

        extensions = dict(previous_value)
        for type_class, fields in type_extensions().items():
            extensions[type_class] = {**extensions.get(type_class, {}), **fields}
        return extensions
