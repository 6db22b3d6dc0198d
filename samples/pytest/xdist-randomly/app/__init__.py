"""Invoicing."""
