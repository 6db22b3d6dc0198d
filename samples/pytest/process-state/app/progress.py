"""A text progress bar: block characters where the locale's encoding is UTF-8, ASCII elsewhere."""
import locale


def bar(fraction, width=10):
    full, empty = ("█", "░") if locale.nl_langinfo(locale.CODESET) == "UTF-8" else ("#", ".")
    done = round(fraction * width)
    return full * done + empty * (width - done)
