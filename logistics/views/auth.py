"""Sign-in for couriers and staff (Django session), in French."""

from django.contrib.auth import views as auth_views


class LoginView(auth_views.LoginView):
    template_name = "logistics/login.html"
    redirect_authenticated_user = False


class LogoutView(auth_views.LogoutView):
    next_page = "/livreur/"
