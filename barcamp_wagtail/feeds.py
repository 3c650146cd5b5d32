"""RSS and Atom feeds of a press index, built on Django's syndication framework.

Every URL in a feed is absolute and taken from the Wagtail Site the index belongs to, never from
the request's Host header. On a multilingual site each translation of an index has its own feed,
of its own releases, marked with its locale's language.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape, strip_tags

from .multilingual import in_page_language
from .structured_data import site_name


class PressReleaseRssFeed(Feed):
    feed_type = Rss201rev2Feed
    route_name = "rss_feed"

    def __init__(self, index):
        self.index = index
        self.request = None

    def __call__(self, request, *args, **kwargs):
        self.request = request
        # Each translation of an index has a feed of its own releases, in its own language.
        with in_page_language(self.index):
            return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return self.index

    def title(self, index):
        return index.seo_title or index.title

    def link(self, index):
        return index.get_full_url(self.request)

    def feed_url(self, index):
        return index.feed_url(self.route_name, self.request)

    def description(self, index):
        return index.search_description or strip_tags(index.intro) or index.title

    def author_name(self, index):
        return site_name(index, self.request)

    def items(self, index):
        return index.releases()[: index.releases_in_feed]

    def item_title(self, release):
        return release.title

    def item_description(self, release):
        # Feed readers treat descriptions as HTML: the plain-text lead is escaped once more.
        return escape(release.lead)

    def item_link(self, release):
        return release.get_full_url(self.request)

    def item_pubdate(self, release):
        return release.published_at

    def item_updateddate(self, release):
        return release.last_published_at or release.published_at


class PressReleaseAtomFeed(PressReleaseRssFeed):
    feed_type = Atom1Feed
    route_name = "atom_feed"

    def subtitle(self, index):
        return self.description(index)
