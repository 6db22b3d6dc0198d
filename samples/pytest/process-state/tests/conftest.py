"""The suite runs in UTC and in a UTF-8 locale, whatever the machine is set to."""
import locale
import os
import time

os.environ["TZ"] = "UTC"
time.tzset()
for name in ("C.UTF-8", "en_US.UTF-8"):  # C.UTF-8 on Linux; macOS has no C.UTF-8
    try:
        locale.setlocale(locale.LC_ALL, name)
        break
    except locale.Error:
        continue
