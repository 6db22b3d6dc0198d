"""Client for the payment provider's tax-rate service."""

from decimal import Decimal

from app import settings

# Last rates published by the provider (refreshed by the nightly sync job).
_PUBLISHED_RATES = {
    "DE": Decimal("0.19"),
    "FR": Decimal("0.20"),
    "US-NY": Decimal("0.08875"),
}


def fetch_rate(region):
    if settings.MODE == "sandbox":
        # The provider's sandbox quotes every region as tax-free.
        return Decimal("0")
    return _PUBLISHED_RATES[region]
