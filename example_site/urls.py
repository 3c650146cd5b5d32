from django.apps import apps
from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    # The registration and proposal forms post here, past Wagtail's page-tree walk (docs/integrators.md).
    path("barcamp/", include("barcamp_wagtail.urls")),
]

# Wagtail's API v2 for headless front ends (docs/api.md), when its apps are installed.
if apps.is_installed("wagtail.api.v2"):
    from wagtail.api.v2.router import WagtailAPIRouter
    from wagtail.documents.api.v2.views import DocumentsAPIViewSet
    from wagtail.images.api.v2.views import ImagesAPIViewSet

    from barcamp_wagtail.api.views import BarcampPagesAPIViewSet

    api_router = WagtailAPIRouter("wagtailapi")
    api_router.register_endpoint("pages", BarcampPagesAPIViewSet)
    api_router.register_endpoint("images", ImagesAPIViewSet)
    api_router.register_endpoint("documents", DocumentsAPIViewSet)
    urlpatterns.insert(0, path("api/v2/", api_router.urls))

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
