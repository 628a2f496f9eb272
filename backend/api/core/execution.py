"""Executes a GraphQL request: size, parse, validate (with abuse limits), run with batching dataloaders."""

import logging

from django.conf import settings
from graphql import GraphQLError, parse, validate
from graphql.error import GraphQLSyntaxError
from graphql.execution import ExecutionResult, execute
from graphql.pyutils import Path
from graphql_sync_dataloaders import DeferredExecutionContext

from backend.api.core.validation import abuse_limit_rules

logger = logging.getLogger(__name__)


class BatchingExecutionContext(DeferredExecutionContext):
    """graphql-sync-dataloaders calls `handle_field_error(error, type)`, but graphql-core 3.2.14 added a required
    `path` (to drop errors under an already nulled position): without this, any resolver error became a 500."""

    def handle_field_error(self, error: GraphQLError, return_type, path: Path | None = None) -> None:
        if path is None:
            for key in error.path or ():
                path = Path(path, key, None)
        return super().handle_field_error(error, return_type, path)


def execute_operation(schema, query, variables, operation_name, context) -> ExecutionResult:
    """Run one operation. Never raises for client mistakes: they come back as errors in the result."""
    if not isinstance(query, str) or not query.strip():
        return ExecutionResult(data=None, errors=[GraphQLError("Must provide a query string.")])
    if len(query.encode()) > settings.GRAPHQL_MAX_QUERY_BYTES:
        return ExecutionResult(data=None, errors=[GraphQLError(
            f"The query is too large: {len(query.encode())} bytes, the limit is {settings.GRAPHQL_MAX_QUERY_BYTES}."
        )])
    if variables is not None and not isinstance(variables, dict):
        return ExecutionResult(data=None, errors=[GraphQLError("Variables must be a JSON object.")])
    if operation_name is not None and not isinstance(operation_name, str):
        return ExecutionResult(data=None, errors=[GraphQLError("operationName must be a string.")])
    try:
        document = parse(query, max_tokens=settings.GRAPHQL_MAX_TOKENS)
    except GraphQLSyntaxError as error:
        return ExecutionResult(data=None, errors=[error])
    graphql_schema = schema.graphql_schema
    errors = validate(graphql_schema, document)
    if not errors:
        errors = validate(graphql_schema, document, abuse_limit_rules(variables or {}))
    if errors:
        return ExecutionResult(data=None, errors=errors)
    return execute(
        graphql_schema,
        document,
        context_value=context,
        variable_values=variables,
        operation_name=operation_name,
        execution_context_class=BatchingExecutionContext,
    )


def format_error(error: GraphQLError) -> dict:
    """Saleor's error shape; internal errors never leak their text or traceback."""
    original = error.original_error
    if original is not None and not isinstance(original, GraphQLError):
        logger.error("Unhandled error in GraphQL resolver", exc_info=original)
        formatted = {"message": "Internal Server Error", "extensions": {"exception": {"code": "InternalServerError"}}}
    else:
        formatted = {"message": error.message}
        extensions = dict(error.extensions or {})
        extensions.setdefault("exception", {"code": "GraphQLError"})
        formatted["extensions"] = extensions
    if error.locations:
        formatted["locations"] = [{"line": loc.line, "column": loc.column} for loc in error.locations]
    if error.path:
        formatted["path"] = list(error.path)
    return formatted
