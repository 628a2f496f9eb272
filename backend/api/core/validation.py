"""Abuse limits checked at validation time, before any resolver (and so any SQL) runs: depth, aliases, cost.

Cost follows Saleor's idea (saleor/graphql/core/validators/query_cost.py): every field costs 1, and a connection's
children cost as many times as the page size asked (`first`/`last`), nested multiplicatively.
"""

from django.conf import settings
from graphql import GraphQLError
from graphql.language import FieldNode, FragmentSpreadNode, InlineFragmentNode, OperationDefinitionNode
from graphql.validation import ValidationRule


def _page_size(node: FieldNode, variables: dict) -> int:
    for arg in node.arguments or ():
        if arg.name.value in {"first", "last"}:
            value = arg.value
            if value.kind == "variable":
                raw = variables.get(value.name.value)
            else:
                raw = getattr(value, "value", None)
            try:
                return max(1, min(int(raw), settings.GRAPHQL_PAGINATION_LIMIT))
            except (TypeError, ValueError):
                return 1
    return 1


class _Walker:
    def __init__(self, context, variables):
        self.context = context
        self.variables = variables
        self.fragments = {f.name.value: f for f in context.document.definitions if f.kind == "fragment_definition"}

    def measure(self, selection_set, depth: int, seen: frozenset) -> tuple[int, int, int]:
        """(max depth, cost, aliases) of a selection set."""
        max_depth, cost, aliases = depth, 0, 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                if selection.alias:
                    aliases += 1
                if selection.name.value.startswith("__"):
                    continue
                child_depth, child_cost, child_aliases = self.measure(selection.selection_set, depth + 1, seen)
                multiplier = _page_size(selection, self.variables) if selection.selection_set else 1
                cost += 1 + multiplier * child_cost
                aliases += child_aliases
                max_depth = max(max_depth, child_depth)
            elif isinstance(selection, InlineFragmentNode):
                d, c, a = self.measure(selection.selection_set, depth, seen)
                max_depth, cost, aliases = max(max_depth, d), cost + c, aliases + a
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in seen or name not in self.fragments:
                    continue  # cycles and unknown fragments are reported by the standard rules
                d, c, a = self.measure(self.fragments[name].selection_set, depth, seen | {name})
                max_depth, cost, aliases = max(max_depth, d), cost + c, aliases + a
        return max_depth, cost, aliases


def abuse_limit_rules(variables: dict):
    class AbuseLimits(ValidationRule):
        def enter_operation_definition(self, node: OperationDefinitionNode, *_args):
            depth, cost, aliases = _Walker(self.context, variables).measure(node.selection_set, 0, frozenset())
            if depth > settings.GRAPHQL_MAX_DEPTH:
                self.report_error(GraphQLError(
                    f"The query exceeds the maximum depth of {settings.GRAPHQL_MAX_DEPTH} (it has {depth}).",
                    node, extensions={"exception": {"code": "QueryTooDeep"}}))
            if aliases > settings.GRAPHQL_MAX_ALIASES:
                self.report_error(GraphQLError(
                    f"The query uses {aliases} aliases; at most {settings.GRAPHQL_MAX_ALIASES} are allowed.",
                    node, extensions={"exception": {"code": "TooManyAliases"}}))
            if cost > settings.GRAPHQL_QUERY_MAX_COMPLEXITY:
                self.report_error(GraphQLError(
                    f"The query exceeds the maximum cost of {settings.GRAPHQL_QUERY_MAX_COMPLEXITY} (it costs {cost}).",
                    node, extensions={"exception": {"code": "QueryCostError"}}))

    return [AbuseLimits]
