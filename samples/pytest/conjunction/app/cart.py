"""Shopping cart arithmetic."""

from decimal import ROUND_HALF_UP, Decimal

from app import tax

CENT = Decimal("0.01")


class Cart:
    def __init__(self):
        self.lines = []

    def add(self, sku, unit_price, quantity=1):
        if quantity <= 0:
            raise ValueError("quantity must be positive")
        self.lines.append((sku, Decimal(unit_price), quantity))

    def subtotal(self):
        return sum((price * qty for _, price, qty in self.lines), Decimal("0"))

    def tax(self, region):
        if not self.lines:
            return Decimal("0.00")
        return (self.subtotal() * tax.rate_for(region)).quantize(CENT, rounding=ROUND_HALF_UP)

    def total(self, region):
        return self.subtotal() + self.tax(region)
