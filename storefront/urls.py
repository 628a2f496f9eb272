from django.urls import path

from storefront.views import catalogue, content

app_name = "storefront"

urlpatterns = [
    path("", catalogue.home, name="home"),
    path("produits/", catalogue.product_list, name="product-list"),
    path("produits/<str:slug>/", catalogue.product_detail, name="product-detail"),
    path("categories/<str:category_slug>/", catalogue.product_list, name="category"),
    path("pages/<str:slug>/", content.cms_page, name="page"),
    path("robots.txt", content.robots_txt, name="robots"),
]
