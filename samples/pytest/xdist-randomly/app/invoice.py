"""Invoices and their one-line summaries."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal

from app import settings


def round_amount(value):
    # Banker's rounding, as required by the accounting export.
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)


@dataclass
class Invoice:
    number: str
    issued: dt.date
    currency: str = field(default_factory=lambda: settings.DEFAULT_CURRENCY)
    lines: list = field(default_factory=list)

    def add_line(self, description, amount):
        self.lines.append((description, round_amount(amount)))

    @property
    def total(self):
        return sum((amount for _, amount in self.lines), Decimal("0.00"))

    @property
    def due(self):
        return self.issued + dt.timedelta(days=settings.PAYMENT_TERMS_DAYS)

    def summary(self):
        symbol = settings.CURRENCY_SYMBOLS.get(self.currency, self.currency + " ")
        return f"{self.number}: {symbol}{self.total:,} due {self.due.isoformat()}"
