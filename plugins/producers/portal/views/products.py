"""The producer's products: list (search, published filter), create, edit with a photo, publish, quick stock edit."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_POST

from backend.api.product.scope import catalogue_scope
from backend.commerce.product.models import ProductChannelListing, ProductVariant, ProductVariantChannelListing
from backend.commerce.warehouse.models import Stock
from backend.commerce.warehouse.services import stock_set
from plugins.producers.portal.access import portal_view, render
from plugins.producers.portal.catalogue import default_channel, farm_of, portal_product_publish, portal_product_save
from plugins.producers.portal.decimals import format_french_decimal
from plugins.producers.portal.forms import ProductForm, StockForm, description_as_text

PAGE_SIZE = 50


def _owned(request, pk: int):
    product = request.portal.products().filter(pk=pk).first()
    if product is None:
        raise Http404("Ce produit n'existe pas ou ne vous appartient pas.")
    return product


def _refused(request):
    return render(request, "portal/not_active.html", {"nav": "products"}, status=403)


def _add_errors(form, exc: ValidationError) -> None:
    fields = {"quantity": "stock", "price": "price", "sku": "sku", "name": "name", "product": None}
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            target = fields.get(field, field if field in form.fields else None)
            form.add_error(target, errors)
    else:
        form.add_error(None, exc.messages)


@require_http_methods(["GET"])
@portal_view
def product_list(request):
    channel = default_channel()
    products = request.portal.products().select_related("category").order_by("name", "pk")
    published = ProductChannelListing.objects.filter(product=OuterRef("pk"), channel=channel, is_published=True)
    products = products.annotate(published=Exists(published))
    search = request.GET.get("q", "").strip()[:100]
    status = request.GET.get("statut", "")
    if search:
        products = products.filter(name__icontains=search) | products.filter(variants__sku__icontains=search)
        products = products.distinct()
    if status == "en-vente":
        products = products.filter(published=True)
    elif status == "hors-vente":
        products = products.filter(published=False)
    variants = ProductVariant.objects.order_by("pk").prefetch_related(
        Prefetch("stocks", queryset=Stock.objects.filter(warehouse__producer_link__producer=request.portal.producer)),
        Prefetch("channel_listings", queryset=ProductVariantChannelListing.objects.filter(channel=channel)))
    products = products.prefetch_related(Prefetch("variants", queryset=variants))[:PAGE_SIZE]
    rows = []
    for product in products:
        for variant in product.variants.all():
            listing = next(iter(variant.channel_listings.all()), None)
            stock = next(iter(variant.stocks.all()), None)
            rows.append({"product": product, "variant": variant,
                         "price": format_french_decimal(listing.price_amount) if listing and listing.price_amount
                         is not None else "—", "stock": stock.quantity if stock else 0})
    return render(request, "portal/products.html", {"rows": rows, "search": search, "status": status,
                                                     "nav": "products", "active": request.portal.producer.status})


@require_http_methods(["GET", "POST"])
@portal_view
def product_edit(request, pk: int | None = None):
    product = _owned(request, pk) if pk is not None else None
    initial = _initial(product) if product is not None else {"published": True}
    form = ProductForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST":
        if catalogue_scope(request.user) is None:
            return _refused(request)
        if form.is_valid():
            try:
                product = portal_product_save(producer=request.portal.producer, product=product,
                                              data=form.cleaned_data)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, f"« {product.name} » est enregistré.")
                return redirect(f"/espace-producteur/produits/{product.pk}/")
    return render(request, "portal/product_form.html", {"form": form, "product": product, "nav": "products"},
                  status=400 if form.errors else 200)


def _initial(product) -> dict:
    variant = product.default_variant or product.variants.order_by("pk").first()
    channel = default_channel()
    listing = ProductVariantChannelListing.objects.filter(variant=variant, channel=channel).first()
    stock = Stock.objects.filter(product_variant=variant).first()
    return {"name": product.name, "description": description_as_text(product.description),
            "category": product.category_id, "tax_class": product.tax_class_id, "sku": variant.sku if variant else "",
            "price": format_french_decimal(listing.price_amount) if listing and listing.price_amount else "",
            "weight": format_french_decimal(product.weight, 3) if product.weight is not None else "",
            "stock": stock.quantity if stock else 0,
            "published": ProductChannelListing.objects.filter(product=product, channel=channel,
                                                              is_published=True).exists()}


@require_POST
@portal_view
def product_publish(request, pk: int):
    product = _owned(request, pk)
    published = request.POST.get("published") == "1"
    portal_product_publish(product=product, published=published)
    messages.success(request, f"« {product.name} » est {'en vente' if published else 'retiré de la vente'}.")
    return redirect(request.POST.get("next") or "/espace-producteur/produits/")


@require_POST
@portal_view
def variant_stock(request, pk: int):
    variant = ProductVariant.objects.filter(pk=pk, product__in=request.portal.products()).first()
    if variant is None:
        raise Http404("Ce produit n'existe pas ou ne vous appartient pas.")
    form = StockForm(request.POST)
    if form.is_valid():
        try:
            stock_set(variant=variant, warehouse=farm_of(request.portal.producer),
                      quantity=form.cleaned_data["quantity"])
        except ValidationError as exc:
            messages.error(request, f"{variant.product.name} : {' '.join(exc.messages)}")
        else:
            messages.success(request, f"Stock de « {variant.product.name} » : {form.cleaned_data['quantity']}.")
    else:
        messages.error(request, f"{variant.product.name} : {' '.join(form.errors['quantity'])}")
    return redirect("/espace-producteur/produits/")
