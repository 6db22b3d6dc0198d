import datetime

from app import invoices


def test_new_invoice_is_due_in_the_future():
    assert invoices.due_date() > datetime.date.today()
    assert not invoices.is_overdue(invoices.due_date())
