"""The one way to hand an uploaded file to a browser: after the caller's policy check.

Uploaded files are never served under ``MEDIA_URL`` (config/urls.py serves no media, in any
settings). A view that offers a file checks the object's own policy, then returns
``protected_download(field_file, allowed=...)``::

    statement = get_object_or_404(HoursStatement, pk=pk)
    return protected_download(statement.proof, allowed=policy.can_view_statement(request.user, statement))

The response is an attachment (never rendered by the browser in the site's origin), with
``X-Content-Type-Options: nosniff``, a sandboxing Content-Security-Policy and no caching by proxies.
"""

import mimetypes
from pathlib import PurePosixPath

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404

_INLINE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}


def protected_download(field_file, *, allowed: bool, filename: str | None = None, inline: bool = False):
    """Stream ``field_file`` if ``allowed`` (the result of the caller's policy check).

    ``inline`` is honoured only for raster images (a logo); everything else is an attachment.
    """
    if not allowed:
        raise PermissionDenied("Vous n'avez pas accès à ce fichier.")
    if not field_file:
        raise Http404("Aucun fichier.")
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404("Fichier introuvable.") from error
    name = filename or PurePosixPath(field_file.name).name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    as_attachment = not (inline and content_type in _INLINE_TYPES)
    if as_attachment:
        content_type = "application/octet-stream" if content_type.startswith("text/") else content_type
    response = FileResponse(handle, as_attachment=as_attachment, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
