"""Limits checked at validation time, before any resolver (and so any SQL) runs: depth, aliases, cost, and the
`first`/`last` arguments of connections (sign, maximum, one of them present when edges are selected).

Cost follows Saleor's idea (saleor/graphql/core/validators/query_cost.py): every field costs 1, and a connection's
children cost as many times as the page size asked (`first`/`last`), nested multiplicatively.
"""

from django.conf import settings
from graphql import GraphQLError, GraphQLObjectType, get_named_type
from graphql.language import FieldNode, FragmentSpreadNode, InlineFragmentNode, OperationDefinitionNode
from graphql.validation import ValidationRule

from backend.api.core.connection import slice_args_error


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


def _argument_value(node: FieldNode, name: str, variables: dict):
    """The literal or variable value of an argument when it is an integer; None when absent or not an integer (type
    errors of variables are reported when they are coerced)."""
    for arg in node.arguments or ():
        if arg.name.value != name:
            continue
        value = arg.value
        raw = variables.get(value.name.value) if value.kind == "variable" else getattr(value, "value", None)
        if isinstance(raw, bool):
            return None
        try:
            return int(raw)
        except (TypeError, ValueError):
            return None
    return None


def _selects(context, selection_set, name: str, seen: frozenset = frozenset()) -> bool:
    for selection in selection_set.selections if selection_set else ():
        if isinstance(selection, FieldNode):
            if selection.name.value == name:
                return True
        elif isinstance(selection, InlineFragmentNode):
            if _selects(context, selection.selection_set, name, seen):
                return True
        elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in seen:
            fragment = context.get_fragment(selection.name.value)
            if fragment and _selects(context, fragment.selection_set, name, seen | {selection.name.value}):
                return True
    return False


def _is_connection(field_def) -> bool:
    named = get_named_type(field_def.type)
    return (isinstance(named, GraphQLObjectType) and "edges" in named.fields and "pageInfo" in named.fields
            and "first" in field_def.args and "last" in field_def.args)


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

    class PaginationArguments(ValidationRule):
        def enter_field(self, node: FieldNode, *_args):
            field_def = self.context.get_field_def()
            if field_def is None or not _is_connection(field_def):
                return
            first, last = _argument_value(node, "first", variables), _argument_value(node, "last", variables)
            edges = first is None and last is None and _selects(self.context, node.selection_set, "edges")
            message = slice_args_error(first, last, node.name.value, edges)
            if message:
                self.report_error(GraphQLError(message, node))

    return [AbuseLimits, PaginationArguments]
