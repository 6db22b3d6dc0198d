from app.client import ApiClient


def test_get_json_decodes_body():
    client = ApiClient(lambda path: '{"path": "%s"}' % path)
    assert client.get_json("/health") == {"path": "/health"}


def test_get_json_retries_connection_errors():
    responses = iter([ConnectionError("reset"), '{"ok": true}'])

    def transport(path):
        item = next(responses)
        if isinstance(item, Exception):
            raise item
        return item

    client = ApiClient(transport, sleep=lambda s: None)
    assert client.get_json("/items") == {"ok": True}
