"""The roadmap plugin: adds the workshops, communes and public places to the GraphQL schema through the schema hooks."""

from backend.core.plugins import BasePlugin


class RoadmapPlugin(BasePlugin):
    PLUGIN_ID = "comptoir.roadmap"
    PLUGIN_NAME = "Feuille de route numérique du Pays de Mormal"

    def graphql_query_classes(self, *, previous_value):
        from plugins.roadmap.graphql.schema import RoadmapQueries

        return [*previous_value, RoadmapQueries]

    def graphql_mutation_classes(self, *, previous_value):
        from plugins.roadmap.graphql.schema import RoadmapMutations

        return [*previous_value, RoadmapMutations]

    def setup_steps(self, *, previous_value, with_demo):
        return [*previous_value, ("Feuille de route numérique (axes, projets, ateliers)", "load_roadmap",
                                  {} if with_demo else {"no_demo": True})]
