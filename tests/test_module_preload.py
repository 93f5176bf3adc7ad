"""Pages whose first plot must be quick name their whole ES module graph in
`<link rel="modulepreload">` tags, so that the browser fetches every module at once instead
of level by level (six levels deep: six round trips before the page's code can run).
The lists are written by hand in the templates; this test keeps them equal to the graph
the page's static imports really make."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

import pytest

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / "static" / "js"
# Static imports and re-exports: `import x from './a.js'`, `import './a.js'`, `export {x} from`.
IMPORT = re.compile(r"^\s*(?:import|export)\s(?:[^;'\"]*?\sfrom\s)?\s*'([^']+)'", re.M)
PRELOAD = re.compile(r'<link rel="modulepreload" href="/static/js/([^"]+)">')
PAGES = ("gradients", "whatif", "notation", "train")


def module_graph(entry: str) -> set[str]:
    """Every module `entry` (a path under static/js) imports, directly or not, with itself."""
    seen: set[str] = set()
    todo = [entry]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for spec in IMPORT.findall((JS / path).read_text(encoding="utf-8")):
            todo.append(str(PurePosixPath(path).parent.joinpath(spec)).replace("/./", "/"))
    return {normalise(p) for p in seen}


def normalise(path: str) -> str:
    """'views/../math.js' -> 'math.js'."""
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def test_the_import_reader_sees_every_form_of_import() -> None:
    source = "\n".join([
        "import a from './a.js';",
        "import './b.js';",
        "export { c } from '../c.js';",
        "import {\n  d,\n  e,\n} from './d.js';",
        "// import './no.js' (a comment)",
    ])  # fmt: skip
    assert IMPORT.findall(source) == ["./a.js", "./b.js", "../c.js", "./d.js"]


@pytest.mark.parametrize("page", PAGES)
def test_the_template_preloads_the_pages_whole_module_graph(page: str) -> None:
    template = (ROOT / "templates" / f"{page}.html").read_text(encoding="utf-8")
    preloaded = PRELOAD.findall(template)
    assert len(preloaded) == len(set(preloaded)), "a module is preloaded twice"
    graph = module_graph(f"pages/{page}.js") - {f"pages/{page}.js"}
    assert len(graph) > 20
    assert set(preloaded) == graph, {
        "missing": sorted(graph - set(preloaded)),
        "not imported": sorted(set(preloaded) - graph),
    }
