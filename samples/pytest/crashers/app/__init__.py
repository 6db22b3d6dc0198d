"""Transactional e-mail service."""
