"""Shipping."""
