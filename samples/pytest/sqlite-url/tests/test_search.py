from app.notes import search


def test_search_of_a_blank_word_is_a_list(db):
    assert isinstance(search(db, ""), list)


def test_search_finds_nothing_in_an_empty_notebook(db):
    assert search(db, "tea") == []
