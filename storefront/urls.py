from django.urls import path

from storefront.views import account, cart, catalogue, checkout, content, producers, roadmap

app_name = "storefront"

urlpatterns = [
    path("", catalogue.home, name="home"),
    path("produits/", catalogue.product_list, name="product-list"),
    path("produits/<str:slug>/", catalogue.product_detail, name="product-detail"),
    path("categories/<str:category_slug>/", catalogue.product_list, name="category"),
    path("producteurs/", producers.producer_list, name="producer-list"),
    path("producteurs/<str:slug>/", producers.producer_detail, name="producer-detail"),
    path("pages/<str:slug>/", content.cms_page, name="page"),
    path("compte/", account.account, name="account"),
    path("compte/connexion/", account.sign_in, name="sign-in"),
    path("compte/deconnexion/", account.sign_out, name="sign-out"),
    path("compte/inscription/", account.register, name="register"),
    path("compte/confirmer/", account.confirm, name="account-confirm"),
    path("compte/mot-de-passe-oublie/", account.password_forgotten, name="password-forgotten"),
    path("compte/nouveau-mot-de-passe/", account.password_reset, name="password-reset"),
    path("panier/", cart.view, name="cart"),
    path("panier/ajouter/", cart.add, name="cart-add"),
    path("panier/modifier/", cart.update, name="cart-update"),
    path("panier/retirer/", cart.remove, name="cart-remove"),
    path("commande/", checkout.contact, name="checkout"),
    path("commande/livraison/", checkout.delivery, name="checkout-delivery"),
    path("commande/paiement/", checkout.payment, name="checkout-payment"),
    path("commande/paiement/retour/", checkout.payment_return, name="checkout-payment-return"),
    path("commande/confirmation/<str:order_id>/", checkout.confirmation, name="order-confirmation"),
    path("feuille-de-route/", roadmap.overview, name="roadmap"),
    path("feuille-de-route/ateliers/", roadmap.workshops, name="roadmap-workshops"),
    path("feuille-de-route/ateliers/<int:pk>/", roadmap.workshop_detail, name="roadmap-workshop"),
    path("feuille-de-route/ateliers/<int:pk>/inscription-confirmee/", roadmap.registration_done,
         name="roadmap-registered"),
    path("feuille-de-route/annulation/<str:token>/", roadmap.cancel_registration, name="roadmap-cancel"),
    path("feuille-de-route/lieux/", roadmap.places, name="roadmap-places"),
    path("feuille-de-route/<str:key>/", roadmap.axis, name="roadmap-axis"),
    path("robots.txt", content.robots_txt, name="robots"),
    path("sitemap.xml", content.sitemap_xml, name="sitemap"),
]
