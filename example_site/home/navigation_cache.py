"""The pages of the example site's main navigation, kept in Django's default cache.

One cache entry holds the menu of every Site. Any save, deletion or move of a page (its
title, slug, "show in menus", publication or place may have changed) or of a Site empties it,
so the next request reads the tree again. Like Wagtail's site root paths, this is exact
across processes when the default cache is shared (docs/deployment.md: Redis)."""

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import post_page_move

CACHE_KEY = "example-site-navigation"


def menu_pages(site):
    """The site's root page, then its live children marked "show in menus", in tree order."""
    root = site.root_page  # loaded with the Site by Wagtail's lookup
    pages = Page.objects.live().filter(
        Q(pk=root.pk) | Q(show_in_menus=True, depth=root.depth + 1, path__startswith=root.path)
    )
    return sorted(pages, key=lambda page: page.path)


def forget_menus(sender, **kwargs):
    """Empty the menus now and once more at commit: a request that read the tree before the
    change was committed may have stored the old menu in between."""
    if isinstance(sender, type) and issubclass(sender, (Page, Site)):
        cache.delete(CACHE_KEY)
        transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def connect():
    post_save.connect(forget_menus, dispatch_uid="example-site-navigation-save")
    post_delete.connect(forget_menus, dispatch_uid="example-site-navigation-delete")
    post_page_move.connect(forget_menus, dispatch_uid="example-site-navigation-move")
