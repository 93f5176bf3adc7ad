"""The explorer names its whole ES module graph in `<link rel="modulepreload">` tags, like
/gradients and /whatif (tests/test_module_preload.py, whose graph reader this reuses), so
that its first network does not wait for five levels of imports, one round trip each."""

from __future__ import annotations

from tests.test_module_preload import PRELOAD, ROOT, module_graph


def test_the_explorer_preloads_its_whole_module_graph() -> None:
    template = (ROOT / "templates" / "explorer.html").read_text(encoding="utf-8")
    preloaded = PRELOAD.findall(template)
    assert len(preloaded) == len(set(preloaded)), "a module is preloaded twice"
    graph = module_graph("pages/explorer.js") - {"pages/explorer.js"}
    assert len(graph) > 30
    assert set(preloaded) == graph, {
        "missing": sorted(graph - set(preloaded)),
        "not imported": sorted(set(preloaded) - graph),
    }
