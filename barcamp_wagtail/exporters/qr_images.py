"""QR codes for printed documents, as PNG images.

WeasyPrint draws an inline SVG QR code as one path per dark module, which costs about a second per
badge; a PNG of the same code is one image. The images are made here, kept in memory for one
document and handed to WeasyPrint by the strict URL fetcher of ``exporters.pdf`` under URLs of
their own scheme: nothing outside the document is read, and ``data:`` stays refused.
"""

import hashlib
import io

import segno

SCHEME = "barcamp-qr"
# One pixel per module: the smallest image, drawn sharp at any size by the stylesheet's
# ``image-rendering: pixelated`` (the PDF image is then not interpolated).
SCALE = 1


class QrImages:
    """The QR codes of one document. ``url(text)`` is what goes into ``<img src>``;
    ``exporters.pdf.html_to_pdf(html, images=…)`` serves them."""

    def __init__(self):
        self._images = {}

    def url(self, text):
        """The URL of a PNG QR code of ``text`` (medium error correction survives a crease)."""
        key = hashlib.sha256(text.encode()).hexdigest()[:32]
        if key not in self._images:
            buffer = io.BytesIO()
            segno.make(text, error="m").save(buffer, kind="png", scale=SCALE, border=4)
            self._images[key] = buffer.getvalue()
        return f"{SCHEME}:{key}.png"

    def get(self, url):
        """The PNG bytes behind ``url``, or None for a URL that is not one of this document's codes."""
        scheme, _sep, name = url.partition(":")
        if scheme != SCHEME or not name.endswith(".png"):
            return None
        return self._images.get(name.removesuffix(".png"))
