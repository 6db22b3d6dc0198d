"""Recreates this worker's test database: polluter find --before-trial 'python3 reset_db.py'."""
from app.db import create_database
from tests.conftest import worker_database

create_database(worker_database(), replace=True)
