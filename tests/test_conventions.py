"""House rules that code review would otherwise have to catch (see shared STYLE.md)."""

import ast
import re
from pathlib import Path

from petakesos.config import REPO_ROOT

# and pages/, petakesos/ui/; the load benchmark speaks Streamlit's wire protocol (its protobufs), drawing nothing
STREAMLIT_ALLOWED = {"app.py", "petakesos/data.py", "petakesos/bench/load.py"}
SQL_WORDS = re.compile(r"\b(select|insert|update|delete|create)\b.+\b(from|into|table|set)\b", re.I | re.S)


def _python_files():
    for path in (
        sorted(REPO_ROOT.glob("*.py"))
        + sorted(REPO_ROOT.glob("pages/*.py"))
        + sorted(REPO_ROOT.glob("petakesos/**/*.py"))
    ):
        yield path.relative_to(REPO_ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _imports(tree) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_pages_and_the_seams_import_streamlit():
    offenders = [
        name
        for name, tree in _python_files()
        if "streamlit" in _imports(tree)
        and name not in STREAMLIT_ALLOWED
        and not name.startswith(("pages/", "petakesos/ui/"))
    ]
    assert not offenders


def test_pages_do_not_touch_the_database_directly():
    for name, tree in _python_files():
        if name.startswith("pages/"):
            assert not _imports(tree) & {"duckdb", "petakesos.sql"}, name
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    assert not SQL_WORDS.search(node.value), f"{name}: SQL belongs in queries/"


def test_no_sql_strings_in_python_outside_queries():
    for name, tree in _python_files():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) > 30:
                assert not re.match(r"\s*(select|insert|update|delete|create|with)\s", node.value, re.I), name


def test_query_files_bind_parameters_instead_of_formatting():
    for path in (REPO_ROOT / "queries").rglob("*.sql"):
        text = path.read_text(encoding="utf-8")
        assert "{" not in text.replace("{}", ""), f"{path}: use $params, not string templates"


def test_no_generated_data_is_tracked():
    import subprocess

    tracked = subprocess.run(["git", "ls-files"], cwd=REPO_ROOT, capture_output=True, text=True).stdout.split()
    assert not [
        t
        for t in tracked
        if t.endswith((".duckdb", ".parquet", ".key"))
        or t.startswith(("geo/", "static/"))
        and not t.endswith("README.md")
    ]


# ---- the package's shape ---------------------------------------------------------------------------------

PACKAGE = REPO_ROOT / "petakesos"


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _imported(tree, modules: dict[str, Path]) -> set[str]:
    """petakesos modules a file imports anywhere in it (`from a import b` counts b when b is a module)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in modules}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("petakesos"):
            subs = {f"{node.module}.{a.name}" for a in node.names} & modules.keys()
            found |= subs or ({node.module} & modules.keys())
    return found


def test_no_import_cycle():
    modules = _modules()
    graph = {m: _imported(ast.parse(p.read_text(encoding="utf-8")), modules) - {m} for m, p in modules.items()}
    done: set[str] = set()

    def visit(m: str, path: list[str]) -> None:
        if m in path:
            raise AssertionError("import cycle: " + " -> ".join([*path[path.index(m) :], m]))
        if m in done:
            return
        for n in sorted(graph[m]):
            visit(n, [*path, m])
        done.add(m)

    for m in sorted(graph):
        visit(m, [])


def test_package_root_holds_only_the_seams_and_shared_vocabulary():
    """Everything else lives in a folder that says what it owns (docs/decisions.md)."""
    root = {p.stem for p in PACKAGE.glob("*.py")}
    assert root <= {
        "__init__",
        "__main__",
        "config",
        "sql",
        "db",
        "data",
        "ui",
        "glossary",
        "fmt",
        "wilayah",
        "excel",
        "clock",
    }
    for folder in (p for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"):
        init = folder / "__init__.py"
        assert init.exists() and ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), folder


def test_the_quota_planner_does_not_load_the_map_stack():
    import subprocess
    import sys

    code = (
        "import sys, petakesos.features.kuota; print(sorted({'folium', 'geopandas', 'matplotlib'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# Dotted names in docstrings that are not Python objects (a Streamlit setting, a browser global).
_NOT_PYTHON = {"server", "window"}
_TICKED = re.compile(r"`{1,2}([A-Za-z_][\w./]*)(\(\))?`{1,2}")


def _docstrings(tree):
    for node in [tree, *ast.walk(tree)]:
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            doc = ast.get_docstring(node)
            if doc:
                yield doc


def test_names_in_docstrings_exist():
    """A module, file or function named in a docstring (`maps.render`, ``geo/build.py``, `allocate()`)
    must exist: renames and splits otherwise leave stale directions behind."""
    import importlib

    modules = _modules()
    defined = {
        n.name
        for p in modules.values()
        for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(n, (ast.FunctionDef, ast.ClassDef))
    }
    stale = []
    for name, path in modules.items():
        for doc in _docstrings(ast.parse(path.read_text(encoding="utf-8"))):
            for token, call in _TICKED.findall(doc):
                if token.endswith((".py", ".sql", ".js", ".md", ".csv", ".css", ".html")):
                    if not any((base / token).exists() for base in (REPO_ROOT, PACKAGE, path.parent)):
                        stale.append(f"{name}: {token}")
                elif "." in token and token.split(".")[0] not in _NOT_PYTHON:
                    if not _resolves(importlib, token, name):
                        stale.append(f"{name}: {token}")
                elif call and token not in defined and "." not in token:
                    stale.append(f"{name}: {token}()")
    assert not stale


def _resolves(importlib, token: str, here: str) -> bool:
    parts = token.split(".")
    bases = ["petakesos", here.rsplit(".", 1)[0], here] if parts[0] != "petakesos" else [""]
    for base in bases:
        full = ".".join(p for p in (base, *parts) if p)
        for cut in range(len(full.split(".")), 0, -1):
            head, rest = ".".join(full.split(".")[:cut]), full.split(".")[cut:]
            try:
                obj = importlib.import_module(head)
            except ImportError:
                continue
            try:
                for attr in rest:
                    obj = getattr(obj, attr)
                return True
            except AttributeError:
                break
    return False


def test_pages_compose_and_stay_short():
    """A page reads filters, calls feature functions and renders; its words and arithmetic live in the
    package (issue 10). About 120 lines is room for that and nothing more."""
    long = {
        p.name: n for p in sorted((REPO_ROOT / "pages").glob("*.py")) if (n := len(p.read_text().splitlines())) > 125
    }
    assert not long
