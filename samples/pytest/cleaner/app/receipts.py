"""Receipt rendering."""

from decimal import Decimal

from app.money import format_money


class Receipt:
    def __init__(self):
        self.items = []

    def add(self, description, amount):
        self.items.append((description, Decimal(amount)))

    def total(self):
        return sum((amount for _, amount in self.items), Decimal("0"))

    def lines(self, width=32):
        out = []
        for description, amount in self.items + [("Total", self.total())]:
            price = format_money(amount)
            out.append(description[: width - len(price) - 1].ljust(width - len(price)) + price)
        return out
