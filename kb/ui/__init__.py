"""Streamlit web app: search, document view, overview for journalists, admin.

Pages call only kb.api (never Whoosh). Every piece of HTML handed to Streamlit goes through
kb.ui.render, which escapes untrusted text and lets through only the API's own <mark> tags.
"""
