from decimal import Decimal

from app.receipts import Receipt


def test_total_sums_items():
    receipt = Receipt()
    receipt.add("Coffee", "3.20")
    receipt.add("Croissant", "2.80")
    assert receipt.total() == Decimal("6.00")


def test_lines_have_fixed_width():
    receipt = Receipt()
    receipt.add("A very long product description indeed", "1")
    assert {len(line) for line in receipt.lines(width=32)} == {32}


def test_empty_receipt_has_zero_total():
    assert Receipt().total() == Decimal("0")


def test_receipt_total_line():
    receipt = Receipt()
    receipt.add("Espresso machine", "1199.00")
    receipt.add("Descaler", "35.50")
    assert receipt.lines()[-1] == "Total" + " " * 18 + "$1,234.50"
