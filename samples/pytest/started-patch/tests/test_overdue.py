import datetime
from unittest import mock

from app import invoices


def test_invoice_from_last_year_is_overdue():
    # Started and never stopped: app.clock.today stays a mock for every later test in the process.
    patcher = mock.patch("app.clock.today", return_value=datetime.date(2021, 3, 1))
    patcher.start()
    assert invoices.is_overdue(datetime.date(2021, 2, 1))


def test_terms_are_thirty_days():
    assert invoices.PAYMENT_TERMS_DAYS == 30
