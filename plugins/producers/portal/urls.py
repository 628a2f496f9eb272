"""The portal's URLs, included under /espace-producteur/ (backend/config/urls.py)."""

from pathlib import Path

from django.http import FileResponse, Http404
from django.urls import path, re_path
from django.views.decorators.cache import cache_control

from plugins.producers.portal.views import auth, dashboard, imports, orders, products, profile, statements

STATIC = Path(__file__).resolve().parent / "static" / "portal"
ASSETS = {"portal.css": "text/css", "portal.js": "text/javascript"}


@cache_control(max_age=3600, public=True)
def asset(request, name: str):
    """The portal's two small files, served with it (it is not a Django app, so staticfiles does not see them)."""
    if name not in ASSETS:
        raise Http404
    return FileResponse(open(STATIC / name, "rb"), content_type=ASSETS[name])


app_name = "portal"
urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("connexion/", auth.sign_in, name="login"),
    path("deconnexion/", auth.sign_out, name="logout"),
    path("invitation/<str:uidb64>/<str:token>/", auth.invitation, name="invitation"),
    path("produits/", products.product_list, name="products"),
    path("produits/nouveau/", products.product_edit, name="product-create"),
    path("produits/<int:pk>/", products.product_edit, name="product-edit"),
    path("produits/<int:pk>/publication/", products.product_publish, name="product-publish"),
    path("variantes/<int:pk>/stock/", products.variant_stock, name="variant-stock"),
    path("import/", imports.upload, name="import"),
    path("import/<str:job_id>/", imports.job, name="import-job"),
    path("import/<str:job_id>/progression/", imports.job_progress, name="import-progress"),
    path("import/<str:job_id>/lancer/", imports.job_start, name="import-start"),
    path("commandes/", orders.preparation_list, name="preparations"),
    path("preparations/<int:pk>/prete/", orders.preparation_ready, name="preparation-ready"),
    path("lignes/<int:pk>/annuler/", orders.line_cancel, name="line-cancel"),
    path("releves/", statements.statement_list, name="statements"),
    re_path(r"^releves/(?P<pk>[0-9]+)/(?P<fmt>csv|pdf)/$", statements.statement_download, name="statement-download"),
    path("profil/", profile.profile, name="profile"),
    path("static/<str:name>", asset, name="asset"),
]
