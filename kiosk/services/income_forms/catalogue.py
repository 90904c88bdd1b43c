"""The portal's catalogue of FEI concepts, as the kiosk last read it.

Why a memory: the flow engine hands a field's options (``choices_from``), its validator and a
question's branch only the visitor's answers, never an action's result; yet the concepts to choose
from, the amount's bounds and whether a case number is asked all come from the portal. The
``catalogue`` action reads them (``GET /fei-concepts``) and keeps them here for the questions
that follow. It holds public data only (codes, names, amounts: the same for every visitor), so it
is not the visit's and a reset has nothing to wipe in it; each visit reads the catalogue again.
"""

from __future__ import annotations

from kiosk.portal.models.income_forms import ConceptKind, ConceptList, FeiConcept


class Catalogue:
    def __init__(self) -> None:
        self._concepts: dict[str, FeiConcept] = {}

    def remember(self, kind: ConceptKind, found: ConceptList) -> None:
        """What the portal answered for ``kind``: it replaces what was known of it (a concept
        the portal no longer lists is no longer offered)."""
        for code in [code for code, c in self._concepts.items() if c.kind is kind]:
            del self._concepts[code]
        self._concepts.update((c.code, c) for c in found.items if c.kind is kind)

    def concept(self, code: object) -> FeiConcept:
        """The concept with this code; KeyError when the catalogue has not listed it."""
        if not isinstance(code, str):
            raise KeyError(code)
        return self._concepts[code]

    def of_kind(self, kind: object) -> tuple[FeiConcept, ...]:
        return tuple(c for c in self._concepts.values() if c.kind.value == kind)


CATALOGUE = Catalogue()
