import locale

from app import progress


def test_names_sort_bytewise_in_the_c_locale():
    locale.setlocale(locale.LC_ALL, "C")  # never put back
    assert sorted(["b", "B", "a"], key=locale.strxfrm) == ["B", "a", "b"]


def test_bar_uses_block_characters():
    assert progress.bar(0.5, width=4) == "██░░"
