import os
from functools import lru_cache


@lru_cache(maxsize=None)
def get_settings():
    # Read once: whoever calls first decides the region for the whole process.
    return {"region": os.environ.get("APP_REGION", "eu"), "currency": "EUR"}
