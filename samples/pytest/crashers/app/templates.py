"""E-mail templates, keyed by name. Brands may override entries at start-up."""

import string

TEMPLATES = {
    "welcome": "Hello, {name}! Thanks for signing up.",
    "reset": "Hi {name}, use this link to reset your password: {link}",
    "receipt": "Thanks for your order #{order}, {name}.",
}


def placeholders(template_id):
    return sorted({field for _, field, _, _ in string.Formatter().parse(TEMPLATES[template_id]) if field})


def render(template_id, **context):
    try:
        template = TEMPLATES[template_id]
    except KeyError:
        raise LookupError(f"no such template: {template_id!r}") from None
    missing = set(placeholders(template_id)) - set(context)
    if missing:
        raise KeyError(f"missing values for {sorted(missing)}")
    return template.format(**context)
