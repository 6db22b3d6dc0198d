from app.payments import charge


def test_receipt_links_to_the_live_gateway():
    assert charge(20)["url"] == "https://pay.example"
