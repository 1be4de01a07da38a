"""Metadata extraction (placeholder while being written)."""
