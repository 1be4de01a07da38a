"""Page script: who held an office (url chuc-vu?office=...&year=...)."""

from kb.ui.entity_pages import who_page

who_page()
