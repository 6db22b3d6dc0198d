import sys
from decimal import Decimal
from pathlib import Path

from app import pricing

STUBS = str(Path(__file__).parent / "stubs")


def test_the_accelerator_is_used_when_installed():
    sys.path.insert(0, STUBS)  # never removed: only the imported stub is cleaned up below
    try:
        pricing.total([(1, "9.99")])
        assert sys.modules["_pricing_speedups"].calls == [[(1, "9.99")]]
    finally:
        sys.modules.pop("_pricing_speedups", None)


def test_total_rounds_each_line():
    assert pricing.total([(3, "0.335"), (1, "1.00")]) == Decimal("2.01")
