"""Offline lessons: one self-contained HTML file of a page for a model and a few sentences
(`unrolled lesson`, GET /api/lesson). build.py assembles it from the page's HTML (html.py),
its bundled scripts (bundle.py), the files it links (assets.py) and the API answers the
page asks for (plans.py), recorded from the app in-process (record.py)."""
