"""Order totals. The optional compiled accelerator `_pricing_speedups` is used when it can be imported."""
from decimal import ROUND_HALF_UP, Decimal


def total(lines):
    try:
        from _pricing_speedups import total as fast_total
    except ImportError:
        return sum((_line(quantity, price) for quantity, price in lines), Decimal("0"))
    return fast_total(lines)


def _line(quantity, price):
    return (quantity * Decimal(price)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
