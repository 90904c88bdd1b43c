"""The FEI's catalogue of concepts and its demo records: plain data, the one place a real
integration replaces ([A] throughout: no public list of the OJ's income concepts was found; the
kinds follow SERVICES.md: tasas, certificaciones, copias, multas, cauciones, depósitos judiciales).

Amounts are in cents. A concept has a fixed amount, or bounds within which the visitor types the
amount the court or office told them (a fine, a bail, so many pages of copies).
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.portal.models.income_forms import ConceptKind
from kiosk.portal.models.payments import Bank

#: [A] days a new form stays payable (the last day printed on it)
VALID_DAYS = 5
BANKS = (Bank.BANRURAL, Bank.INDUSTRIAL, Bank.GYT)  # [F] where the OJ's income is paid


@dataclass(frozen=True)
class Concept:
    code: str
    kind: ConceptKind
    name: str
    description: str
    needs_case: bool
    amount: int | None = None  # cents, when fixed
    bounds: tuple[int, int] | None = None  # cents, when typed

    def __post_init__(self) -> None:
        if (self.amount is None) == (self.bounds is None):
            raise ValueError(f"{self.code}: either a fixed amount or bounds")


def _fixed(code: str, kind: ConceptKind, name: str, text: str, q: int, *, case: bool) -> Concept:
    return Concept(code, kind, name, text, case, amount=q * 100)


def _typed(code: str, kind: ConceptKind, name: str, text: str, low: float, high: int) -> Concept:
    return Concept(code, kind, name, text, True, bounds=(round(low * 100), high * 100))


_T, _C, _P = ConceptKind.TASAS, ConceptKind.CERTIFICACIONES, ConceptKind.COPIAS
_M, _B, _D = ConceptKind.MULTAS, ConceptKind.CAUCIONES, ConceptKind.DEPOSITOS
_AGP = "Archivo General de Protocolos"
_AGT = "Archivo General de Tribunales"

CONCEPTS: tuple[Concept, ...] = (
    _fixed("TAS-001", _T, f"Registro de poder (mandato) en el {_AGP}",
           "Inscripción de un mandato otorgado ante notario.", 50, case=False),
    _fixed("TAS-002", _T, "Registro de modificación, sustitución o revocatoria de poder",
           "Cambios a un mandato ya inscrito.", 25, case=False),
    _fixed("TAS-003", _T, "Autenticación de firma de funcionario judicial",
           "Para usar un documento judicial en otra institución o en el extranjero.", 20,
           case=False),
    _fixed("TAS-004", _T, "Inscripción en el Registro de Peritos y Traductores",
           "Para actuar como perito o traductor nombrado por los juzgados.", 100, case=False),
    _fixed("TAS-005", _T, "Reposición de carné de perito, traductor o facilitador judicial",
           "Un carné nuevo por pérdida o deterioro.", 35, case=False),
    _fixed("TAS-006", _T, f"Búsqueda de escritura en el {_AGP}",
           "Cuando no sabe el número ni la fecha exacta de la escritura.", 15, case=False),
    _fixed("TAS-007", _T, f"Consulta de expediente en el {_AGT}",
           "Préstamo del expediente archivado para leerlo en la sala de consulta.", 10,
           case=True),
    _typed("CER-001", _C, "Certificación de resolución o sentencia",
           "El juzgado le indica el monto según las hojas que lleva.", 5, 2_000),
    _typed("CER-002", _C, "Certificación de expediente completo",
           "Copia certificada de todo el expediente; el monto depende de las hojas.", 25, 5_000),
    _typed("CER-003", _C, f"Certificación de expediente del {_AGT}",
           "De un caso terminado que está en el archivo.", 10, 3_000),
    _fixed("CER-004", _C, f"Certificación de testimonio o escritura del {_AGP}",
           "Copia certificada de una escritura depositada en el archivo.", 25, case=False),
    _fixed("CER-005", _C, "Constancia de inscripción de poder",
           "Dice que un mandato está inscrito y vigente.", 15, case=False),
    _fixed("CER-006", _C, "Certificación de acta de audiencia",
           "Copia certificada del acta de una audiencia.", 15, case=True),
    _fixed("CER-007", _C, "Constancia del estado de un proceso",
           "Dice en qué etapa está un caso, para presentarla en otra institución.", 10,
           case=True),
    _typed("COP-001", _P, "Fotocopias simples de un expediente",
           "Q0.50 por hoja: el juzgado le indica el total.", 0.5, 1_500),
    _fixed("COP-002", _P, "Copia del audio o video de una audiencia",
           "La grabación de una audiencia, en un disco o memoria.", 25, case=True),
    _typed("COP-003", _P, "Copia digital (escaneada) de un expediente",
           "El expediente escaneado, entregado en formato digital.", 10, 1_000),
    _typed("COP-004", _P, f"Fotocopias de un expediente del {_AGT}",
           "Q0.50 por hoja de un caso archivado.", 0.5, 1_500),
    _fixed("COP-005", _P, f"Copia simple de escritura del {_AGP}",
           "Copia sin certificar de una escritura depositada.", 10, case=False),
    _fixed("COP-006", _P, "Reposición de cédula de notificación",
           "Una copia nueva de la cédula con que le notificaron.", 5, case=True),
    _typed("MUL-001", _M, "Multa impuesta por un Juzgado de Paz (faltas)",
           "La multa de una falta que juzgó un Juzgado de Paz.", 25, 10_000),
    _typed("MUL-002", _M, "Multa impuesta en sentencia penal",
           "La multa que fijó la sentencia de un juzgado o tribunal penal.", 100, 100_000),
    _typed("MUL-003", _M, "Multa por no comparecer a una citación",
           "Para testigos, peritos o partes que no se presentaron cuando se les citó.", 50,
           5_000),
    _typed("MUL-004", _M, "Multa procesal a litigante o abogado",
           "La que impone el juez durante el proceso.", 100, 25_000),
    _typed("MUL-005", _M, "Multa en juicio de faltas de trabajo y previsión social",
           "La que impone un juzgado de trabajo a quien faltó a las leyes laborales.", 250,
           50_000),
    Concept("MUL-006", _M, f"Multa a notario por aviso o testimonio fuera de plazo ({_AGP})",
            "La que impone el archivo a un notario por entregar tarde.", False,
            bounds=(2_500, 500_000)),
    _typed("MUL-007", _M, "Multa por desobedecer una orden judicial",
           "La que impone el juez a quien no cumplió lo que ordenó.", 100, 50_000),
    _typed("MUL-008", _M, "Conmuta de pena de prisión o arresto",
           "El pago que la sentencia permite en lugar de la prisión o el arresto.", 100,
           100_000),
    _typed("CAU-001", _B, "Caución económica (medida sustitutiva en proceso penal)",
           "La garantía en dinero que fijó el juez para seguir el proceso en libertad.", 500,
           100_000),
    _typed("CAU-002", _B, "Caución para medida cautelar o embargo (proceso civil)",
           "La garantía que pide el juez antes de ordenar un embargo o una medida.", 500,
           100_000),
    _typed("CAU-003", _B, "Garantía en amparo provisional",
           "La garantía que fijó el tribunal de amparo.", 500, 100_000),
    _typed("CAU-004", _B, "Fianza por daños y perjuicios (medida precautoria)",
           "Responde por los daños si la medida pedida resulta injusta.", 1_000, 100_000),
    _typed("CAU-005", _B, "Caución para suspensión condicional de la pena",
           "La garantía que fijó la sentencia para suspender la pena.", 500, 50_000),
    _typed("DEP-001", _D, "Depósito de pensión alimenticia",
           "La pensión que fijó el juzgado de familia, depositada a favor de quien la recibe.",
           100, 50_000),
    _typed("DEP-002", _D, "Consignación de pago",
           "Un pago que el acreedor no quiso recibir, depositado en el juzgado.", 50, 100_000),
    _typed("DEP-003", _D, "Depósito de prestaciones laborales (convenio o sentencia)",
           "Lo que el patrono paga al trabajador por medio del juzgado.", 100, 100_000),
    _typed("DEP-004", _D, "Depósito para postura en remate",
           "El depósito que se exige para ofrecer en un remate judicial.", 500, 100_000),
    _typed("DEP-005", _D, "Honorarios de experto o perito nombrado por el juez",
           "Lo que cobra el experto que nombró el juzgado.", 200, 25_000),
    _typed("DEP-006", _D, "Depósito de renta (arrendamiento en litigio)",
           "La renta que se deposita en el juzgado mientras dura el juicio.", 100, 50_000),
    _typed("DEP-007", _D, "Depósito para gastos de publicación de edictos",
           "Lo que cuesta publicar un edicto que ordenó el juzgado.", 100, 3_000),
)  # fmt: skip

BY_CODE: dict[str, Concept] = {concept.code: concept for concept in CONCEPTS}


# --- demo records: always seeded, documented for newcomers and the UI tests -----------------------

#: a fixed amount, no case: Q50.00 (the shortest walk)
DEMO_CONCEPT_FIXED = "TAS-001"
#: a fine typed within Q25.00 to Q10,000.00, for a case
DEMO_CONCEPT_CASE = "MUL-001"
#: a case number for it (a Juzgado de Paz of Huehuetenango); the FEI checks its shape and court
DEMO_CASE_NUMBER = "13028-2026-00018"
#: a NIT whose check digit is K (the form takes it), and the same number with a wrong one
DEMO_NIT = "4415285K"
DEMO_NIT_WRONG = "44152853"


@dataclass(frozen=True)
class DemoForm:
    number: str
    shows: str
    concept: str
    case_number: str | None
    amount: int  # cents
    created_days_ago: int  # at every start, so that its status stays what ``shows`` says
    paid_days_ago: int | None
    paid_bank: Bank | None = None
    payer: tuple[str, str] = ("nit", DEMO_NIT)  # (kind, id)


#: a fine for the demo case, made yesterday: pending, payable for four more days
DEMO_FEI_PENDING = "FEI-2025-90000001"
#: a power of attorney's registration, paid at Banco Industrial two days ago
DEMO_FEI_PAID = "FEI-2025-90000002"
#: copies of a file, made three weeks ago and never paid: expired
DEMO_FEI_EXPIRED = "FEI-2025-90000003"

DEMO_PAYER_NAME = "Juan Carlos García Hernández"  # stored; the portal answers J. C. G. H.

DEMO_FORMS: tuple[DemoForm, ...] = (
    DemoForm(DEMO_FEI_PENDING, "pending", DEMO_CONCEPT_CASE, DEMO_CASE_NUMBER, 30_000, 1, None),
    DemoForm(DEMO_FEI_PAID, "paid", DEMO_CONCEPT_FIXED, None, 5_000, 3, 2, Bank.INDUSTRIAL,
             ("dpi", "3157286470108")),
    DemoForm(DEMO_FEI_EXPIRED, "expired", "COP-001", "01173-2019-00123", 2_250, 21, None),
)  # fmt: skip
