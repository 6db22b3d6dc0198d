import datetime as dt

from app.invoice import Invoice


def test_summary_without_lines():
    invoice = Invoice("INV-9", dt.date(2024, 2, 1), currency="GBP")
    assert invoice.summary() == "INV-9: £0.00 due 2024-03-02"


def test_summary_uses_default_currency():
    invoice = Invoice("INV-10", dt.date(2024, 6, 1))
    invoice.add_line("Licence", "1234.5")
    assert invoice.summary() == "INV-10: $1,234.50 due 2024-07-01"


def test_summary_thousands_separator():
    invoice = Invoice("INV-11", dt.date(2024, 6, 1), currency="USD")
    invoice.add_line("Hardware", "1000000")
    assert "$1,000,000.00" in invoice.summary()
