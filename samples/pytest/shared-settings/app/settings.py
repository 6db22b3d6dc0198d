"""Application settings, one dict that every module imports."""

SETTINGS = {"unit": "km", "export_dir": "exports"}
