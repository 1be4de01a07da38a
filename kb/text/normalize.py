"""Unicode and orthography normalisation for Vietnamese text: NFC, one tone-mark style, folding."""

from __future__ import annotations

import re
import unicodedata

# The five tone marks as combining characters (NFD).
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"

# Old-style placement ("hòa", "thủy", "ủy") is what most Vietnamese news and government sites
# print, so "hoà", "thuỷ", "uỷ" are rewritten to it. Only the open syllables ending in oa, oe, uy
# differ between the two conventions; "quý" (qu + y) and closed syllables ("hoàn") agree in both.
_PAIR_FIRST = {"o": "ae", "O": "AE", "u": "y", "U": "Y"}
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
# Unusual spaces become plain ones, then runs of spaces one space. (One regex for both had to try
# its first branch at every plain space of the text; this way most texts need one scan for the
# rare characters and a substring test.)
_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_RUN = re.compile(r" {2,}")
_PLAIN = {"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'",
          "–": "-", "—": "-", "‒": "-", "―": "-", "−": "-", "‐": "-", "‑": "-"}
# A character class finds the few curly quotes and dashes far faster than str.translate with a
# dict walks every character.
_FANCY = re.compile("[" + "".join(_PLAIN) + "]")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _move_tone(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    out: list[str] = []
    i, n = 0, len(decomposed)
    while i < n:
        ch = decomposed[i]
        second = _PAIR_FIRST.get(ch)
        if (
            second
            and i + 2 < n + 1
            and i + 1 < n
            and decomposed[i + 1] in second
            and (i == 0 or decomposed[i - 1].lower() != "q")
        ):
            j = i + 2
            marks = ""
            while j < n and unicodedata.combining(decomposed[j]):
                marks += decomposed[j]
                j += 1
            tone = "".join(m for m in marks if m in _TONE_MARKS)
            other = "".join(m for m in marks if m not in _TONE_MARKS)
            follows_letter = j < n and _LETTER.match(decomposed[j]) is not None
            if tone and not other and not follows_letter:
                out.append(ch + tone + decomposed[i + 1])
                i = j
                continue
        out.append(ch)
        i += 1
    return unicodedata.normalize("NFC", "".join(out))


# A new-style open syllable ending: "oà", "oè", "uỷ" with no letter after it, not after "q"
# ("quý" is the same in both styles). The look-behinds come after the first letter, so the scan
# only stops at o and u instead of trying a look-behind at every position.
NEW_STYLE_TONE = re.compile(
    r"[oOuU](?:(?<=[oO])[àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|(?<=[uU])[ỳýỷỹỵỲÝỶỸỴ])(?<![qQ]..)(?![^\W\d_])"
)


def normalize_tones(text: str) -> str:
    """Rewrite new-style tone placement ("hoà", "uỷ") to the old style ("hòa", "ủy")."""
    text = nfc(text)
    if not NEW_STYLE_TONE.search(text):
        return text
    return NEW_STYLE_TONE.sub(lambda m: _move_tone(m.group(0)), text)


def normalize_text(text: str) -> str:
    """NFC, one tone-mark style, plain quotes and dashes, no control characters, tidy spaces.

    Keeps line breaks (paragraphs matter to extraction) but strips trailing spaces on each line.
    """
    text = nfc(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text)
    if _FANCY.search(text):
        text = _FANCY.sub(lambda m: _PLAIN[m.group()], text)
    if _ODD_SPACE.search(text):
        text = _ODD_SPACE.sub(" ", text)
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    text = normalize_tones(text)
    text = "\n".join([line.strip() for line in text.split("\n")])
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


_BLANK_LINES = re.compile(r"\n{3,}")


_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


def fold_accents(text: str) -> str:
    """Remove every diacritic, tone marks included, and map đ to d: "Điều hành" -> "Dieu hanh"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_TABLE))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def has_diacritics(text: str) -> bool:
    """True when the text carries any Vietnamese diacritic (tone mark, hat, horn, breve or đ)."""
    return fold_accents(text) != text


_DASHES_TO_SPACES = str.maketrans({"-": " ", "–": " ", "—": " "})


def spelling_key(value: str) -> str:
    """One key for the spellings of one name that differ only in case or in a hyphen written for a
    space ("Tamim bin Hamad Al Thani" and "... Al-Thani", "Moon Jae-in" and "Moon Jae In")."""
    key = value.casefold()
    if "-" in key or "–" in key or "—" in key:  # a test first: person merging calls this per mention
        key = key.translate(_DASHES_TO_SPACES)
    return " ".join(key.split())


def canonical_case(name: str) -> str:
    """Proper casing for a person or place name: "NGUYỄN VĂN a" -> "Nguyễn Văn A"."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {ord("đ"): "d", ord("Đ"): "D"}
    for cp in range(0x00C0, 0x2000):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)
        if len(base) > 1 and base[0].isascii() and all(unicodedata.combining(c) for c in base[1:]):
            table[cp] = base[0]
    return table


_FOLD_SAME_LENGTH = _build_fold_table()


def fold_same_length(text: str) -> str:
    """Accent folding that keeps every offset: one character in, one character out.

    For NFC text this equals fold_accents(); stray combining marks are left in place.
    """
    return text.translate(_FOLD_SAME_LENGTH)


def lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower()[:1] or c for c in text)
