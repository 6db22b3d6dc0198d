import pytest

from app import cli


def test_parser_reads_name():
    args = cli.build_parser().parse_args(["receipt", "--name", "Ada"])
    assert (args.template, args.name) == ("receipt", "Ada")


def test_unknown_template_exits_with_usage_error(capsys):
    with pytest.raises(SystemExit) as excinfo:
        cli.main(["newsletter", "--name", "Ada"])
    assert excinfo.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_unsubscribe_link():
    assert False, "TODO: --unsubscribe-link is not implemented yet"
