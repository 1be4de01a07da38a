"""kb.ui.render: untrusted text never becomes HTML; only the API's <mark> tags survive."""

from __future__ import annotations

import html

import pytest

from kb.ui import render

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "<a href=\"javascript:alert(1)\">x</a>",
    "[click](javascript:alert(1)) ![img](http://evil.example/x.png) **b** _i_ `c` $x$ :red[y]",
    "</div><div onclick=alert(1)>",
    "<MARK onclick=alert(1)>x</MARK>",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_text_is_inert(value):
    out = render.text(value)
    assert "<" not in out and ">" not in out
    assert not render.has_unsafe_html(out)
    assert html.unescape(out) == value  # the reader sees exactly the original text


@pytest.mark.parametrize("value", HOSTILE)
def test_marked_keeps_only_mark(value):
    api_html = f"{html.escape(value)} <mark>{html.escape(value)}</mark> {value}"
    out = render.marked(api_html)
    assert not render.has_unsafe_html(out), render.unsafe_html(out)
    assert out.count("<mark>") == out.count("</mark>") == 1


def test_marked_balances_and_normalises_marks():
    assert render.marked("a <mark>b") == "a <mark>b</mark>"
    assert render.marked("a </mark> b") == "a  b"
    assert render.marked("<mark>a<mark>b</mark>c</mark>") == "<mark>abc</mark>"
    assert render.marked("<MARK>x</MARK>") == "<mark>x</mark>"


def test_marked_keeps_character_references_and_escapes_bare_ampersands():
    assert render.marked("Sở GD&amp;ĐT &#x27;q&#x27; & co") == "Sở GD&amp;ĐT &#x27;q&#x27; &amp; co"


def test_markdown_specials_are_neutralised_but_render_identically():
    out = render.text("a_b *c* [d](e) $f$ :g[h] #i")
    for ch in "_*[]()$:":
        assert ch not in out
    assert "#i" not in out
    assert html.unescape(out) == "a_b *c* [d](e) $f$ :g[h] #i"


def test_newlines_become_br_so_the_html_block_never_ends():
    out = render.block(render.text("một\n\nhai\r\nba"), "x")
    assert "\n" not in out and out.count("<br>") == 3
    assert out.startswith('<div class="x">')


def test_links():
    assert render.safe_url("javascript:alert(1)") is None
    assert render.safe_url("data:text/html,<script>") is None
    assert render.safe_url("//evil.example") is None
    assert render.safe_url("https://example.gov.vn/a?b=1") == "https://example.gov.vn/a?b=1"
    a = render.link('?q="x"&doc=<y>', render.text("t"))
    assert a.startswith('<a href="?q=&quot;x&quot;&amp;doc=&lt;y&gt;" target="_self">')
    assert not render.has_unsafe_html(a)
    ext = render.link("https://example.gov.vn", "t", external=True)
    assert 'rel="noopener noreferrer nofollow"' in ext and 'target="_blank"' in ext


def test_chip_escapes_name_and_role():
    out = render.chip("<b>Ông A</b>", "person", "Chủ tịch <i>UBND</i>")
    assert "<b>" not in out and "<i>" not in out and not render.has_unsafe_html(out)
    assert "&lt;b&gt;Ông A&lt;/b&gt;" in out


def test_label_escapes_markdown_for_widget_labels():
    assert render.label("[x](http://e) **b**") == r"\[x\]\(http\://e\) \*\*b\*\*"
    assert render.label("  nhiều   khoảng\ntrắng ") == "nhiều khoảng trắng"


def test_audit_finds_what_render_never_writes():
    assert render.unsafe_html('<div class="a"><mark>x</mark><a href="?q=1" target="_self">y</a></div>') == []
    assert render.has_unsafe_html("<img src=x>")
    assert render.has_unsafe_html('<div onclick="x">')
    assert render.has_unsafe_html('<a href="javascript:x">')
    assert not render.has_unsafe_html("&lt;img onerror=alert(1)&gt;")
