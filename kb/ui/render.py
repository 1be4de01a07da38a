"""Safe HTML for st.markdown(unsafe_allow_html=True).

Document text, titles and metadata are untrusted. Two kinds of input reach the page:

- plain text (titles, names, metadata): `text()` escapes it completely;
- HTML made by the API (snippets, title_html, highlight_document): already escaped, with <mark>
  around matches. `marked()` keeps exactly the tags <mark> and </mark>, balanced, and escapes any
  other "<" or ">" it may find, so a bug upstream cannot become a script on the page.

Both also neutralise the characters Streamlit's Markdown reads (links, emphasis, LaTeX,
directives like :red[...]), so the text shows literally. `block()` wraps a fragment in a single-line
<div>: CommonMark then treats it as one raw HTML block and does not parse Markdown inside it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

MARK_OPEN = "<mark>"
MARK_CLOSE = "</mark>"

_MARK_TAG = re.compile(r"(</?mark>)", re.IGNORECASE)
# An "&" that does not start a character reference is escaped; references are left as they are.
_BARE_AMP = re.compile(r"&(?!(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)")
# Characters Markdown (and Streamlit's extensions) give a meaning to, as numeric references.
_MD_CHARS = {c: f"&#{ord(c)};" for c in "\\`*_[]{}()#+!|~$:"}
_MD_TRANS = str.maketrans(_MD_CHARS)
_LABEL_SPECIALS = re.compile(r"([\\`*_\[\]{}()#+\-.!|~$:<>])")


_ENTITY = re.compile(r"(&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)")


def _neutralise_markdown(fragment: str) -> str:
    """Replace Markdown-significant characters by numeric references (rendered identically).

    `fragment` is escaped HTML text: character references in it are kept whole."""
    parts = _ENTITY.split(fragment)
    return "".join(p if i % 2 else p.translate(_MD_TRANS) for i, p in enumerate(parts))


def _lines_to_br(fragment: str) -> str:
    """Line breaks as <br>: a blank line would end the raw HTML block and start Markdown."""
    return fragment.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def text(value: object) -> str:
    """Untrusted plain text as inert HTML."""
    if value is None:
        return ""
    escaped = html.escape(str(value), quote=True)
    return _lines_to_br(_neutralise_markdown(escaped))


def marked(api_html: str | None) -> str:
    """API-made HTML (escaped text with <mark>) with nothing but balanced <mark> tags left as HTML."""
    if not api_html:
        return ""
    out: list[str] = []
    depth = 0
    for part in _MARK_TAG.split(api_html):
        low = part.lower()
        if low == MARK_OPEN:
            if depth == 0:
                out.append(MARK_OPEN)
            depth += 1
        elif low == MARK_CLOSE:
            if depth == 1:
                out.append(MARK_CLOSE)
            depth = max(0, depth - 1)
        elif part:
            safe = _BARE_AMP.sub("&amp;", part).replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            out.append(_lines_to_br(_neutralise_markdown(safe)))
    if depth:
        out.append(MARK_CLOSE)
    return "".join(out)


def attr(value: object) -> str:
    """A value for a double-quoted HTML attribute."""
    return _neutralise_markdown(html.escape("" if value is None else str(value), quote=True))


def safe_url(url: str | None) -> str | None:
    """An http(s) URL, or None: javascript:, data: and the like never become links."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def link(href: str, label_html: str, *, external: bool = False, css: str | None = None) -> str:
    """An <a> element. `href` is escaped here; `label_html` must already be safe (text() / marked())."""
    target = ' target="_blank" rel="noopener noreferrer nofollow"' if external else ' target="_self"'
    cls = f' class="{attr(css)}"' if css else ""
    return f'<a href="{attr(href)}"{target}{cls}>{label_html}</a>'


def chip(label: str, kind: str = "default", detail: str | None = None, href: str | None = None) -> str:
    """A small rounded label; `detail` (e.g. a person's role) shows after the name; with `href` the
    chip is a link (to the entity's page)."""
    inner = text(label)
    if detail:
        inner += f' <span class="kb-chip-detail">{text(detail)}</span>'
    if href:
        return link(href, inner, css=f"kb-chip kb-chip-{kind} kb-chip-link")
    return f'<span class="kb-chip kb-chip-{attr(kind)}">{inner}</span>'


# Other pages of the app (url_path in kb/ui/main.py) that links may name: "nguoi?name=...", "./?doc=...".
_PAGE_HREF = re.compile(r"^(?:\./|nguoi|co-quan|chuc-vu)\?")


def page_href(page: str, params: dict[str, str | list[str] | None]) -> str:
    """A relative link to a page of the app with its query parameters ("" is the search page)."""
    clean = {k: v for k, v in params.items() if v not in (None, "", [])}
    return f"{page or './'}?{urlencode(clean, doseq=True)}"


def chips(items: Iterable[str]) -> str:
    return "".join(items)


def block(inner_html: str, css: str) -> str:
    """One raw HTML block for st.markdown: a single-line <div>, so no Markdown is parsed inside."""
    return f'<div class="{attr(css)}">{inner_html.replace(chr(10), " ")}</div>'


def label(value: object) -> str:
    """Untrusted text for a widget label (Streamlit reads Markdown in labels): every special escaped."""
    flat = " ".join(str(value or "").split())
    return _LABEL_SPECIALS.sub(r"\\\1", flat)


ALLOWED_TAGS = frozenset({"mark", "div", "span", "a", "br", "table", "tbody", "tr", "th", "td", "h2"})
ALLOWED_ATTRS = frozenset({"class", "href", "target", "rel"})


class _TagAudit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name not in ALLOWED_ATTRS:
                self.problems.append(f"<{tag} {name}=...>")
            elif name == "href" and value and not (value.startswith("?") or _PAGE_HREF.match(value)
                                                   or safe_url(value)):
                self.problems.append(f"<{tag} href={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"</{tag}>")


def unsafe_html(rendered: str) -> list[str]:
    """Tags, attributes and links in a rendered fragment that this module never writes (for tests)."""
    audit = _TagAudit()
    audit.feed(rendered)
    audit.close()
    return audit.problems


def has_unsafe_html(rendered: str) -> bool:
    return bool(unsafe_html(rendered))
