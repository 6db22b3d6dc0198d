"""What a cleaner test does, read with Python's own ast (never run): its statements without its checks.

Usage: python polluter_cleaner.py FILE FUNCTION. Prints one JSON object: the function's parameters (fixtures pytest
provides), its top-level statements as source (an assert is a check, not cleaning: only the calls in its expression
are kept, `assert reload().ok` cleans by `reload()`), the module-level imports of FILE that bind a name the body
uses, and the names it uses that FILE itself defines (a helper, a constant), which only code in FILE can reach.
"""

import ast
import builtins
import json
import sys
import textwrap


def _function(tree, name):
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            return node
    return None


def _outer_calls(expression):
    """The calls of an expression that no other call of it contains, in source order."""
    calls = []

    def visit(node):
        if isinstance(node, ast.Call):
            calls.append(node)
            return
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(expression)
    return calls


def _segment(source, node):
    return textwrap.dedent(ast.get_source_segment(source, node, padded=True) or "").strip("\n")


def _statements(source, function):
    body = list(function.body)
    first = body[0] if body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        body = body[1:]  # the docstring
    statements = []
    for node in body:
        if isinstance(node, ast.Assert):
            for call in _outer_calls(node.test):
                statements.append({"source": _segment(source, call), "fromAssert": True})
        else:
            statements.append({"source": _segment(source, node), "fromAssert": False})
    return statements


def _used_names(function, parameters):
    assigned = set(parameters)
    loaded = []
    for node in ast.walk(function):
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Load):
                loaded.append(node.id)
            else:
                assigned.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            assigned.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    seen = []
    for name in loaded:
        if name not in assigned and name not in seen and not hasattr(builtins, name):
            seen.append(name)
    return seen


def _import_text(node, alias):
    """One name's import, as the module writes it (`from app import settings`, `import app.db as db`)."""
    name = alias.name + (" as " + alias.asname if alias.asname else "")
    if isinstance(node, ast.Import):
        return "import " + name
    return "from " + "." * node.level + (node.module or "") + " import " + name


def _module_bindings(tree):
    """Per name bound at the top of the module: the import statement that binds it, or None for a definition."""
    bindings = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                bound = (alias.asname or alias.name).split(".")[0]
                text = _import_text(node, alias)
                bindings[bound] = text
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bindings[node.name] = None
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        bindings[name.id] = None
    return bindings


def describe(path, name):
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    tree = ast.parse(source, filename=path)
    function = _function(tree, name)
    if function is None:
        return {"found": False}
    arguments = function.args
    parameters = [arg.arg for arg in arguments.posonlyargs + arguments.args + arguments.kwonlyargs]
    decorators = [_segment(source, decorator) for decorator in function.decorator_list]
    bindings = _module_bindings(tree)
    imports, defined = [], []
    for used in _used_names(function, parameters):
        if used not in bindings:
            continue
        if bindings[used] is None:
            defined.append(used)
        elif bindings[used] not in imports:
            imports.append(bindings[used])
    return {
        "found": True,
        "async": isinstance(function, ast.AsyncFunctionDef),
        "parameters": parameters,
        "variadic": arguments.vararg is not None or arguments.kwarg is not None,
        "decorators": decorators,
        "statements": _statements(source, function),
        "imports": imports,
        "defined": defined,
    }


if __name__ == "__main__":
    print(json.dumps(describe(sys.argv[1], sys.argv[2])))
