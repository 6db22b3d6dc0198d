import os

from app.settings import SETTINGS


def export_path(name):
    return os.path.join(SETTINGS["export_dir"], name)
