"""People, bodies and offices as entities: who held which office when, derived from the store's
extracted metadata once per data version (kb/entities/catalog.py) and read per request (views.py)."""
