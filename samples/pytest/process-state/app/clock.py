"""Times as people read them, in the process's local time zone (the TZ it last read with time.tzset())."""
import time


def stamp(seconds):
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(seconds))


def local_hour(seconds):
    return time.localtime(seconds).tm_hour
