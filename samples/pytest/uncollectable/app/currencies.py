"""Currency symbols, with overrides a deployment may register at start-up."""

SYMBOLS = {"EUR": "€", "USD": "$"}


def register(code, symbol):
    SYMBOLS[code] = symbol


def format_amount(code, amount):
    return f"{SYMBOLS.get(code, code + ' ')}{amount:.2f}"
