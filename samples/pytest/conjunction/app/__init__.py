"""Shop checkout: carts, tax and payment-provider settings."""
