"""The house: no import cycles, and a clean public surface."""

from __future__ import annotations

import grimp

import penempatan as pn


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            v, children = work[-1]
            w = next(children, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(edges[w]))))
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                component = []
                while True:
                    u = stack.pop()
                    on_stack.discard(u)
                    component.append(u)
                    if u == v:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_package_has_no_import_cycles() -> None:
    """No module imports, directly or through others, a module that imports it back."""
    graph = grimp.build_graph("penempatan", exclude_type_checking_imports=True)
    modules = set(graph.modules)
    edges = {m: set(graph.find_modules_directly_imported_by(m)) & modules for m in modules}
    assert _cycles(edges) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    """The check above can fail: a two-module loop is reported."""
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]


def test_dir_shows_only_public_names() -> None:
    """dir(penempatan) lists the public API and subpackages, no private modules or helpers."""
    names = dir(pn)
    assert "TYPE_CHECKING" not in names
    assert not [n for n in names if n.startswith("_") and not n.startswith("__")]
    assert {"solve", "verify", "Scenario", "Plan", "__version__"} <= set(names)


def test_the_readme_layout_names_every_module() -> None:
    """README's layout table names every module of the package, and every path it names exists."""
    import re

    from tests.factory import ROOT

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = text.split("## Layout", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in layout.splitlines() if line.startswith("| ") and "src/" in line]
    src = ROOT / "src" / "penempatan"
    for row in rows:
        cells = row.split(" | ")
        folders = re.findall(r"`(?:src/penempatan/)?([a-z0-9_]+)/`", cells[1])
        files = re.findall(r"`(?:src/penempatan/)?([a-z0-9_/]+\.(?:py|json))`", row)
        for folder in folders:
            assert (src / folder).is_dir(), folder
        for name in files:
            candidates = [src / name] + [src / f / name for f in folders]
            assert any(c.exists() for c in candidates), (name, folders)
    named = set(re.findall(r"`(?:[a-z0-9_]+/)*([a-z0-9_]+\.(?:py|json))`", layout))
    modules = {
        p.name
        for p in src.rglob("*")
        if p.suffix in (".py", ".json") and p.name not in ("__init__.py", "__main__.py")
    }
    assert modules - named == set()
