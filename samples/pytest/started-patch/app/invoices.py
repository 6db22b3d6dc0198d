import datetime

from app import clock

PAYMENT_TERMS_DAYS = 30


def due_date():
    return clock.today() + datetime.timedelta(days=PAYMENT_TERMS_DAYS)


def is_overdue(due):
    return clock.today() > due
