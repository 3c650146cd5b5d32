"""The pages of the example site's main navigation, kept in the cache the app renders its
schedules into.

One cache entry holds the menu of every Site. Any save, deletion or move of a page (its
title, slug, "show in menus", publication or place may have changed) or of a Site empties it,
so the next request reads the tree again.

The entry lives in the app's ``SCHEDULE_CACHE`` alias, which docs/deployment.md asks to be
shared by every app server (Redis): there an emptying in one process is seen by all of them.
Where that alias is a per-process memory (``make demo``'s single process, or a host that
ignores the guide), or while Redis is unreachable and ``shared_cache`` falls back to memory,
another process could keep an old menu, so the entry expires after ``MENU_SECONDS`` at most:
a bounded delay instead of a stale menu for the process's whole life. A schedule cache turned
off (``SCHEDULE_CACHE_TIMEOUT`` 0) turns the menu's off too."""

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import post_page_move

from barcamp_wagtail.conf import get_setting
from barcamp_wagtail.shared_cache import shared_cache

CACHE_KEY = "example-site-navigation"

#: The longest a process may serve a menu that another process changed, where the cache is not shared.
MENU_SECONDS = 300


def _cache():
    """The schedule cache and the entry's lifetime, or (None, 0) when that cache is off."""
    timeout = min(get_setting("SCHEDULE_CACHE_TIMEOUT"), MENU_SECONDS)
    return (shared_cache(get_setting("SCHEDULE_CACHE")), timeout) if timeout else (None, 0)


def menu_pages(site):
    """The site's root page, then its live children marked "show in menus", in tree order."""
    root = site.root_page  # loaded with the Site by Wagtail's lookup
    pages = Page.objects.live().filter(
        Q(pk=root.pk) | Q(show_in_menus=True, depth=root.depth + 1, path__startswith=root.path)
    )
    return sorted(pages, key=lambda page: page.path)


def cached_menu_pages(site):
    """``menu_pages(site)``, from the cache when it holds them."""
    cache, timeout = _cache()
    if cache is None:
        return menu_pages(site)
    menus = cache.get(CACHE_KEY) or {}
    pages = menus.get(site.pk)
    if pages is None:
        pages = menus[site.pk] = menu_pages(site)
        cache.set(CACHE_KEY, menus, timeout)
    return pages


def forget_menus(sender, **kwargs):
    """Empty the menus now and once more at commit: a request that read the tree before the
    change was committed may have stored the old menu in between."""
    if isinstance(sender, type) and issubclass(sender, (Page, Site)):
        cache, _timeout = _cache()
        if cache is not None:
            cache.delete(CACHE_KEY)
            transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def connect():
    post_save.connect(forget_menus, dispatch_uid="example-site-navigation-save")
    post_delete.connect(forget_menus, dispatch_uid="example-site-navigation-delete")
    post_page_move.connect(forget_menus, dispatch_uid="example-site-navigation-move")
