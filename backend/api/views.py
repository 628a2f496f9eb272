"""HTTP entry points of the API: POST /graphql/ (JSON, single or batched), GET /graphql/ (GraphiQL in a browser)."""

import json
import logging

import orjson
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from backend.api.core.auth import user_from_request
from backend.api.core.execution import execute_operation, format_error

logger = logging.getLogger(__name__)

DEFAULT_QUERY = """# API GraphQL du Comptoir de Mormal
# (contrat Saleor 3.24).
# Connecté ? Dans « Headers » :
# {"Authorization": "Bearer <jeton>"}
# (jeton donné par tokenCreate)
{
  shop {
    name
    description
  }
  menu(slug: "navbar") {
    items {
      name
    }
  }
}
"""


def _error_response(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"errors": [{"message": message, "extensions": {"exception": {"code": "GraphQLError"}}}]},
                        status=status)


_django_types = DjangoJSONEncoder()


def _json_response(body) -> HttpResponse:
    """The answer encoded by orjson: a product grid's JSON costs it a tenth of the standard library's time. Types JSON
    does not know (lazy translations, Decimal) are written as Django's encoder writes them; text stays UTF-8."""
    return HttpResponse(orjson.dumps(body, default=_django_types.default), content_type="application/json")


def _result_to_dict(result) -> dict:
    body = {"data": result.data}
    if result.errors:
        body["errors"] = [format_error(e) for e in result.errors]
    return body


@method_decorator(csrf_exempt, name="dispatch")
class GraphQLView(View):
    http_method_names = ["get", "post", "options"]

    def get(self, request: HttpRequest):
        # Queries over GET are not served: GET shows GraphiQL to browsers; every operation goes by POST (so no
        # mutation can ride on a link). A client that does not take HTML is told so in JSON.
        if not request.accepts("text/html"):
            response = _error_response("Send GraphQL operations with POST (a JSON body); GET only serves GraphiQL.",
                                       status=405)
            response["Allow"] = "POST, OPTIONS"
            return response
        return render(request, "api/graphiql.html", {"endpoint": request.path, "default_query": DEFAULT_QUERY})

    def options(self, request, *args, **kwargs):
        response = HttpResponse()
        response["Allow"] = "GET, POST, OPTIONS"
        return response

    def post(self, request: HttpRequest):
        from backend.api.schema import schema

        content_type = request.content_type or ""
        if content_type == "multipart/form-data":
            body = _multipart_operations(request)
            if isinstance(body, JsonResponse):
                return body
        else:
            try:
                body = json.loads(request.body.decode("utf-8") or "null")
            except (UnicodeDecodeError, json.JSONDecodeError):
                return _error_response("The request body is not valid JSON.")
        request.user = SimpleLazyObject(lambda: user_from_request(request))
        if isinstance(body, list):
            if not body:
                return _error_response("An empty batch was sent.")
            if len(body) > settings.GRAPHQL_MAX_BATCH:
                return _error_response(f"A batch may hold at most {settings.GRAPHQL_MAX_BATCH} operations.")
            if not all(isinstance(item, dict) for item in body):
                return _error_response("Each operation of a batch must be a JSON object.")
            return _with_refresh_cookie(request, _json_response([self._execute(schema, item, request)
                                                                 for item in body]))
        if not isinstance(body, dict):
            return _error_response("The request body must be a JSON object with a 'query'.")
        return _with_refresh_cookie(request, _json_response(self._execute(schema, body, request)))

    def _execute(self, schema, body: dict, request) -> dict:
        result = execute_operation(schema, body.get("query"), body.get("variables"), body.get("operationName"),
                                   request)
        return _result_to_dict(result)


def _with_refresh_cookie(request, response):
    """A refresh token rotated from the `refreshToken` cookie goes back in that cookie, as Saleor sets it: HttpOnly,
    Secure unless cookies are not (development), and then SameSite=None so that a storefront on another site sends it.
    (Reading it from the cookie needs the csrfToken argument: that is the CSRF guard of this csrf-exempt view.)"""
    token = getattr(request, "refresh_token_cookie", None)
    if token:
        from backend.api.account.mutations.auth import REFRESH_TOKEN_COOKIE

        secure = settings.SESSION_COOKIE_SECURE
        response.set_cookie(REFRESH_TOKEN_COOKIE, token, max_age=settings.JWT_REFRESH_TTL_SECONDS, httponly=True,
                            secure=secure, samesite="None" if secure else "Lax")
    return response


def _multipart_operations(request):
    """The graphql-multipart-request-spec: `operations` (JSON), `map` ({file key: ["variables.x", ...]}) and the
    files; each file replaces the null at its path. Returns the operations, or an error response."""
    try:
        operations = json.loads(request.POST.get("operations") or "null")
        file_map = json.loads(request.POST.get("map") or "{}")
    except json.JSONDecodeError:
        return _error_response("The multipart fields 'operations' and 'map' must be JSON.")
    if not isinstance(operations, dict | list) or not isinstance(file_map, dict):
        return _error_response("The multipart request needs 'operations' (an object) and 'map' (an object).")
    for key, paths in file_map.items():
        upload = request.FILES.get(key)
        if upload is None or not isinstance(paths, list):
            return _error_response(f"File '{key}' of the map was not sent.")
        for path in paths:
            parts = str(path).split(".")
            target = operations
            try:
                if isinstance(operations, list):
                    target, parts = operations[int(parts[0])], parts[1:]
                for part in parts[:-1]:
                    target = target[int(part)] if isinstance(target, list) else target[part]
                last = parts[-1]
                if isinstance(target, list):
                    target[int(last)] = upload
                elif isinstance(target, dict) and last in target:
                    target[last] = upload
                else:
                    raise KeyError(last)
            except (KeyError, IndexError, ValueError, TypeError):
                return _error_response(f"The map path '{path}' does not exist in the operations.")
    return operations


def thumbnail_view(request, media_id: str, size: int, fmt: str | None = None):
    from backend.api.product.thumbnails import serve_thumbnail

    return serve_thumbnail(request, media_id, size, fmt)
