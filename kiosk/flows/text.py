"""The translation marker for every string a visitor sees in a flow.

``_`` returns its argument unchanged for now: it marks a Spanish (Guatemala) source string so an
extraction command can collect it, and the i18n layer will replace it with a real lookup.

Mind the two moments a marked string is evaluated:

* messages built while the visitor uses the kiosk (validation errors, bodies of confirmation
  screens) call ``_`` at that moment, so a replaced ``_`` translates them;
* titles, labels and hints in flow definitions are module-level data, evaluated once at import,
  so they stay the Spanish source: the UI must translate them at display time, using the Spanish
  text as the message id (gettext's ``N_`` pattern), to honour a runtime language switch.
"""

from __future__ import annotations

from kiosk.text import Shown as Shown
from kiosk.text import Text as Text


def _(message: str) -> str:
    """Mark ``message`` for translation; the i18n layer will replace this with a lookup."""
    return message
