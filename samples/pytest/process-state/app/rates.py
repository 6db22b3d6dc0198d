"""Exchange rates from data/rates.csv, relative to the working directory: the app runs from the project root."""
import csv


def load(path="data/rates.csv"):
    with open(path, newline="") as file:
        return {row["currency"]: float(row["rate"]) for row in csv.DictReader(file)}
