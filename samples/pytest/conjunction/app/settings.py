"""Payment-provider settings."""

LIVE_URL = "https://api.payments.example.com/v2"
SANDBOX_URL = "https://sandbox.payments.example.com/v2"

# "live" or "sandbox"; switched by the deploy tooling for staging environments.
MODE = "live"


def endpoint_for(mode):
    if mode not in ("live", "sandbox"):
        raise ValueError(f"unknown mode: {mode!r}")
    return SANDBOX_URL if mode == "sandbox" else LIVE_URL


def endpoint():
    return endpoint_for(MODE)
