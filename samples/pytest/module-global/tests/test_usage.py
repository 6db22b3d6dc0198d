from app import cli


class TestUsage:
    def test_usage_line_comes_first(self):
        assert cli.help_text().splitlines()[0] == cli.USAGE

    def test_lists_export_formats(self):
        assert cli.help_text().splitlines()[-1] == "formats: csv, json"


def test_help_has_blank_separator():
    assert cli.help_text().splitlines()[1] == ""
