"""The CSV import: upload, preview (every row checked, nothing written), then the import in celery with its
progress (htmx polling every second, a meta refresh without JavaScript)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from backend.api.product.scope import catalogue_scope
from backend.core.events import enqueue
from plugins.producers.portal import csv_import, import_jobs
from plugins.producers.portal.access import portal_view, render
from plugins.producers.portal.csv_rows import CsvFormatError
from plugins.producers.portal.forms import ImportForm
from plugins.producers.portal.tasks import run_import

EXAMPLE = "sku;nom;catégorie;prix_ttc;stock;poids_kg;tva;publié\nMAR-01;Maroilles AOP;Fromages;12,50;10;0,750;5,5;oui"


def _job(request, job_id: str) -> dict:
    state = import_jobs.state_read(job_id)
    if state is None or state.get("producer_id") != request.portal.producer.pk:
        raise Http404("Cet import n'existe pas.")
    return state


@require_http_methods(["GET", "POST"])
@portal_view
def upload(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if catalogue_scope(request.user) is None:
            return render(request, "portal/not_active.html", {"nav": "import"}, status=403)
        if form.is_valid():
            uploaded = form.cleaned_data["file"]
            if uploaded.size > import_jobs.MAX_UPLOAD_BYTES:
                form.add_error("file", "Le fichier dépasse 20 Mo : découpez-le en plusieurs fichiers.")
            else:
                job_id = import_jobs.job_create(uploaded=uploaded, producer_id=request.portal.producer.pk,
                                                user_id=request.user.pk)
                try:
                    report = csv_import.preview(import_jobs.csv_path(job_id), request.portal.producer)
                except CsvFormatError as exc:
                    form.add_error("file", str(exc))
                else:
                    import_jobs.state_update(job_id, preview=import_jobs.report_dict(report))
                    return redirect(f"/espace-producteur/import/{job_id}/")
    return render(request, "portal/import_upload.html", {"form": form, "example": EXAMPLE, "nav": "import"},
                  status=400 if form.errors else 200)


@require_GET
@portal_view
def job(request, job_id: str):
    state = _job(request, job_id)
    template = "portal/import_preview.html" if state["state"] == "preview" else "portal/import_progress.html"
    return render(request, template, {"job_id": job_id, "job": state, "nav": "import"})


@require_GET
@portal_view
def job_progress(request, job_id: str):
    """The progress fragment htmx swaps in every second."""
    return render(request, "portal/_import_status.html", {"job_id": job_id, "job": _job(request, job_id)})


@require_POST
@portal_view
def job_start(request, job_id: str):
    state = _job(request, job_id)
    if catalogue_scope(request.user) is None:
        return render(request, "portal/not_active.html", {"nav": "import"}, status=403)
    if state["state"] == "preview":
        import_jobs.state_update(job_id, state="queued", percent=0)
        enqueue(run_import, job_id)
        messages.info(request, "L'import a commencé.")
    return redirect(f"/espace-producteur/import/{job_id}/")
