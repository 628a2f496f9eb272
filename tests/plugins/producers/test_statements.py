import shutil
import subprocess
from decimal import Decimal

import pytest
from django.utils import timezone

from plugins.producers.exports import month_label, statement_csv, statement_pdf
from plugins.producers.models import PreparationLine, Statement, StatementStatus
from plugins.producers.services.preparations import preparation_line_cancel
from plugins.producers.services.statements import statement_compute, statement_mark_paid, stripe_transfer_params

pytestmark = pytest.mark.django_db


@pytest.fixture
def month():
    return timezone.localdate().replace(day=1)


@pytest.fixture
def statement_b(two_producer_order, producer_b, month):
    """B sold 6 beers (23,40 € at 20 %) and a terrine (8,00 € at 5,5 %), then cancelled the terrine."""
    terrine_line = PreparationLine.objects.get(order_line__variant=two_producer_order["terrine"])
    preparation_line_cancel(line_id=terrine_line.pk, producer_id=producer_b.pk, reason="rupture")
    return statement_compute(producer=producer_b, month=month)


def test_statement_figures_to_the_cent(statement_b, month):
    assert statement_b.month == month
    assert statement_b.sales_by_rate == [{"rate": "5.50", "gross": "8.00"}, {"rate": "20.00", "gross": "23.40"}]
    assert statement_b.sales_gross == Decimal("31.40")
    assert statement_b.refunds_gross == Decimal("8.00")
    assert statement_b.commission_rate == Decimal("12.00")
    assert statement_b.commission_net == Decimal("2.81")  # 12 % of 23,40 = 2,808
    assert statement_b.commission_vat == Decimal("0.56")  # 20 % of 2,81 = 0,562
    assert statement_b.net_payable == Decimal("20.03")  # 23,40 - 2,81 - 0,56
    assert statement_b.order_count == 1


def test_the_other_producer_of_the_order_has_its_own_statement(two_producer_order, producer_a, month):
    statement = statement_compute(producer=producer_a, month=month)

    assert statement.sales_by_rate == [{"rate": "5.50", "gross": "25.00"}]
    assert (statement.refunds_gross, statement.commission_net, statement.commission_vat, statement.net_payable) == (
        Decimal("0.00"), Decimal("3.00"), Decimal("0.60"), Decimal("21.40"))


def test_a_paid_statement_is_frozen(statement_b, producer_b, month):
    statement_mark_paid(statement=statement_b, reference="VIR-2026-11-001")

    again = statement_compute(producer=producer_b, month=month)

    assert Statement.objects.filter(producer=producer_b).count() == 1
    assert again.status == StatementStatus.PAID
    assert again.payout_reference == "VIR-2026-11-001"


def test_csv_export_for_excel(statement_b):
    data = statement_csv(statement_b)

    assert data.startswith("\ufeff".encode())
    rows = data.decode("utf-8-sig").split("\r\n")
    assert rows[0] == "Producteur;EARL Brasserie de Landrecies"
    assert rows[1] == "SIRET;44306184100047"
    assert "Ventes TTC à 5,50 %;8,00" in rows
    assert "Ventes TTC à 20,00 %;23,40" in rows
    assert "Total des ventes TTC;31,40" in rows
    assert "Remboursements TTC;-8,00" in rows
    assert "Commission HT (12,00 %);-2,81" in rows
    assert "TVA sur la commission (20 %);-0,56" in rows
    assert "Net à verser;20,03" in rows
    assert "IBAN;FR76 3000 6000 0112 3456 7890 189" in rows


def test_pdf_export_names_the_producer(statement_b, tmp_path):
    data = statement_pdf(statement_b)

    assert data.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        # no pdftotext here: read the document title (UTF-16 hex) in an uncompressed rendering
        raw = statement_pdf(statement_b, uncompressed=True)
        title = f"Relevé {month_label(statement_b)} — Brasserie de Landrecies"
        assert ("/Title <feff" + "".join(f"{ord(c):04x}" for c in title) + ">").encode() in raw
        return
    path = tmp_path / "releve.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Brasserie de Landrecies" in text
    assert "20,03" in text
    assert "FR76 3000 6000 0112 3456 7890 189" in text


def test_stripe_transfer_request_shape(statement_b, producer_b):
    producer_b.stripe_account_id = "acct_1Comptoir"
    producer_b.save()
    statement_b.refresh_from_db()

    params = stripe_transfer_params(statement_b)

    assert params == {"amount": 2003, "currency": "eur", "destination": "acct_1Comptoir",
                      "description": f"Relevé {statement_b.month:%m/%Y} — Brasserie de Landrecies",
                      "metadata": {"statement": str(statement_b.pk), "producer": "brasserie-de-landrecies"},
                      "idempotency_key": f"comptoir-statement-{statement_b.pk}"}


def test_stripe_payout_refused_without_stripe(statement_b, settings):
    from django.core.exceptions import ValidationError

    from plugins.producers.services.statements import statement_pay_with_stripe

    settings.STRIPE_SECRET_KEY = ""
    with pytest.raises(ValidationError) as raised:
        statement_pay_with_stripe(statement=statement_b)

    assert raised.value.error_dict["id"][0].messages == ["Stripe n'est pas configuré : payez ce relevé par virement "
                                                         "SEPA."]
    statement_b.refresh_from_db()
    assert statement_b.status == StatementStatus.DRAFT
