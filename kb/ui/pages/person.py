"""Page script: a person (url nguoi?name=...)."""

from kb.ui.entity_pages import person_page

person_page()
