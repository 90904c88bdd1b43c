"""A message said at display time (``Text``): what flows, services and portal errors hand the
screens, so translation happens once, when a screen shows it. No Qt, no catalog here:
``kiosk.i18n.tr`` translates a Text."""

from __future__ import annotations


class Text:
    """A message said at display time: its Spanish message id and its parameters, kept apart
    until the screen translates them (``kiosk.i18n.tr`` takes a Text), so a language switch
    reaches texts with placeholders too. A parameter may itself be a Text (a state's name inside
    a sentence). ``str()`` gives the Spanish."""

    __slots__ = ("msgid", "params")

    def __init__(self, msgid: str, /, **params: object) -> None:
        self.msgid = msgid
        self.params = params

    def __str__(self) -> str:
        if not self.params:
            return self.msgid
        return self.msgid.format(**{k: str(v) for k, v in self.params.items()})

    def __repr__(self) -> str:  # never the parameters: they may be the visitor's data
        return f"Text({self.msgid!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and (self.msgid, self.params) == (other.msgid, other.params)

    def __hash__(self) -> int:
        return hash(self.msgid)


#: what a screen shows: data as it is (a name, a number), or a message to translate
Shown = str | Text
