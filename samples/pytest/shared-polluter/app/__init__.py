"""A small shop: feature flags, the cart and the checkout."""
