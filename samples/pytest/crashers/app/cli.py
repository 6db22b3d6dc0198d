"""`mailer` command-line entry point."""

import argparse

from app import templates

VERSION = "1.4.2"


def build_parser():
    parser = argparse.ArgumentParser(prog="mailer")
    parser.add_argument("--version", action="version", version=f"mailer {VERSION}")
    parser.add_argument("template", choices=sorted(templates.TEMPLATES))
    parser.add_argument("--name", required=True)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    return templates.render(args.template, name=args.name)
