"""The audit trail: who did what, as INFO records of the `app.audit` logger."""
import logging

log = logging.getLogger("app.audit")


def record(user, action):
    log.info("%s %s", user, action)


def import_users(names):
    for name in names:
        record(name, "imported")
    return len(names)
