from django.urls import path

from logistics.views import auth, courier, handover, staff

app_name = "logistics"

urlpatterns = [
    path("logistique/connexion/", auth.LoginView.as_view(), name="login"),
    path("logistique/deconnexion/", auth.LogoutView.as_view(), name="logout"),
    path("logistique/", staff.day_list, name="days"),
    path("logistique/jours/<str:date>/", staff.day_detail, name="day"),
    path("logistique/jours/<str:date>/progression/", staff.day_progress, name="day-progress"),
    path("logistique/jours/<str:date>/planifier/", staff.day_plan, name="day-plan"),
    path("logistique/jours/<str:date>/etiquettes/", staff.day_labels, name="day-labels"),
    path("logistique/arrets/<int:pk>/deplacer/", staff.stop_move_view, name="stop-move"),
    path("logistique/colis/<uuid:pk>/etiquette/", staff.parcel_label, name="parcel-label"),
    path("livreur/", courier.home, name="courier"),
    path("livreur/sw.js", courier.service_worker, name="service-worker"),
    path("livreur/synchroniser/", courier.sync, name="courier-sync"),
    path("livreur/tournees/<int:pk>/", courier.round_detail, name="courier-round"),
    path("livreur/arrets/<int:pk>/", courier.stop_action, name="stop-action"),
    path("retrait/", handover.handover, name="handover"),
]
