"""Links between the app's pages: entity pages (person, body, office) and back to the search page.
Relative URLs, so the app works under any base path; each page's state is its query string."""

from __future__ import annotations

from kb.ui import render

PERSON_PAGE, AGENCY_PAGE, WHO_PAGE = "nguoi", "co-quan", "chuc-vu"  # url_path of the pages in kb/ui/main.py


def person_href(name: str, doc: str | None = None) -> str:
    """A person's page; `doc`, the document the name was read in, settles a name shared by several people."""
    return render.page_href(PERSON_PAGE, {"name": name, "doc": doc})


def agency_href(name: str) -> str:
    return render.page_href(AGENCY_PAGE, {"name": name})


def who_href(office: str, year: int | None = None) -> str:
    return render.page_href(WHO_PAGE, {"office": office, "year": str(year) if year else None})


def doc_href(doc_id: str) -> str:
    return render.page_href("", {"doc": doc_id})


def search_href(facet: str, values: list[str]) -> str:
    """The search page filtered on a facet (OR between the values: a person's name variants)."""
    return render.page_href("", {facet: values})


def place_href(name: str) -> str:
    """Places have no page of their own: their chip filters the search on the place."""
    return search_href("place", [name])
