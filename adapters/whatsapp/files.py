"""Files sent by WhatsApp clients: the media id -> its URL (Graph) -> the bytes (bearer token)."""

from __future__ import annotations

from adapters.whatsapp.errors import delivery_error
from adapters.whatsapp.graph import GraphClient, GraphError
from core.files import FileContent
from core.outbox import Attachment

_EXTENSIONS = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/pdf": "pdf",
    "audio/ogg": "ogg",
    "audio/mpeg": "mp3",
    "audio/mp4": "m4a",
    "video/mp4": "mp4",
}


class WhatsAppFileSource:
    """Implements ``core.files.FileSource`` for attachments of channel ``whatsapp``."""

    def __init__(self, graph: GraphClient) -> None:
        self.graph = graph

    async def fetch(self, attachment: Attachment) -> FileContent:
        """Download ``attachment`` (TransientDeliveryError or PermanentDeliveryError)."""
        try:
            url, mime = await self.graph.media(attachment.ref)
            data = await self.graph.download(url)
        except GraphError as error:
            raise delivery_error(error) from error
        mime_type = attachment.mime_type or mime
        base = (mime_type or "").split(";")[0].strip()
        name = attachment.name or f"{attachment.kind}.{_EXTENSIONS.get(base, 'bin')}"
        return FileContent(data=data, name=name, mime_type=mime_type)
