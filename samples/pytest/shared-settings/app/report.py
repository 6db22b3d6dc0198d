from app.settings import SETTINGS


def distance(km):
    return f"{km} {SETTINGS['unit']}"
