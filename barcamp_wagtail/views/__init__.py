"""Views behind the routes of barcamp pages, one module per page feature. Thin: the logic lives elsewhere."""
