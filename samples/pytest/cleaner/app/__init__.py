"""Point-of-sale receipts."""
