"""Recreates this worker's test database: polluter find --before-trial 'python reset_db.py'."""
from app.db import database_path

database_path().unlink(missing_ok=True)
