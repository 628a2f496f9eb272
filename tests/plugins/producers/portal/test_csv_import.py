"""The CSV import: BOM, separators, French decimals, row-by-row French errors, nothing partial for a bad row."""

from decimal import Decimal

import pytest

from backend.commerce.product.models import Product, ProductChannelListing, ProductVariantChannelListing
from backend.commerce.warehouse.models import Stock
from plugins.producers.models import ProducerProduct
from plugins.producers.portal import csv_import
from plugins.producers.portal.csv_rows import CsvFormatError
from plugins.producers.portal.decimals import parse_french_decimal
from tests.plugins.producers.conftest import owned_variant

HEADER = "sku;nom;catégorie;prix_ttc;stock;poids_kg;tva;publié\n"


def test_french_decimals_are_read_with_spaces_commas_and_euro_sign():
    assert parse_french_decimal("1 234,50") == Decimal("1234.50")
    assert parse_french_decimal("1\u00a0234,5 €") == Decimal("1234.5")
    assert parse_french_decimal("3.90") == Decimal("3.90")
    assert parse_french_decimal("1.234,50") == Decimal("1234.50")
    with pytest.raises(ValueError):
        parse_french_decimal("12,50,1")


@pytest.mark.django_db
def test_semicolon_file_with_bom_and_french_decimals_creates_products_stock_and_prices(
        producer_a, catalogue, write_csv):
    # given a file saved by Excel: BOM, semicolons, "1 234,50"
    path = write_csv(HEADER + "MAR-1;Maroilles AOP;Fromages;12,50;10;0,750;5,5;oui\n"
                              "MAR-2;Grand Maroilles;fromages;1 234,50;3;;;non\n", bom=True)
    # when it is imported
    report = csv_import.run(path, producer_a)
    # then both rows are the producer's products, with their price, stock and publication
    assert (report.total, report.created, report.updated, report.refused) == (2, 2, 0, 0)
    cheese = Product.objects.get(variants__sku="MAR-1")
    assert cheese.name == "Maroilles AOP"
    assert cheese.category.slug == "fromages"
    assert cheese.tax_class.rate == Decimal("5.50")
    assert cheese.weight == Decimal("0.750")
    assert ProducerProduct.objects.filter(producer=producer_a).count() == 2
    assert ProductVariantChannelListing.objects.get(variant__sku="MAR-2").price_amount == Decimal("1234.50")
    assert Stock.objects.get(product_variant__sku="MAR-1").quantity == 10
    assert ProductChannelListing.objects.get(product=cheese).is_published is True
    assert ProductChannelListing.objects.get(product__variants__sku="MAR-2").is_published is False


@pytest.mark.django_db
def test_comma_separated_file_reads_a_quoted_price_with_a_comma(producer_a, catalogue, write_csv):
    path = write_csv('sku,nom,prix_ttc,stock\nBIE-1,Bière blonde,"3,90",24\n')
    report = csv_import.run(path, producer_a)
    assert (report.created, report.refused) == (1, 0)
    assert ProductVariantChannelListing.objects.get(variant__sku="BIE-1").price_amount == Decimal("3.90")


@pytest.mark.django_db
def test_unquoted_price_with_a_comma_in_a_comma_file_is_a_row_error(producer_a, catalogue, write_csv):
    # "3,90" unquoted splits into two columns: the price becomes "3" and the stock "90"... the row stays valid only
    # if it makes sense; here a shifted stock column "90" and a "publie" column are read as they come
    path = write_csv("sku,nom,prix_ttc,stock,publie\nBIE-1,Bière blonde,3,90,24\n")
    report = csv_import.run(path, producer_a)
    assert report.refused == 1
    assert report.errors == [[2, "La colonne « publie » attend oui ou non (« 24 »)."]]
    assert Product.objects.count() == 0


@pytest.mark.django_db
def test_bad_rows_get_exact_french_messages_and_write_nothing_while_valid_rows_are_imported(
        producer_a, catalogue, write_csv):
    path = write_csv(HEADER
                     + "OK-1;Beurre fermier;Fromages;4,20;5;;;oui\n"
                     + "BAD-1;Yaourt;Fromages;abc;5;;;oui\n"
                     + "BAD-2;Crème;Fromages;3,10;-2;;;oui\n"
                     + "BAD-3;Lentilles;Légumes secs;2,00;1;;;oui\n"
                     + ";;Fromages;;2,5;;7;peut-être\n"
                     + "OK-1;Beurre doux;Fromages;4,30;1;;;oui\n")
    report = csv_import.run(path, producer_a)
    assert (report.total, report.created, report.refused) == (6, 1, 5)
    assert report.errors == [
        [3, "Le prix « abc » n'est pas un nombre (exemple : 1 234,50)."],
        [4, "Le stock ne peut pas être négatif (-2)."],
        [5, "Catégorie inconnue : « Légumes secs »."],
        [6, "La référence (sku) est obligatoire. Le nom du produit est obligatoire. Le prix TTC est obligatoire. "
            "Le stock doit être un nombre entier (« 2,5 »). La colonne « publie » attend oui ou non (« peut-être »). "
            "Taux de TVA inconnu : 7 % (5,5, 10 ou 20)."],
        [7, "La référence « OK-1 » apparaît déjà ligne 2."],
    ]
    assert list(Product.objects.values_list("name", flat=True)) == ["Beurre fermier"]
    assert Stock.objects.count() == 1


@pytest.mark.django_db
def test_known_sku_updates_price_and_stock_and_another_producers_sku_is_refused(
        producer_a, producer_b, catalogue, write_csv):
    mine = owned_variant(producer_a, "Maroilles AOP", price="12.50", stock=10)
    theirs = owned_variant(producer_b, "Bière de Mormal", price="3.90", stock=24, rate="20")
    path = write_csv(HEADER + f"{mine.sku};Maroilles affiné;;13,00;7;;;\n{theirs.sku};Bière volée;;1,00;0;;;\n")
    report = csv_import.run(path, producer_a)
    assert (report.created, report.updated, report.refused) == (0, 1, 1)
    assert report.errors == [[3, f"La référence « {theirs.sku} » appartient à un autre producteur."]]
    mine.product.refresh_from_db()
    assert mine.product.name == "Maroilles affiné"
    assert ProductVariantChannelListing.objects.get(variant=mine).price_amount == Decimal("13.00")
    assert Stock.objects.get(product_variant=mine).quantity == 7
    theirs.product.refresh_from_db()
    assert theirs.product.name == "Bière de Mormal"
    assert ProductVariantChannelListing.objects.get(variant=theirs).price_amount == Decimal("3.90")


@pytest.mark.django_db
def test_preview_checks_everything_and_writes_nothing(producer_a, catalogue, write_csv):
    path = write_csv(HEADER + "A-1;Miel;;8,50;3;;;oui\nA-2;Miel crémeux;;-1;3;;;oui\n")
    report = csv_import.preview(path, producer_a)
    assert (report.total, report.refused) == (2, 1)
    assert report.errors == [[3, "Le prix doit être compris entre 0,01 et 100 000 € (« -1 »)."]]
    assert [row["sku"] for row in report.preview] == ["A-1", "A-2"]
    assert Product.objects.count() == 0


@pytest.mark.django_db
def test_file_that_is_not_utf8_or_lacks_columns_is_refused_as_a_whole(producer_a, catalogue, tmp_path, write_csv):
    latin = tmp_path / "latin1.csv"
    latin.write_bytes("sku;nom;prix_ttc\nA;Pâté;3,00\n".encode("latin-1"))
    with pytest.raises(CsvFormatError, match="Le fichier n'est pas en UTF-8"):
        csv_import.preview(latin, producer_a)
    huge = tmp_path / "enorme.csv"
    huge.write_bytes(b"sku;nom;prix_ttc\nA;" + b"x" * 140_000 + b";3\n")
    with pytest.raises(CsvFormatError, match=r"Le fichier n'est pas un CSV lisible \(ligne 2\)."):
        csv_import.preview(huge, producer_a)
    with pytest.raises(CsvFormatError, match="La colonne « prix_ttc » manque"):
        csv_import.preview(write_csv("sku;nom\nA;Pâté\n"), producer_a)
