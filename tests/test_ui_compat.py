"""kb.ui.streamlit_compat against the installed Streamlit: the English strings we translate are still
the ones its frontend shows, and the translation script is well formed. The browser tests check the
result on the page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import streamlit

from kb.ui import streamlit_compat as compat

BUNDLE = Path(streamlit.__file__).parent / "static"

# Strings the frontend builds from pieces: the pieces that must be there.
COMPOSED = {
    "Press Enter to submit form": ["Press Enter to ${e}", "`submit form`"],
    "Press Enter to apply": ["Press Enter to ${e}", "`apply`"],
}
# Pattern -> a fragment of the template it translates.
PATTERN_SOURCES = {
    r"^(\d+) options? available\.$": "options`})} available.",
    r"^Remove (.+)$": "`Remove ${",
    r"^Page (\d+)$": "Page ${",
    r"^([\d.]+) ?([KMG]?B) per file$": " per file`",
    r"^File must be ([\d.]+) ?([KMG]?B) or smaller\.$": "File must be ",
    r"^day, (.+)$": "`day`",
    r"^month, (.+)$": "`month`",
    r"^year, (.+)$": "`year`",
    r"^Choose date, (.+)$": "`Choose date`",
    r"^Today, (.+) selected$": "Today, ${e.date} selected",
    r"^Today, (.+)$": "Today, ${e.date}",
    r"^Selected Date: (.+)$": "Selected Date: ${",
    r"^(.+?),? selected$": ", selected`",
}


@pytest.fixture(scope="module")
def bundle_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="ignore") for p in BUNDLE.rglob("*.js"))


def test_installed_streamlit_is_the_checked_version():
    assert compat.check_version() is None, compat.check_version()


def test_every_translated_string_is_still_in_streamlits_frontend(bundle_text):
    missing = []
    for english in compat.UI_TEXT:
        pieces = COMPOSED.get(english, [english])
        if not all(piece in bundle_text for piece in pieces):
            missing.append(english)
    assert not missing, f"Streamlit no longer shows these strings; update UI_TEXT: {missing}"


def test_every_pattern_has_its_source_in_streamlits_frontend(bundle_text):
    assert set(PATTERN_SOURCES) == {p for p, _ in compat.UI_PATTERNS}
    missing = [p for p, fragment in PATTERN_SOURCES.items() if fragment not in bundle_text]
    assert not missing, missing
    assert "`${n} icon`" in bundle_text  # the icon names the script renames


@pytest.mark.parametrize(("english", "vietnamese"), [
    ("12 options available.", "12 lựa chọn."),
    ("1 option available.", "1 lựa chọn."),
    ("Remove 2022 (7)", "Bỏ 2022 (7)"),
    ("Page 3", "Trang 3"),
    ("20MB per file", "Tối đa 20 MB mỗi tệp"),
    ("File must be 1.0MB or smaller.", "Tệp phải nhỏ hơn hoặc bằng 1.0 MB."),
    ("day, Từ ngày", "ngày, Từ ngày"),
    ("Today, Thứ Tư, 2 tháng 12, 2026", "Hôm nay, Thứ Tư, 2 tháng 12, 2026"),
    ("Today, Thứ Tư, 2 tháng 12, 2026 selected", "Hôm nay, Thứ Tư, 2 tháng 12, 2026, đang chọn"),
    ("2023 (7), selected", "2023 (7), đã chọn"),
])
def test_patterns_translate_like_the_script_does(english, vietnamese):
    # The script uses JavaScript's String.replace with $1/$2; Python's re gives the same result here.
    for pattern, replacement in compat.UI_PATTERNS:
        if re.search(pattern, english):
            assert re.sub(pattern, re.sub(r"\$(\d)", r"\\\1", replacement), english) == vietnamese
            return
    raise AssertionError(f"no pattern for {english!r}")


def test_translations_are_vietnamese_and_carry_no_markup():
    for vietnamese in list(compat.UI_TEXT.values()) + [r for _, r in compat.UI_PATTERNS]:
        assert "<" not in vietnamese and ">" not in vietnamese
    assert compat.UI_TEXT["Drag and drop files here"] == "Kéo và thả tệp vào đây"


def test_boot_script_embeds_the_tables_as_json():
    script = compat.boot_script()
    assert "__TEXT__" not in script and "__PATTERNS__" not in script
    table = re.search(r"new Map\(Object\.entries\((\{.*?\})\)\);", script, re.S).group(1)
    assert json.loads(table) == compat.UI_TEXT
    assert 'document.documentElement.lang = "vi"' in script
    assert compat.boot_html().startswith("<script>") and compat.boot_html().endswith("</script>")
