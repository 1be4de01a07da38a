"""Vietnamese language layer: pure functions, no Whoosh, no I/O."""

from kb.text.normalize import (
    canonical_case,
    fold_accents,
    has_diacritics,
    nfc,
    normalize_text,
    normalize_tones,
)

__all__ = ["canonical_case", "fold_accents", "has_diacritics", "nfc", "normalize_text", "normalize_tones"]
