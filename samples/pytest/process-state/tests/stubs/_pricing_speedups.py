"""A stand-in for the compiled accelerator, importable only with this folder on sys.path: it records its calls."""
calls = []


def total(lines):
    calls.append(lines)
    return 0
