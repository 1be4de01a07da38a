"""Page script: search (the default page)."""

from kb.ui.search_page import page

page()
