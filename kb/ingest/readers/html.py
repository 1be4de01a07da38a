"""HTML pages: the main content only (article/main or the densest text block), never menus,
footers or scripts. Markup is untrusted; only its text is kept."""

from __future__ import annotations

import re
from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from kb.ingest.decode import decode_or_reason
from kb.ingest.readers.base import Rejection
from kb.models import RawDocument

EXTENSIONS = (".html", ".htm", ".xhtml")

_DROP = (
    "script, style, noscript, iframe, object, embed, svg, canvas, template, form, button, input, "
    "select, nav, header, footer, aside, menu"
)
_BOILERPLATE = re.compile(r"menu|nav|footer|header|sidebar|breadcrumb|share|social|comment|related|banner|ads?\b",
                          re.I)
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "div", "br", "tr", "blockquote", "pre")


def _text_of(node: Node) -> str:
    parts: list[str] = []
    for child in node.traverse(include_text=True):
        if child.tag == "-text":
            parts.append(child.text_content or "")
        elif child.tag in _BLOCKS:
            parts.append("\n")
    text = "".join(parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def _main_node(tree: HTMLParser) -> Node | None:
    for selector in ("article", "main", "[role=main]", "#content", ".content", ".article", ".post"):
        node = tree.css_first(selector)
        if node is not None and len(node.text(strip=True)) > 200:
            return node
    best, best_len = None, 0
    for node in tree.css("div, section, td"):
        attrs = " ".join(str(v) for v in (node.attributes.get("class"), node.attributes.get("id")) if v)
        if _BOILERPLATE.search(attrs):
            continue
        direct = sum(len(p.text(strip=True)) for p in node.css("p"))
        if direct > best_len:
            best, best_len = node, direct
    return best or tree.body


def read(data: bytes, origin: str) -> Iterator[RawDocument | Rejection]:
    content, reason = decode_or_reason(data)
    if content is None:
        yield Rejection(origin, reason or "")
        return
    tree = HTMLParser(content)
    title_node = tree.css_first("title")
    page_title = title_node.text(strip=True) if title_node else ""
    for node in tree.css(_DROP):
        node.decompose()
    for node in tree.css("[class], [id]"):
        attrs = " ".join(str(v) for v in (node.attributes.get("class"), node.attributes.get("id")) if v)
        if _BOILERPLATE.search(attrs) and node.tag not in ("body", "html", "article", "main"):
            node.decompose()
    main = _main_node(tree)
    text = _text_of(main) if main is not None else ""
    h1 = (main.css_first("h1") if main is not None else None) or tree.css_first("h1")
    title = h1.text(strip=True) if h1 else page_title
    if not text.strip():
        yield Rejection(origin, "Trang HTML không có nội dung văn bản.")
        return
    if title and text.startswith(title):
        text = text[len(title) :].lstrip()
    url_node = tree.css_first("link[rel=canonical]")
    url = url_node.attributes.get("href") if url_node else None
    yield RawDocument(title=title or text.split("\n", 1)[0][:200], text=text, url=url, origin=origin)
