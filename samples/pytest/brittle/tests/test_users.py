from app.users import User, UserRepository


def test_user_is_value_object():
    assert User(1, "ada@example.com", "Ada") == User(1, "ada@example.com", "Ada")


def test_add_and_find_user():
    repo = UserRepository()
    added = repo.add("Grace@Example.com", " Grace Hopper ")
    assert repo.find_by_email("grace@example.com") == added
    assert added.name == "Grace Hopper"


def test_user_is_immutable():
    user = User(1, "ada@example.com", "Ada")
    try:
        user.name = "Ada Lovelace"
    except AttributeError:
        pass
    else:
        raise AssertionError("User should be frozen")
