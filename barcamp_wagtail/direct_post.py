"""The public forms' posts by page id: the visitor's POST reaches the page's route without
Wagtail's walk from the site root.

Wagtail finds a page by looking up the Site of the request's host and then one child per URL
segment, each loaded twice (the page, then its specific model). For the registration and the
proposal form that walk was more than half of storing what a visitor sent (profiled: 5.2 of
8.9 s for 200 registrations), and a busy registration opening is exactly when it hurts. So
when a site includes ``barcamp_wagtail.urls`` the two forms post to ``post/<page id>/<form>/``
instead: one query loads the page, and from there on the request takes Wagtail's own path:

- the page must be live, of the form's page type, and reachable in a Site (otherwise 404, as
  an unpublished page or a page outside every site answers through Wagtail's routing);
- every ``before_serve_page`` hook runs, so view restrictions (password, log-in, groups) and
  a host site's own hooks refuse exactly as on the page's URL; then the ``on_serve_page``
  chain and the page's own ``serve``, as ``wagtail.views.serve`` does;
- the page's route view is the one the page URL resolves to: the same code answers both.

A GET of such a URL is redirected to the page's own URL (303): the short URL is a target for
posts, never a second address of a page that search engines or visitors would keep. Without
the URLs included the forms post to the page as before (:func:`form_action`).

What Wagtail's routing also decides and this does not: which Site the request's host names.
A page is served here whatever Site the host belongs to (Sites are not an access boundary in
Wagtail: view restrictions are, and they apply).
"""

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from wagtail import hooks
from wagtail.views import serve_chain

URL_NAME = "barcamp_wagtail:post"
#: Page ids are AutoField integers: a larger number is no page (and SQLite could not even take it).
LARGEST_PAGE_ID = 2**31 - 1


def _forms():
    """form name → (page model, the route's path components on that page)."""
    from .models import EventPage, ProposalPage

    return {"register": (EventPage, ["register"]), "propose": (ProposalPage, [])}


def form_action(page, form):
    """The URL a public form on ``page`` posts to: the short one when the site includes
    ``barcamp_wagtail.urls``, else the route's own URL below the page."""
    try:
        return reverse(URL_NAME, kwargs={"page_id": page.pk, "form": form})
    except NoReverseMatch:
        return _route_url(page, _forms()[form][1])


def _route_url(page, components):
    return page.url + "".join(f"{component}/" for component in components)


def serve(request, page_id, form):
    """Serve ``form``'s route of page ``page_id`` as ``wagtail.views.serve`` would serve the
    page's URL (see the module's docstring for what is checked)."""
    try:
        model, components = _forms()[form]
    except KeyError:
        raise Http404 from None
    if page_id > LARGEST_PAGE_ID:
        raise Http404
    # Not first(): its ORDER BY costs more to compile than the query takes to run.
    page = next(iter(model.objects.live().filter(pk=page_id).order_by()[:1]), None)
    if page is None or page.url is None:
        raise Http404
    if request.method != "POST":
        return HttpResponseRedirect(_route_url(page, components), status=303)
    route = page.route(request, components)
    if route.page.pk != page.pk:  # a route that left the page (cannot happen for the routes above)
        raise Http404
    args, kwargs = route.args, route.kwargs

    chain = serve_chain
    for hook in reversed(hooks.get_hooks("on_serve_page")):
        chain = hook(chain)
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, args, kwargs)
