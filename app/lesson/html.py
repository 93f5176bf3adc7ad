"""The live page's HTML made self-contained: its stylesheets inlined, the favicon a data: URL,
module scripts and preload hints dropped (the lesson's one bundled script replaces them),
and the lesson's own head and scripts added. Every other byte is kept as rendered."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

from app.lesson import assets
from app.settings import Settings

_END_TAG = {tag: re.compile(f"</{tag}", re.IGNORECASE) for tag in ("script", "style")}
_DROPPED_LINKS = ("modulepreload", "preload")


def inline_element(tag: str, text: str, attrs: str = "") -> str:
    """`<tag attrs>text</tag>`, with any `</tag` inside the text escaped (JavaScript reads
    `<\\/script` as `</script`) and `<!--` refused (it changes how HTML parses a script)."""
    if "<!--" in text:
        raise ValueError(f"lesson: an inline {tag} contains '<!--'")
    safe = _END_TAG[tag].sub(lambda m: "<\\/" + m[0][2:], text)
    return f"<{tag}{attrs}>{safe}</{tag}>"


def script_hash(element: str) -> str:
    """The CSP source ('sha256-...') admitting the inline <script> `element`."""
    body = element[element.index(">") + 1 : element.rindex("</script>")]
    return "sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()


class _Rewriter(HTMLParser):
    """Copies the page, rewriting the few elements that load files."""

    def __init__(self, settings: Settings, head: str, body_end: str) -> None:
        super().__init__(convert_charrefs=False)
        self.settings, self.head, self.body_end = settings, head, body_end
        self.out: list[str] = []
        self.skipping = False  # inside a dropped <script type="module" src>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self._rewrite(tag, dict(attrs), self.get_starttag_text() or ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def _rewrite(self, tag: str, attrs: dict[str, str | None], raw: str) -> str:
        rel, href = attrs.get("rel") or "", attrs.get("href") or ""
        if tag == "meta" and "charset" in attrs:
            return raw + self.head  # the policy and styles come right after the charset
        if tag == "link" and rel == "stylesheet":
            return inline_element("style", assets.stylesheet(href, self.settings))
        if tag == "link" and rel in _DROPPED_LINKS:
            return ""
        if tag == "link" and rel == "icon":
            icon = assets.data_url(assets.resolve(href, self.settings))
            return f'<link rel="icon" href="{icon}" type="{attrs.get("type") or ""}">'
        if tag == "script" and attrs.get("src"):
            self.skipping = True
            return ""
        return raw

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.skipping:
            self.skipping = False
            return
        if tag == "body":
            self.out.append(self.body_end)
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")


def self_contained(page_html: str, settings: Settings, head: str, body_end: str) -> str:
    """`page_html` with its files inlined, `head` after its charset and `body_end` before
    `</body>`."""
    rewriter = _Rewriter(settings, head, body_end)
    rewriter.feed(page_html)
    rewriter.close()
    if rewriter.skipping:
        raise ValueError("lesson: the page has an unclosed <script>")
    return "".join(rewriter.out)
