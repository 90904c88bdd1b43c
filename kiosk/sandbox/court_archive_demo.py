"""The Archivo de Tribunales' demo records: always seeded, documented in the README, one for every
state a file can be in (and a reserved one, and an old number kept by three clerk's desks).
Typed as a visitor finds them on old papers: ``C-456-87 Of. 2ª``, ``Expediente 78/1975``."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.portal.models.court_archive import ArchivePartyRole, ArchiveProcess, ArchiveStatus

_A, _D = ArchivePartyRole.ACTOR, ArchivePartyRole.DEMANDADO


@dataclass(frozen=True)
class DemoArchiveCase:
    number: str  # canonical (kiosk.case_numbers)
    court: str  # DDCCC
    shows: str  # what it demonstrates
    matter: str  # stored matter (an ArchiveMatter value, or a reserved one)
    process: str
    years: tuple[int, int]
    folios: int
    status: ArchiveStatus
    since: str  # ISO day; "today-N": N days before today, kept so at every start
    parties: tuple[tuple[ArchivePartyRole, str], ...]  # full names, as stored
    place: tuple[int, int, int] = (1, 1, 1)  # estante, caja, legajo
    acta: int | None = None


#: On its shelf at the Archivo General de Tribunales: a certificación, copias or a constancia.
DEMO_AVAILABLE_NUMBER, DEMO_AVAILABLE_COURT = "123-1998", "01023"
#: Typed «C-456-87 Of. 2ª»: being scanned at the Quetzaltenango archive (a request takes longer).
DEMO_SCANNING_NUMBER, DEMO_SCANNING_COURT = "456-1987 Of. 2", "09003"
DEMO_SCANNING_TYPED = "C-456-87 Of. 2ª"
#: Typed «Expediente 78/1975»: sent to the Archivo General de Centro América.
DEMO_TRANSFERRED_NUMBER, DEMO_TRANSFERRED_COURT = "78-1975", "05003"
DEMO_TRANSFERRED_TYPED = "Expediente 78/1975"
#: An SGT number: lent to its court for twenty days now; a request waits for it to come back.
DEMO_LENT_NUMBER, DEMO_LENT_COURT = "01024-2009-00412", "01024"
#: Finished but never sent: the labour court of Quetzaltenango still keeps it.
DEMO_AT_COURT_NUMBER, DEMO_AT_COURT_COURT = "09006-2023-00188", "09006"
#: Destroyed in an expurgo, on record (an acta): nothing to copy.
DEMO_DESTROYED_NUMBER, DEMO_DESTROYED_COURT = "35-1968", "03009"
#: Lost, on record (an acta).
DEMO_LOST_NUMBER, DEMO_LOST_COURT = "210-1979", "16003"
#: A family case: «Reservado» and nothing else.
DEMO_RESERVED_NUMBER, DEMO_RESERVED_COURT = "77-2001", "01033"
#: One old number written by three clerk's desks of one court: the list to choose from.
DEMO_DESKS_NUMBER, DEMO_DESKS_COURT = "15-1990", "01025"

_ORDINARIO, _SUMARIO = ArchiveProcess.ORDINARIO.value, ArchiveProcess.SUMARIO.value
_DISPONIBLE = ArchiveStatus.DISPONIBLE

DEMO_CASES: tuple[DemoArchiveCase, ...] = (
    DemoArchiveCase(
        DEMO_AVAILABLE_NUMBER, DEMO_AVAILABLE_COURT, "on its shelf: every request", "civil",
        _ORDINARIO, (1998, 2003), 245, _DISPONIBLE, "2004-02-16",
        ((_A, "Juan Carlos García Hernández"), (_D, "Inmobiliaria Los Pinos, Sociedad Anónima")),
        place=(14, 387, 7),
    ),
    DemoArchiveCase(
        DEMO_SCANNING_NUMBER, DEMO_SCANNING_COURT, "being scanned: a request takes longer",
        "civil", _SUMARIO, (1987, 1989), 88, ArchiveStatus.DIGITALIZACION, "today-12",
        ((_A, "Rosa Elena Cruz Reyes"), (_D, "Pedro Pablo Morales Castillo")),
        place=(3, 1204, 2),
    ),
    DemoArchiveCase(
        DEMO_TRANSFERRED_NUMBER, DEMO_TRANSFERRED_COURT, "sent to the AGCA: where to ask",
        "civil", ArchiveProcess.SUCESORIO.value, (1975, 1977), 61, ArchiveStatus.TRASLADADO,
        "2009-11-23", ((_A, "Ana Lucía Méndez Juárez"),),
    ),
    DemoArchiveCase(
        DEMO_LENT_NUMBER, DEMO_LENT_COURT, "lent to its court: a request waits for it",
        "civil", ArchiveProcess.EJECUTIVO.value, (2009, 2012), 132, ArchiveStatus.PRESTADO,
        "today-20",
        ((_A, "Banco de los Trabajadores"), (_D, "María Fernanda López Pérez")),
        place=(22, 5310, 11),
    ),
    DemoArchiveCase(
        DEMO_AT_COURT_NUMBER, DEMO_AT_COURT_COURT, "finished, still at the court", "trabajo",
        ArchiveProcess.ORDINARIO_LABORAL.value, (2023, 2025), 97, ArchiveStatus.EN_JUZGADO,
        "2025-08-29",
        ((_A, "Ixchel Alejandra Caal Choc"), (_D, "Textiles del Sur, Sociedad Anónima")),
    ),
    DemoArchiveCase(
        DEMO_DESTROYED_NUMBER, DEMO_DESTROYED_COURT, "destroyed in an expurgo (acta)", "penal",
        ArchiveProcess.FALTAS.value, (1968, 1968), 12, ArchiveStatus.DESTRUIDO, "2004-06-15",
        ((_A, "Ministerio Público"), (_D, "José Luis Hernández López")), acta=4,
    ),
    DemoArchiveCase(
        DEMO_LOST_NUMBER, DEMO_LOST_COURT, "lost, on record (acta)", "civil", _ORDINARIO,
        (1979, 1982), 150, ArchiveStatus.EXTRAVIADO, "2015-03-09",
        ((_A, "Carlos Enrique Morales Castillo"), (_D, "Finca El Roble, Sociedad Anónima")),
        acta=17,
    ),
    DemoArchiveCase(
        DEMO_RESERVED_NUMBER, DEMO_RESERVED_COURT, "reserved: «Reservado» only", "familia",
        "familia", (2001, 2002), 54, _DISPONIBLE, "2003-05-12",
        ((_A, "Gabriela Sofía Ramírez Orellana"), (_D, "Luis Fernando Ramírez Estrada")),
        place=(31, 2210, 4),
    ),
    *(
        DemoArchiveCase(
            f"{DEMO_DESKS_NUMBER} Of. {desk}", DEMO_DESKS_COURT, "one number, three desks",
            "civil", kind, (1990, 1992 + desk), 40 + 30 * desk, _DISPONIBLE, f"199{3 + desk}-07-01",
            ((_A, actor), (_D, "Comercializadora El Sol, Sociedad Anónima")),
            place=(9 + desk, 800 + desk, desk),
        )
        for desk, kind, actor in (
            (1, _ORDINARIO, "Marta Julia Pérez Gómez"),
            (2, ArchiveProcess.EJECUTIVO.value, "Inversiones Quetzal, Sociedad Anónima"),
            (3, _SUMARIO, "Óscar René Chávez Mejía"),
        )
    ),
)  # fmt: skip
