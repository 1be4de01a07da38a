"""Streamlit entry point: thin; the pages live in kb/ui/."""

from kb.ui.main import run

run()
