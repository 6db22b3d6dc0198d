"""Billing defaults; deployments override these at import time from their own settings module."""

DEFAULT_CURRENCY = "USD"
PAYMENT_TERMS_DAYS = 30
CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}
