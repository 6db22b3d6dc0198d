import datetime as dt

from app import settings
from app.invoice import Invoice


def test_eur_symbol():
    assert settings.CURRENCY_SYMBOLS["EUR"] == "€"


def test_eu_invoice_defaults_to_euro():
    settings.DEFAULT_CURRENCY = "EUR"
    invoice = Invoice("EU-001", dt.date(2024, 3, 1))
    invoice.add_line("Consulting", "1000")
    assert invoice.summary() == "EU-001: €1,000.00 due 2024-03-31"


def test_unknown_currency_falls_back_to_code():
    invoice = Invoice("CH-001", dt.date(2024, 3, 1), currency="CHF")
    assert invoice.summary().startswith("CH-001: CHF 0.00")
