"""The producer's monthly statements and their exports (the plugin's CSV and PDF)."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from plugins.producers.exports import month_label, statement_csv, statement_pdf
from plugins.producers.portal.access import portal_view, render


@require_GET
@portal_view
def statement_list(request):
    statements = request.portal.producer.statements.order_by("-month")
    return render(request, "portal/statements.html", {
        "statements": [(s, month_label(s)) for s in statements], "nav": "statements"})


@require_GET
@portal_view
def statement_download(request, pk: int, fmt: str):
    statement = request.portal.producer.statements.filter(pk=pk).select_related("producer").first()
    if statement is None:
        raise Http404("Ce relevé n'existe pas.")
    name = f"releve-{statement.producer.slug}-{statement.month:%Y-%m}"
    if fmt == "csv":
        response = HttpResponse(statement_csv(statement), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(statement_pdf(statement), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
