"""The nightly report, written into the working directory the job runs in."""
import csv
from pathlib import Path


def write_report(rows, name="report.csv"):
    with open(name, "w", newline="") as file:
        csv.writer(file).writerows(rows)
    return Path(name).resolve()
