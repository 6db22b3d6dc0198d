"""HTTP client helpers: retries with backoff."""
