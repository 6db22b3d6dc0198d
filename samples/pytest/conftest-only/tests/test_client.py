def test_default_timeout(client):
    assert client.options["timeout"] == 30


def test_describe_names_the_base_url(client):
    assert client.describe().startswith("https://api.example.test")
