"""The code's shape as docs/ARCHITECTURE.md states it: private names of Whoosh and pyvi only inside
their compat modules, exact version checks there, and dependencies pointing one way."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

KB = Path(__file__).resolve().parent.parent / "kb"
WHOOSH_COMPAT = KB / "search" / "whoosh_compat.py"
PYVI_COMPAT = KB / "text" / "pyvi_compat.py"


def _modules() -> dict[str, ast.Module]:
    return {str(p.relative_to(KB.parent)): ast.parse(p.read_text(encoding="utf-8")) for p in KB.rglob("*.py")}


def _imports(tree: ast.Module) -> set[str]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.add(node.module)
    return out


def _private_names_listed(compat: Path) -> set[str]:
    """The private names a compat module's docstring says it relies on (`_name` in backquotes)."""
    doc = ast.get_docstring(ast.parse(compat.read_text(encoding="utf-8"))) or ""
    return set(re.findall(r"`(_[a-z][a-z_]*)`", doc))


def test_whoosh_private_names_are_used_only_inside_its_compat_module():
    listed = _private_names_listed(WHOOSH_COMPAT)
    assert {"_lk", "_read_ids", "_postfile", "_struct", "_commit_toc"} <= listed
    offenders = []
    for name, tree in _modules().items():
        if name == "kb/search/whoosh_compat.py":
            continue
        for node in ast.walk(tree):
            # An attribute of `self` is the module's own (kb's query builder has a `_docnum` too).
            own = isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self"
            used = (node.attr if isinstance(node, ast.Attribute) and not own else
                    node.arg if isinstance(node, ast.keyword) else None)
            if used in listed:
                offenders.append(f"{name}:{node.lineno} {used}")
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(
                    ("whoosh.codec", "whoosh.filedb", "whoosh.system", "whoosh.util", "whoosh.matching")):
                offenders.append(f"{name}:{node.lineno} imports {node.module}")
    assert offenders == []


def test_pyvi_and_crfsuite_are_imported_only_by_the_pyvi_compat_module():
    offenders = [name for name, tree in _modules().items() if name != "kb/text/pyvi_compat.py"
                 and any(m.split(".")[0] in {"pyvi", "pycrfsuite", "sklearn_crfsuite"} for m in _imports(tree))]
    assert offenders == []


def test_a_whoosh_of_another_version_is_refused_with_what_to_install():
    from kb.search.whoosh_compat import WHOOSH_PINNED, check_version

    check_version(WHOOSH_PINNED)
    with pytest.raises(ImportError, match=r"Whoosh-Reloaded==2\.7\.5 \(found 2\.7\.4\)"):
        check_version("2.7.4")


# Which packages of kb each layer may import (text <- extract <- ingest -> store -> search <- cli/ui).
ALLOWED = {
    "kb/text/": {"kb.text", "kb.models"},
    "kb/extract/": {"kb.text", "kb.extract", "kb.models"},
    "kb/ingest/": {"kb.text", "kb.extract", "kb.ingest", "kb.models", "kb.store", "kb.errors", "kb.procs",
                   "kb.search.writer"},
    "kb/ui/": {"kb.api", "kb.models", "kb.config", "kb.errors", "kb.ui"},
}
FORBIDDEN_THIRD_PARTY = {
    "kb/text/": {"whoosh", "streamlit"},
    "kb/extract/": {"whoosh", "streamlit"},
    "kb/ingest/": {"whoosh", "streamlit"},
    "kb/ui/": {"whoosh"},
}


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_dependencies_point_one_way(layer):
    bad = []
    for name, tree in _modules().items():
        if not name.startswith(layer):
            continue
        for mod in _imports(tree):
            top = mod.split(".")[0]
            if top in FORBIDDEN_THIRD_PARTY[layer]:
                bad.append(f"{name} imports {mod}")
            if top == "kb" and not any(mod == a or mod.startswith(a + ".") for a in ALLOWED[layer]):
                bad.append(f"{name} imports {mod}")
    assert bad == []


def _extract_imports_closure(module: str) -> set[str]:
    """Every kb.extract module `module` reaches through imports (directly or not)."""
    graph = {f"kb.extract.{p.stem}": {m for m in _imports(ast.parse(p.read_text(encoding="utf-8")))
                                      if m.startswith("kb.extract.")}
             for p in (KB / "extract").glob("*.py") if p.stem != "__init__"}
    seen: set[str] = set()
    todo = [module]
    while todo:
        for m in graph.get(todo.pop(), ()):
            if m not in seen:
                seen.add(m)
                todo.append(m)
    return seen


def test_the_extract_modules_import_one_another_without_a_cycle():
    # people reads the body named after a role through agencies; agencies must not need people back.
    assert "kb.extract.agencies" in _extract_imports_closure("kb.extract.people")
    modules = [f"kb.extract.{p.stem}" for p in (KB / "extract").glob("*.py") if p.stem != "__init__"]
    cycles = [m for m in modules if m in _extract_imports_closure(m)]
    assert cycles == []
