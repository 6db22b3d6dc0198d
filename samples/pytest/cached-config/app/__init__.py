"""Semantic document search backed by Postgres vector extensions."""
