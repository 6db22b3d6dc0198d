"""Feature flags, read by the cart and the checkout; every flag is off until an admin turns it on."""

FLAGS = {"express_checkout": False, "gift_wrap": False}


def enabled(name):
    return FLAGS.get(name, False)


def turn_on(name):
    if name not in FLAGS:
        raise KeyError(f"unknown flag: {name!r}")
    FLAGS[name] = True
