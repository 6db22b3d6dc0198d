from app.settings import SETTINGS as CONFIG


def unit():
    return CONFIG["unit"]
