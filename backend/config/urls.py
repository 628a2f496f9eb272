"""URL map of the platform. Later issues add the storefront, the producer portal and the logistics views."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.static import serve

from backend.api.views import GraphQLView, thumbnail_view

admin.site.site_header = "Comptoir de Mormal — administration"
admin.site.site_title = "Comptoir de Mormal"
admin.site.index_title = "Gestion de la place de marché et du territoire"

urlpatterns = [
    path("graphql/", GraphQLView.as_view(), name="api"),
    path("thumbnail/<str:media_id>/<int:size>/", thumbnail_view, name="thumbnail"),
    path("thumbnail/<str:media_id>/<int:size>/<str:fmt>/", thumbnail_view, name="thumbnail-format"),
    path("admin/", admin.site.urls),
    path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}),
]
# Stripe's signed payment notifications (plugins/stripe).
urlpatterns.append(path("", include("plugins.stripe.urls")))
# Logistics pages (/logistique/, /livreur/, /retrait/), before the storefront's catch-all.
urlpatterns.append(path("", include("logistics.urls")))
# The producer portal (plugins/producers/portal); the invitation mail's link lands on its "set your password" page.
urlpatterns.append(path("espace-producteur/", include("plugins.producers.portal.urls")))
urlpatterns.append(path("producteurs/invitation/<str:uidb64>/<str:token>/",
                        RedirectView.as_view(pattern_name="portal:invitation")))
# The residents' site answers every other URL (it is the last include, so the API and admin win).
urlpatterns.append(path("", include("storefront.urls")))
