"""Statement exports: CSV for Excel (semicolons, UTF-8 BOM, French decimals) and PDF (weasyprint)."""

import csv
import io
from decimal import Decimal

from django.template.loader import render_to_string

from backend.core.money import format_eur
from plugins.producers.models import Statement
from plugins.producers.validators import format_iban

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")


def french_decimal(value) -> str:
    return f"{Decimal(value):.2f}".replace(".", ",")


def month_label(statement: Statement) -> str:
    return f"{MONTHS[statement.month.month - 1]} {statement.month.year}"


def statement_rows(statement: Statement) -> list[tuple[str, str]]:
    rows = [(f"Ventes TTC à {french_decimal(row['rate'])} %", row["gross"]) for row in statement.sales_by_rate]
    rows += [
        ("Total des ventes TTC", statement.sales_gross),
        ("Remboursements TTC", -statement.refunds_gross),
        (f"Commission HT ({french_decimal(statement.commission_rate)} %)", -statement.commission_net),
        ("TVA sur la commission (20 %)", -statement.commission_vat),
        ("Net à verser", statement.net_payable),
    ]
    return [(label, amount) for label, amount in rows]


def statement_csv(statement: Statement) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    producer = statement.producer
    writer.writerow(["Producteur", producer.legal_name])
    writer.writerow(["SIRET", producer.siret])
    writer.writerow(["Mois", month_label(statement)])
    writer.writerow(["Commandes", statement.order_count])
    writer.writerow([])
    writer.writerow(["Libellé", "Montant (€)"])
    for label, amount in statement_rows(statement):
        writer.writerow([label, french_decimal(amount)])
    if producer.iban:
        writer.writerow([])
        writer.writerow(["IBAN", format_iban(producer.iban)])
        writer.writerow(["BIC", producer.bic])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def statement_pdf(statement: Statement, *, uncompressed: bool = False) -> bytes:
    from weasyprint import HTML

    context = {"statement": statement, "producer": statement.producer, "month": month_label(statement),
               "rows": [(label, format_eur(amount)) for label, amount in statement_rows(statement)],
               "iban": format_iban(statement.producer.iban) if statement.producer.iban else ""}
    return HTML(string=render_to_string("producers/statement.html", context)).write_pdf(uncompressed_pdf=uncompressed)
