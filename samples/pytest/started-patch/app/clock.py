"""The one place the application asks for the date, so that tests can patch it."""
import datetime


def today():
    return datetime.date.today()
