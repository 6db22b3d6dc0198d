"""Minimal signals: receivers connect to an event by name, and every send calls them all."""

from collections import defaultdict

RECEIVERS = defaultdict(list, {"order_placed": [], "order_shipped": []})


def connect(event, receiver):
    RECEIVERS[event].append(receiver)
    return receiver


def send(event, **kwargs):
    return [receiver(**kwargs) for receiver in RECEIVERS[event]]
