"""Page script: a body (url co-quan?name=...)."""

from kb.ui.entity_pages import agency_page

agency_page()
