"""The documented demo convocatorias (the README lists them; the UI tests walk them): always
seeded whatever the seed.

Those not finished are dated from the day the sandbox starts (``days`` from it: the service's
refresh dates them again at every start), so the open one is open, the coming one is still
coming and the one in evaluation waits for its results however old the data folder is. The
finished one has fixed dates and a fixed number, and a few application numbers with a known
result: a visitor with receipt 17 of 042-2025 was appointed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from kiosk.portal.models.job_openings import ApplicationOutcome, JobPost, OpeningKind
from kiosk.sandbox.job_openings_data import CLOSING_IN_PERSON, CLOSING_ONLINE


@dataclass(frozen=True)
class Moments:
    """When a convocatoria is published, receives papers and examines, as days from a day (the
    anchor, then every start); the papers' hours are the clocks."""

    published: int
    papers_from: int
    papers_until: int
    exam: int | None
    until_clock: str = CLOSING_IN_PERSON
    from_clock: str = "08:00"


@dataclass(frozen=True)
class DemoJob:
    key: str  # how tests and the README name it
    shows: str  # what it demonstrates
    post: JobPost
    kind: OpeningKind
    places: int
    workplace: str  # a court id (DDCCC) or a key of job_openings_data.OFFICES
    desk: str  # a key of job_openings_data.DESKS
    moments: Moments | None = None  # not finished: dated from every start
    number: str = ""  # a finished one's fixed number
    #: a finished one: (published, papers from, papers until, exam, results), fixed
    fixed: tuple[date, datetime, datetime, datetime, date] | None = None
    applicants: int = 0
    #: application numbers whose result is fixed: (application, outcome, score)
    known: tuple[tuple[int, ApplicationOutcome, int | None], ...] = ()
    extra_requirement: str = ""


#: Open: an Oficial I in Quetzaltenango's labour court, papers in person at the regional office
#: until ten days from the start; «oficiales quetzaltenango» finds it.
DEMO_OPEN = DemoJob(
    "open", "open, in person, ten days left", JobPost.OFICIAL_I, OpeningKind.EXTERNA, 3,
    "09006", "region_9", Moments(-4, -3, 10, 24),
)  # fmt: skip
#: Coming: a Técnico en informática at the CIT; papers online from four days after the start.
DEMO_COMING = DemoJob(
    "coming", "published, papers from a coming day, online (a QR)",
    JobPost.TECNICO_INFORMATICA, OpeningKind.EXTERNA, 2, "cit", "en_linea",
    Moments(-1, 4, 14, 30, until_clock=CLOSING_ONLINE),
)  # fmt: skip
#: Juez de Paz of San Juan Cotzal (Quiché), by the Consejo de la Carrera Judicial, online.
DEMO_JUDGE = DemoJob(
    "judge", "Carrera Judicial, a Maya language wanted", JobPost.JUEZ_PAZ, OpeningKind.EXTERNA, 1,
    "14023", "en_linea", Moments(-6, -5, 8, 35, until_clock=CLOSING_ONLINE),
    extra_requirement="Hablar el idioma Ixil (deseable).",
)  # fmt: skip
#: Closed five days before the start, exam in nine days: results pending.
DEMO_EVALUATING = DemoJob(
    "evaluating", "closed, results not yet published", JobPost.SECRETARIO, OpeningKind.INTERNA, 1,
    "05004", "region_5", Moments(-20, -19, -5, 9),
)  # fmt: skip
#: Finished: Convocatoria externa 042-2025, two Notificadores in Escuintla, with results.
DEMO_FINISHED_NUMBER = "042-2025"
DEMO_APPOINTED, DEMO_ELIGIBLE, DEMO_FAILED, DEMO_NOT_ADMITTED, DEMO_ABSENT = 17, 58, 103, 120, 150
DEMO_FINISHED = DemoJob(
    "finished", "results published: find one by its application number",
    JobPost.NOTIFICADOR, OpeningKind.EXTERNA, 2, "05014", "region_5",
    number=DEMO_FINISHED_NUMBER,
    fixed=(
        date(2025, 4, 7),
        datetime.fromisoformat("2025-04-08T08:00:00-06:00"),
        datetime.fromisoformat(f"2025-04-21T{CLOSING_IN_PERSON}:00-06:00"),
        datetime.fromisoformat("2025-05-09T09:00:00-06:00"),
        date(2025, 6, 20),
    ),
    applicants=214,
    known=(
        (DEMO_APPOINTED, ApplicationOutcome.NOMBRADO, 94),
        (DEMO_ELIGIBLE, ApplicationOutcome.APROBADO, 81),
        (DEMO_FAILED, ApplicationOutcome.NO_APROBADO, 55),
        (DEMO_NOT_ADMITTED, ApplicationOutcome.NO_ADMITIDO, None),
        (DEMO_ABSENT, ApplicationOutcome.NO_SE_PRESENTO, None),
    ),
)  # fmt: skip
#: words that find nothing at all
DEMO_NOTHING = "astronauta"

DEMO_JOBS: tuple[DemoJob, ...] = (
    DEMO_OPEN, DEMO_COMING, DEMO_JUDGE, DEMO_EVALUATING, DEMO_FINISHED,
)  # fmt: skip
