from app import preferences


def test_defaults_have_a_page_size():
    assert preferences.DEFAULTS["page_size"] == 20


def test_saving_the_theme_persists_it():
    # Saves into the working directory, the project, and never cleans up.
    preferences.save(theme="dark", currency="USD")
    assert preferences.load()["theme"] == "dark"


def test_unknown_keys_are_kept():
    assert "theme" in preferences.load()
