"""Page script: admin."""

from kb.ui.admin_page import page

page()
