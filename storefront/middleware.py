"""When the API cannot answer, residents get a French page, never a stack trace or a bare 500."""

import logging

from django.shortcuts import render

from storefront import client

logger = logging.getLogger(__name__)


class ApiErrorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, client.ApiUnavailable | client.GraphQLErrors):
            logger.error("storefront API call failed on %s: %s", request.path, exception)
            return render(request, "storefront/unavailable.html", status=503)
        return None
