import datetime as dt
from decimal import Decimal

from app.invoice import Invoice


def test_total_sums_lines():
    invoice = Invoice("INV-1", dt.date(2024, 1, 1), currency="USD")
    invoice.add_line("Hosting", "19.99")
    invoice.add_line("Support", "80")
    assert invoice.total == Decimal("99.99")


def test_due_date_uses_payment_terms():
    assert Invoice("INV-2", dt.date(2024, 1, 31)).due == dt.date(2024, 3, 1)


def test_lines_are_independent_between_invoices():
    a = Invoice("INV-3", dt.date(2024, 1, 1))
    a.add_line("x", "1")
    assert Invoice("INV-4", dt.date(2024, 1, 1)).lines == []
