"""House rules that code review would otherwise have to catch (see shared STYLE.md)."""

import ast
import re
from pathlib import Path

from petakesos.config import REPO_ROOT

STREAMLIT_ALLOWED = {"app.py", "petakesos/data.py", "petakesos/ui.py"}
SQL_WORDS = re.compile(r"\b(select|insert|update|delete|create)\b.+\b(from|into|table|set)\b", re.I | re.S)


def _python_files():
    for path in sorted(REPO_ROOT.glob("*.py")) + sorted(REPO_ROOT.glob("pages/*.py")) + sorted(
            REPO_ROOT.glob("petakesos/**/*.py")):
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
    offenders = [name for name, tree in _python_files()
                 if "streamlit" in _imports(tree)
                 and name not in STREAMLIT_ALLOWED and not name.startswith("pages/")]
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
    assert not [t for t in tracked if t.endswith((".duckdb", ".parquet", ".key")) or t.startswith(
        ("geo/", "static/")) and not t.endswith("README.md")]
