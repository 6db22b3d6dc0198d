from app import templates


def test_every_template_greets_by_name():
    assert all("{name}" in text for text in templates.TEMPLATES.values())


def test_acme_welcome_override():
    templates.TEMPLATES["welcome"] = "Welcome to ACME, {name}!"
    assert templates.render("welcome", name="Wile") == "Welcome to ACME, Wile!"
