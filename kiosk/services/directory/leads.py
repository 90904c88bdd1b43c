"""How another service's record leads to a court's card in the directory: «Cómo llegar a este
juzgado» opens the directory searching the court's code (DDCCC, shared with kiosk.courts), which
finds that one court, so its card opens at once."""

from __future__ import annotations

from kiosk.flows.records import Lead
from kiosk.flows.text import _

DIRECTORY = "directorio"  # the directory's service id (kiosk.services.directory.SERVICE_ID)


def way_to_court(court_id: str) -> Lead:
    return Lead(
        "directory",
        _("Cómo llegar a este juzgado"),
        DIRECTORY,
        (("way", "words"), ("words", court_id)),
    )
