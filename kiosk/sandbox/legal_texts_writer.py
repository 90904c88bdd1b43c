"""The sandbox's legal texts, written: laws by Títulos and Capítulos, CSJ acuerdos (considerandos,
«POR TANTO», artículos), circulars (numbered paragraphs) and published rulings (antecedentes,
considerandos, «POR TANTO», resolutive points), each split into units and parts.

Deterministic: everything is drawn from the rng it is given, in a fixed order. Fast: sentences
are templates filled by index (one ``rng.random()`` a choice), so the whole corpus (about 640
documents and 8 000 units) is written in a fraction of a second.

[A] Every sentence is generated; the parties of a ruling are written by their initials only
(a name is drawn and cut at once: it is never stored).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

from kiosk.courts import COURTS, Court, CourtKind, Matter, courts_in
from kiosk.geography import DEPARTMENTS, municipality_name
from kiosk.portal.models.legal_texts import LegalKind, LegalState, UnitKind
from kiosk.sandbox import legal_texts_topics as topics
from kiosk.sandbox.legal_texts_catalog import LawSpec
from kiosk.sandbox.legal_texts_topics import BY_KEY, Topic
from kiosk.sandbox.people import DEPARTMENT_WEIGHTS, People, Weighted, initials

T = TypeVar("T")

#: a document with more units than this is read (and printed) by part; a shorter one whole
WHOLE_UNITS = 40
#: about how many articles a part of a long law holds: what one reading screen shows
PART_SIZE = 12
WHOLE_PART = "todo"


@dataclass
class Unit:
    slug: str
    kind: UnitKind
    label: str
    heading: str | None
    paragraphs: tuple[str, ...]


@dataclass
class Part:
    slug: str
    heading: str
    title: str
    units: list[Unit] = field(default_factory=list)


@dataclass
class Document:
    slug: str
    kind: LegalKind
    number: str
    title: str
    issuer: str
    issued_on: date
    summary: str
    parts: list[Part]
    published_on: date | None = None
    in_force_on: date | None = None
    state: LegalState | None = None
    state_by: str | None = None
    addressed_to: str | None = None
    topic: str = ""
    department: int | None = None  # where a ruling's case or a court's acuerdo comes from

    @property
    def units(self) -> list[Unit]:
        return [unit for part in self.parts for unit in part.units]


# --- words ---------------------------------------------------------------------------------------

_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
    (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip
_MONTHS = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "octubre", "noviembre", "diciembre",
)  # fmt: skip


def roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def spoken_date(day: date) -> str:
    return f"{day.day} de {_MONTHS[day.month - 1]} de {day.year}"


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lowered(sentence: str) -> str:
    """A sentence to go after «que»: its first letter small (every sentence here starts with an
    article or a common word: «La Corte…» is «la Corte…»)."""
    return sentence[:1].lower() + sentence[1:]


def _contracted(text: str) -> str:
    """Spanish contractions the templates leave out: «de el» is «del», «a el» is «al»."""
    return (
        text.replace(" de el ", " del ")
        .replace(" a el ", " al ")
        .replace("De el ", "Del ")
        .replace("A el ", "Al ")
    )


_GENERIC = (
    "{Person} {must} {act} dentro del plazo de {days} días hábiles, contados a partir del día "
    "siguiente de {event}.",
    "Corresponde a {authority} lo relativo a {thing}, de conformidad con {doc} y con {reference}.",
    "Cuando {condition}, {person} {may} {act}, lo que se hará constar en {record}.",
    "Las solicitudes relativas a {thing} se presentarán ante {office}, que deberá resolverlas "
    "dentro de {days} días hábiles.",
    "{Authority} llevará un registro actualizado de {thing}, que podrá consultarse en el portal "
    "de servicios electrónicos del Organismo Judicial.",
    "Se garantiza a toda persona el acceso a {thing} en su propio idioma; para ello {authority} "
    "proveerá intérprete cuando sea necesario.",
    "El incumplimiento de lo dispuesto en este artículo dará lugar a responsabilidad "
    "disciplinaria, sin perjuicio de las responsabilidades civiles y penales que correspondan.",
    "Lo relativo a {thing} se regirá por lo dispuesto en {section} y, en lo que no esté "
    "previsto, por {reference}.",
    "{Person} {has} derecho a ser {informed} de lo relativo a {thing} en forma clara, sencilla y "
    "oportuna.",
    "Para el cumplimiento de lo relativo a {thing}, {authority} dictará las instrucciones "
    "necesarias y las dará a conocer por medio de circular.",
    "Cuando {condition}, el plazo para {act} se ampliará por {days} días hábiles más.",
)
_DEFINITION = "Para los efectos de {doc}, se entiende por {term}: {meaning}."


class Words:
    """Sentences about a topic, drawn from one rng."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.rng.random() * len(items))]

    def between(self, low: int, high: int) -> int:
        return low + int(self.rng.random() * (high - low + 1))

    def sentence(self, topic: Topic, *, doc: str, section: str) -> str:
        pick = self.pick
        person, authority = pick(topic.people), pick(topics.AUTHORITIES)
        many = person.startswith(("los ", "las "))
        template = pick(_GENERIC)
        text = template.format(
            must="deberán" if many else "deberá",
            may="podrán" if many else "podrá",
            has="tienen" if many else "tiene",
            informed=("informadas" if person.startswith("las ") else "informados")
            if many
            else ("informada" if person.startswith("la ") else "informado"),
            Person=capital(person),
            person=person,
            act=pick(topic.acts),
            days=topics.NUMBERS_IN_WORDS[self.between(2, 15)],
            event=pick(topics.EVENTS),
            authority=authority,
            Authority=capital(authority),
            thing=pick(topic.things),
            doc=doc,
            reference=pick(topics.REFERENCES),
            condition=pick(topics.CONDITIONS),
            record=pick(topics.RECORDS),
            office=topic.office,
            section=section,
        )
        return _contracted(text)

    def paragraph(self, topic: Topic, *, doc: str, section: str, sentences: int) -> str:
        parts = []
        if self.rng.random() < 0.4:
            parts.append(self.pick(topic.facts))
        while len(parts) < sentences:
            parts.append(self.sentence(topic, doc=doc, section=section))
        return " ".join(parts)

    def definition(self, topic: Topic, doc: str) -> str:
        term, meaning = self.pick(topic.terms)
        return _contracted(_DEFINITION.format(doc=doc, term=term, meaning=meaning))

    def article_body(self, topic: Topic, *, doc: str, section: str) -> tuple[str, ...]:
        count = 1 if self.rng.random() < 0.55 else 2
        return tuple(
            self.paragraph(topic, doc=doc, section=section, sentences=self.between(1, 2))
            for _ in range(count)
        )


def article(number: int, heading: str, paragraphs: tuple[str, ...]) -> Unit:
    return Unit(
        f"articulo-{number}", UnitKind.ARTICULO, f"Artículo {number}", f"{heading}.", paragraphs
    )


# --- laws ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Division:
    titulo: int
    chapter: int  # 0: a Título without Capítulos
    title: str
    topic: Topic
    articles: int


def _plan(spec: LawSpec, words: Words) -> list[_Division]:
    """Títulos (and Capítulos) of a law: general provisions first, final ones last, a topic a
    Título in between (its Capítulos named by the topic's headings); no part longer than about
    12 articles: a part is read on one screen."""
    main = BY_KEY[spec.topics[0]]
    first = min(6, max(2, spec.articles // 20))
    last = min(5, max(2, spec.articles // 30))
    middle = spec.articles - first - last
    pieces = max(1, round(middle / PART_SIZE))
    sizes = [middle // pieces + (1 if i < middle % pieces else 0) for i in range(pieces)]
    divisions = [_Division(1, 0, "Disposiciones generales", main, first)]
    titulo, done, topic_index = 1, 0, 0
    while done < len(sizes):
        titulo += 1
        topic = BY_KEY[spec.topics[topic_index % len(spec.topics)]]
        topic_index += 1
        chapters = min(words.pick((1, 2, 3, 3, 4)), len(sizes) - done)
        names = [topic.chapter, *(h for h in topic.headings if h != topic.headings[0])]
        for chapter in range(chapters):
            number = 0 if chapters == 1 else chapter + 1
            divisions.append(_Division(titulo, number, names[chapter], topic, sizes[done]))
            done += 1
    divisions.append(_Division(titulo + 1, 0, "Disposiciones finales y transitorias", main, last))
    return divisions


def write_law(spec: LawSpec, words: Words, *, state_by: str | None = None) -> Document:
    main = BY_KEY[spec.topics[0]]
    divisions = _plan(spec, words)
    parts: list[Part] = []
    number = 0
    doc = "esta ley"
    for division in divisions:
        if division.chapter:
            slug = f"titulo-{division.titulo}-capitulo-{division.chapter}"
            heading = f"Título {roman(division.titulo)} · Capítulo {roman(division.chapter)}"
            section = "este capítulo"
        else:
            slug = f"titulo-{division.titulo}"
            heading = f"Título {roman(division.titulo)}"
            section = "este título"
        part = Part(slug, heading, division.title)
        for position in range(division.articles):
            number += 1
            part.units.append(
                _law_article(spec, words, division, number, position, doc=doc, section=section)
            )
        parts.append(part)
    if number <= WHOLE_UNITS:
        whole = [unit for part in parts for unit in part.units]
        parts = [Part(WHOLE_PART, "Texto completo", spec.title, whole)]
    issued = date(spec.year, 1, 1) + timedelta(days=words.between(20, 330))
    published = issued + timedelta(days=words.between(5, 25))
    others = [BY_KEY[key].subject for key in spec.topics[1:3]]
    summary = f"Regula {main.summary}."
    if others:
        summary += f" También trata de {' y de '.join(others)}."
    return Document(
        spec.slug, LegalKind.LEY, spec.number, spec.title, spec.issuer, issued, summary, parts,
        published_on=published, in_force_on=published + timedelta(days=8), state=spec.state,
        state_by=spec.state_by or state_by, topic=main.key,
    )  # fmt: skip


def _law_article(
    spec: LawSpec,
    words: Words,
    division: _Division,
    number: int,
    position: int,
    *,
    doc: str,
    section: str,
) -> Unit:
    topic = division.topic
    if number == 1:
        body = (f"{capital(doc)} regula {topic.summary}.",)
        return article(1, "Objeto", body)
    if number == 2:
        return article(2, "Definiciones", (words.definition(topic, doc),))
    last = division.title.startswith("Disposiciones finales")
    if last and position == division.articles - 1:
        body = (
            f"{capital(doc)} entra en vigencia ocho días después de su publicación en el "
            "Diario de Centro América.",
        )
        return article(number, "Vigencia", body)
    if last and position == division.articles - 2:
        body = ("Se derogan todas las disposiciones que se opongan a lo establecido en esta ley.",)
        return article(number, "Derogatoria", body)
    heading = words.pick(topic.headings)
    paragraphs = words.article_body(topic, doc=doc, section=section)
    return article(number, heading, paragraphs)


def write_reform(base: Document, number: str, issued: date, words: Words) -> Document:
    """A short decree that changes a few articles of ``base``."""
    topic = BY_KEY[base.topic]
    units = [unit for unit in base.units if unit.kind is UnitKind.ARTICULO]
    changed = sorted({words.between(3, len(units) - 2) for _ in range(words.between(2, 6))})
    articles: list[Unit] = []
    for index, target in enumerate(changed, start=1):
        old = units[target - 1]
        new_text = words.paragraph(topic, doc="esta ley", section="este capítulo", sentences=2)
        body = (
            f"Se reforma el artículo {target} del {base.number}, {base.title}, el cual queda así:",
            f"«Artículo {target}. {old.heading} {new_text}»",
        )
        articles.append(article(index, "Reforma", body))
    vigencia = (
        "El presente decreto entra en vigencia el día siguiente de su publicación en el Diario de "
        "Centro América.",
    )
    articles.append(article(len(articles) + 1, "Vigencia", vigencia))
    slug = "ley-" + number.removeprefix("Decreto ").lower()
    title = f"Reformas al {base.number}, {base.title}"
    published = issued + timedelta(days=words.between(3, 15))
    summary = (
        f"Reforma los artículos {', '.join(str(n) for n in changed)} del {base.number}, "
        f"{base.title}."
    )
    return Document(
        slug, LegalKind.LEY, number, title, base.issuer, issued, summary,
        [Part(WHOLE_PART, "Texto completo", title, articles)], published_on=published,
        in_force_on=published + timedelta(days=1), state=LegalState.VIGENTE, topic=topic.key,
    )  # fmt: skip


# --- acuerdos of the CSJ -----------------------------------------------------------------------

CSJ = "Corte Suprema de Justicia"
_POR_TANTO = (
    "Con fundamento en lo considerado y en lo que disponen los artículos 203 y 205 de la "
    "Constitución Política de la República de Guatemala y 54 de la Ley del Organismo Judicial, "
    "la Corte Suprema de Justicia, ACUERDA:"
)
_ACUERDO_TITLES = (
    "Reglamento de {subject}", "Normas sobre {subject}", "Disposiciones sobre {subject}",
    "Reglamento para la aplicación de las normas de {subject}",
)  # fmt: skip


def _considerandos(topic: Topic, words: Words) -> list[Unit]:
    reasons = [
        "Que de conformidad con la Constitución Política de la República de Guatemala y la Ley "
        "del Organismo Judicial, corresponde a la Corte Suprema de Justicia emitir los "
        "reglamentos y acuerdos necesarios para el buen funcionamiento de los tribunales.",
        f"Que es necesario actualizar las normas sobre {topic.subject}, para que el servicio de "
        "justicia responda a las necesidades de las personas usuarias.",
        "Que " + _lowered(words.pick(topic.facts)),
    ]
    if words.rng.random() < 0.5:
        reasons.append(
            _contracted(
                f"Que {topic.office} informó sobre la necesidad de {words.pick(topic.acts)} en "
                "forma ordenada y oportuna."
            )
        )
    return [
        Unit(f"considerando-{i}", UnitKind.CONSIDERANDO, f"Considerando {roman(i)}", None, (r,))
        for i, r in enumerate(reasons, start=1)
    ]


def write_acuerdo(
    number: str,
    issued: date,
    topic: Topic,
    words: Words,
    *,
    title: str = "",
    articles: list[Unit] | None = None,
    summary: str = "",
) -> Document:
    units = _considerandos(topic, words)
    units.append(Unit("por-tanto", UnitKind.POR_TANTO, "Por tanto", None, (_POR_TANTO,)))
    doc = "este acuerdo"
    if articles is None:
        articles = [article(1, "Objeto", (f"{capital(doc)} regula {topic.summary}.",))]
        if words.rng.random() < 0.5:
            articles.append(article(2, "Definiciones", (words.definition(topic, doc),)))
        for _ in range(words.between(3, 10)):
            heading = words.pick(topic.headings)
            body = words.article_body(topic, doc=doc, section=doc)
            articles.append(article(len(articles) + 1, heading, body))
        vigencia = (
            "El presente acuerdo entra en vigencia el día siguiente de su publicación en el "
            "Diario de Centro América.",
        )
        articles.append(article(len(articles) + 1, "Vigencia", vigencia))
    units += articles
    title = title or words.pick(_ACUERDO_TITLES).format(subject=topic.subject)
    slug = "acuerdo-" + number.removeprefix("Acuerdo número ").lower()
    published = issued + timedelta(days=words.between(2, 12))
    return Document(
        slug, LegalKind.ACUERDO, number, capital(title), CSJ, issued,
        summary or f"Establece normas sobre {topic.summary}.",
        [Part(WHOLE_PART, "Texto completo", capital(title), units)], published_on=published,
        in_force_on=published + timedelta(days=1), state=LegalState.VIGENTE, topic=topic.key,
    )  # fmt: skip


def court_acuerdo(number: str, issued: date, court: Court, words: Words) -> Document:
    """An acuerdo that creates a court of the real structure, in its department."""
    topic = BY_KEY["organizacion"]
    place = municipality_name(court.department, court.municipality)
    named = [_MATTER_WORDS[m] for m in court.matters if m in _MATTER_WORDS] or ["su competencia"]
    matters = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} y {named[-1]}"
    articles = [
        article(1, "Creación", (
            f"Se crea el {court.name}, con sede en la cabecera del municipio de {place}.",
        )),
        article(2, "Competencia", (
            f"El juzgado conocerá de los asuntos de {matters} que le correspondan según la ley, "
            f"dentro de la circunscripción territorial del municipio de {place}.",
        )),
        article(3, "Traslado de expedientes", (
            "Los expedientes en trámite se trasladarán al nuevo tribunal en el estado en que se "
            "encuentren, y las partes serán notificadas del traslado.",
        )),
        article(4, "Personal y recursos", (
            "La Gerencia General del Organismo Judicial proveerá el personal, el mobiliario y el "
            "equipo necesarios para el funcionamiento del juzgado.",
        )),
        article(5, "Vigencia", (
            "El presente acuerdo entra en vigencia el día siguiente de su publicación en el "
            "Diario de Centro América.",
        )),
    ]  # fmt: skip
    title = f"Creación del {court.name}"
    summary = f"Crea el {court.name} y dispone su competencia y el traslado de los expedientes."
    made = write_acuerdo(
        number, issued, topic, words, title=title, articles=articles, summary=summary
    )
    made.department = court.department
    return made


_MATTER_WORDS = {
    Matter.PENAL: "penal", Matter.CIVIL: "civil", Matter.FAMILIA: "familia",
    Matter.TRABAJO: "trabajo", Matter.NINEZ: "niñez y adolescencia",
    Matter.FEMICIDIO: "femicidio y violencia contra la mujer", Matter.MIXTO: "menor cuantía",
}  # fmt: skip


# --- circulars ---------------------------------------------------------------------------------

PRESIDENCIA = "Presidencia del Organismo Judicial y de la Corte Suprema de Justicia"
GERENCIA = "Gerencia General del Organismo Judicial"
_ADDRESSEES = (
    "Magistrados, jueces y personal auxiliar de la República",
    "Jueces de Paz de la República",
    "Jueces de Primera Instancia y de Paz de la República",
    "Personal administrativo del Organismo Judicial",
    "Jefes de oficina y personal de atención al público",
)
_CIRCULAR_TITLES = (
    "Instrucciones sobre {subject}", "Recordatorio sobre {subject}",
    "Aplicación de las normas de {subject}",
)  # fmt: skip


def write_circular(
    number: str, issued: date, topic: Topic, words: Words, *, issuer: str = PRESIDENCIA
) -> Document:
    addressee = words.pick(_ADDRESSEES)
    who = words.pick(topic.people)
    paragraphs = [
        "Se recuerda a los destinatarios de esta circular que " + _lowered(words.pick(topic.facts)),
        _contracted(
            f"A partir del {spoken_date(issued + timedelta(days=words.between(1, 20)))}, "
            f"{who} {'deberán' if who.startswith(('los ', 'las ')) else 'deberá'} "
            f"{words.pick(topic.acts)} conforme a lo dispuesto en esta circular."
        ),
    ]
    for _ in range(words.between(0, 3)):
        paragraphs.append(words.sentence(topic, doc="esta circular", section="esta circular"))
    paragraphs.append(
        _contracted(
            f"Las dudas sobre la aplicación de esta circular se atenderán en {topic.office}."
        )
    )
    units = [
        Unit(f"numeral-{i}", UnitKind.NUMERAL, f"{i}.", None, (text,))
        for i, text in enumerate(paragraphs, start=1)
    ]
    title = capital(words.pick(_CIRCULAR_TITLES).format(subject=topic.subject))
    slug = "circular-" + number.removeprefix("Circular número ").lower()
    return Document(
        slug, LegalKind.CIRCULAR, number, title, issuer, issued,
        f"Instruye a {addressee[0].lower() + addressee[1:]} sobre {topic.subject}.",
        [Part(WHOLE_PART, "Texto completo", title, units)], in_force_on=issued,
        state=LegalState.VIGENTE, addressed_to=addressee, topic=topic.key,
    )  # fmt: skip


# --- rulings -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RulingKind:
    key: str
    label: str  # «Casación penal»
    prefix: str  # how its number starts: «Casación 01004»
    issuer: str  # «Corte Suprema de Justicia, Cámara Penal»; "" a Sala of the department
    topics: tuple[str, ...]
    matter: Matter  # the matter of the court of origin
    weight: float


RULINGS = (
    RulingKind("casacion-penal", "Casación penal", "Casación 01004",
               "Corte Suprema de Justicia, Cámara Penal", ("penal", "violencia_mujer"),
               Matter.PENAL, 35),
    RulingKind("casacion-civil", "Casación civil", "Casación 01003",
               "Corte Suprema de Justicia, Cámara Civil", ("civil", "familia"), Matter.CIVIL, 20),
    RulingKind("amparo", "Amparo en única instancia", "Amparo",
               "Corte Suprema de Justicia, Cámara de Amparo y Antejuicio",
               ("amparo", "servicio_civil", "informacion_publica"), Matter.CIVIL, 20),
    RulingKind("apelacion", "Apelación", "Apelación", "", ("trabajo", "penal", "civil"),
               Matter.TRABAJO, 25),
)  # fmt: skip
_RULING_KINDS = Weighted(RULINGS, [kind.weight for kind in RULINGS])
_DEPARTMENTS = Weighted(
    tuple(DEPARTMENT_WEIGHTS), [weight for weight, _maya in DEPARTMENT_WEIGHTS.values()]
)
_SALAS = tuple(court for court in COURTS if court.kind is CourtKind.SALA)
_CRIMES = (
    "robo agravado", "estafa propia", "lesiones graves", "extorsión", "violencia contra la mujer",
    "portación ilegal de armas de fuego", "apropiación y retención indebidas", "homicidio",
)  # fmt: skip
_OUTCOMES = {
    "casacion-penal": (
        ("declara improcedente el recurso de casación por motivo de fondo interpuesto por "
         "{party}", "improcedente"),
        ("declara procedente el recurso de casación interpuesto por {party}; en consecuencia, "
         "casa la sentencia recurrida y dicta la que en derecho corresponde", "procedente"),
    ),
    "casacion-civil": (
        ("desestima el recurso de casación por motivo de fondo interpuesto por {party} y lo "
         "condena al pago de las costas", "desestimado"),
        ("declara procedente el recurso de casación por motivo de forma interpuesto por {party} y "
         "ordena que se reponga el trámite", "procedente"),
    ),
    "amparo": (
        ("otorga el amparo solicitado por {party} contra {authority} y deja en suspenso "
         "definitivo el acto reclamado", "otorgado"),
        ("deniega por notoriamente improcedente el amparo solicitado por {party} contra "
         "{authority}", "denegado"),
    ),
    "apelacion": (
        ("confirma la sentencia apelada por {party}", "confirmada"),
        ("revoca la sentencia apelada por {party} y resuelve conforme a lo considerado",
         "revocada"),
    ),
}  # fmt: skip
_AUTHORITIES_IMPUGNED = (
    "el Consejo de la Carrera Judicial", "la Junta de Disciplina Judicial",
    "la Gerencia de Recursos Humanos del Organismo Judicial", "el Registro General de la "
    "Propiedad", "la Superintendencia de Administración Tributaria", "el Instituto Guatemalteco "
    "de Seguridad Social", "la Municipalidad de Guatemala",
)  # fmt: skip


def _origin(kind: RulingKind, department: int, words: Words) -> Court:
    """The court whose decision the ruling reviews, in ``department``."""
    matter = kind.matter if kind.key != "apelacion" else words.pick((Matter.TRABAJO, Matter.PENAL))
    found = courts_in(department, matter=matter, kind=CourtKind.PRIMERA_INSTANCIA)
    if not found:
        found = courts_in(department, kind=CourtKind.PRIMERA_INSTANCIA)
    return words.pick(found)


def write_ruling(
    kind: RulingKind, issued: date, sequence: int, department: int, words: Words, people: People
) -> Document:
    topic = BY_KEY[words.pick(kind.topics)]
    origin = _origin(kind, department, words)
    place = DEPARTMENTS[department - 1].name
    maya = DEPARTMENT_WEIGHTS[department][1]
    party = initials(people.person(maya))  # drawn and cut at once: no name is kept
    year = issued.year
    if kind.issuer:
        issuer = kind.issuer
        number = (
            f"{kind.prefix} {sequence}-{year}"
            if kind.key == "amparo"
            else f"{kind.prefix}-{year}-{sequence:05d}"
        )
    else:
        own = [s for s in _SALAS if s.department == department]
        sala = words.pick(own or _SALAS)
        issuer = sala.name
        number = f"{kind.prefix} {sala.id}-{year}-{sequence:05d}"
    authority = words.pick(_AUTHORITIES_IMPUGNED)
    outcome = words.pick(_OUTCOMES[kind.key])[0]
    decided = outcome.format(party=party, authority=authority)
    filed = issued - timedelta(days=words.between(60, 300))
    hearing = issued - timedelta(days=words.between(10, 40))
    if kind.key == "amparo":
        story = (
            f"El {spoken_date(filed)}, {party} promovió amparo contra {authority}, por el acto "
            f"que consideró violatorio de sus derechos en materia de {topic.subject}.",
        )
    elif kind.key.startswith("casacion"):
        what = (
            f"en el proceso seguido por el delito de {words.pick(_CRIMES)}"
            if kind.key == "casacion-penal"
            else f"en el juicio sobre {words.pick(topic.things)}"
        )
        story = (
            f"El {spoken_date(filed)}, {party} interpuso recurso de casación contra la sentencia "
            f"dictada en segunda instancia, {what}, proveniente del {origin.name}.",
        )
    else:
        story = (
            f"El {spoken_date(filed)}, {party} apeló la sentencia dictada por el {origin.name}, "
            f"en el proceso sobre {words.pick(topic.things)}.",
        )
    antecedentes = [
        *story,
        f"El recurso fue admitido para su trámite y la vista se celebró el {spoken_date(hearing)}.",
    ]
    units = [
        Unit(f"antecedente-{i}", UnitKind.ANTECEDENTE, f"Antecedente {roman(i)}", None, (text,))
        for i, text in enumerate(antecedentes, start=1)
    ]
    court_words = "Esta Cámara" if kind.issuer else "Esta Sala"
    for index in range(1, words.between(2, 4) + 1):
        body = words.paragraph(topic, doc="la ley", section="la ley aplicable", sentences=2)
        reason = f"{court_words} advierte que {_lowered(body)}"
        label = f"Considerando {roman(index)}"
        reasoned = (_contracted(reason),)
        units.append(Unit(f"considerando-{index}", UnitKind.CONSIDERANDO, label, None, reasoned))
    grounds = (
        "Con fundamento en lo considerado y en las leyes citadas, "
        f"{court_words[0].lower() + court_words[1:]}, al resolver, DECLARA:"
    )
    units.append(Unit("por-tanto", UnitKind.POR_TANTO, "Por tanto", None, (grounds,)))
    points = [
        capital(decided) + ".",
        "Notifíquese y, con certificación de lo resuelto, devuélvanse los antecedentes.",
    ]
    if kind.key == "amparo":
        points.insert(1, "No hay condena en costas.")
    units += [
        Unit(f"punto-{i}", UnitKind.PUNTO, f"{roman(i)}.", None, (text,))
        for i, text in enumerate(points, start=1)
    ]
    title = f"{kind.label} en materia de {topic.subject}, caso de {place}"
    summary = f"{issuer}: {decided} ({origin.name})."
    slug = number.lower().replace(" ", "-").replace("á", "a").replace("ó", "o")
    return Document(
        slug, LegalKind.RESOLUCION, number, title, issuer, issued, summary,
        [Part(WHOLE_PART, "Texto completo", title, units)], topic=topic.key,
        department=department, state=None,
    )  # fmt: skip


# --- the corpus ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Volumes:
    acuerdos: int
    circulars: int
    rulings: int


def _days_in(year: int, anchor: date, count: int, words: Words) -> list[date]:
    """``count`` working days of ``year`` up to the anchor, in order."""
    first = date(year, 1, 2)
    last = max(min(date(year, 12, 20), anchor), first)
    span = (last - first).days + 1
    days = []
    for _ in range(count):
        day = first + timedelta(days=int(words.rng.random() * span))
        if day.weekday() > 4:  # back to the Friday before, or on to the Monday after
            back = day - timedelta(days=day.weekday() - 4)
            day = back if back >= first else day + timedelta(days=7 - day.weekday())
        days.append(min(day, anchor))
    return sorted(days)


def _weighted_topics(keys: Sequence[str]) -> Weighted[Topic]:
    return Weighted([BY_KEY[key] for key in keys], [3 if i < 4 else 1 for i in range(len(keys))])


_ACUERDO_TOPICS = _weighted_topics((
    "organizacion", "expediente_electronico", "horarios", "notificaciones", "carrera",
    "disciplina", "capacitacion", "tasas", "mediacion", "archivo", "servicio_civil",
    "violencia_mujer", "ninez", "informacion_publica", "familia",
))  # fmt: skip
_CIRCULAR_TOPICS = _weighted_topics((
    "horarios", "notificaciones", "expediente_electronico", "tasas", "servicio_civil",
    "archivo", "informacion_publica", "mediacion", "violencia_mujer", "disciplina",
))  # fmt: skip
_NEW_COURTS = tuple(c for c in COURTS if c.kind in (CourtKind.PAZ, CourtKind.PRIMERA_INSTANCIA))


def write_acuerdos(
    words: Words, anchor: date, count: int, reserved: frozenset[str], first_year: int = 2005
) -> list[Document]:
    """``count`` acuerdos from ``first_year`` to the anchor, numbered in date order each year
    (with gaps: not every acuerdo of the CSJ is here); a third create a court, in every
    department; some are repealed or reformed by a later one of the same topic."""
    years = list(range(first_year, anchor.year + 1))
    made: list[Document] = []
    departments = list(range(1, 23))
    for index, year in enumerate(years):
        share = count // len(years) + (1 if index < count % len(years) else 0)
        sequence = 0
        for day in _days_in(year, anchor, share, words):
            while True:
                sequence += 1 + int(words.rng.random() * 3)
                number = f"Acuerdo número {sequence}-{year}"
                if number not in reserved:
                    break
            if words.rng.random() < 0.3:
                department = departments.pop(0) if departments else _DEPARTMENTS.pick(words.rng)
                court = words.pick([c for c in _NEW_COURTS if c.department == department])
                made.append(court_acuerdo(number, day, court, words))
                continue
            topic = _ACUERDO_TOPICS.pick(words.rng)
            if 2020 <= year <= 2021 and words.rng.random() < 0.3:  # the pandemic's measures
                topic = BY_KEY["emergencia"]
            made.append(write_acuerdo(number, day, topic, words))
    _supersede(made, words)
    return made


def write_circulars(
    words: Words, anchor: date, count: int, reserved: frozenset[str], first_year: int = 2010
) -> list[Document]:
    years = list(range(first_year, anchor.year + 1))
    made: list[Document] = []
    for index, year in enumerate(years):
        share = count // len(years) + (1 if index < count % len(years) else 0)
        sequences = {"PRE": 0, "GG": 0}
        for day in _days_in(year, anchor, share, words):
            office = "PRE" if words.rng.random() < 0.7 else "GG"
            while True:
                sequences[office] += 1 + int(words.rng.random() * 6)
                number = f"Circular número {office}-{sequences[office]:04d}-{year}"
                if number not in reserved:
                    break
            topic = _CIRCULAR_TOPICS.pick(words.rng)
            issuer = PRESIDENCIA if office == "PRE" else GERENCIA
            made.append(write_circular(number, day, topic, words, issuer=issuer))
    _supersede(made, words)
    return made


def write_rulings(
    words: Words, anchor: date, count: int, reserved: frozenset[str], first_year: int = 2015
) -> list[Document]:
    """``count`` published rulings from ``first_year``, from cases of every department (the
    first 22 one each), numbered in date order for each kind and year."""
    people = People(words.rng)
    years = list(range(first_year, anchor.year + 1))
    planned: list[tuple[date, RulingKind, int]] = []
    for index in range(count):
        year = years[index % len(years)]
        kind = _RULING_KINDS.pick(words.rng)
        department = index + 1 if index < 22 else _DEPARTMENTS.pick(words.rng)
        (issued,) = _days_in(year, anchor, 1, words)
        planned.append((issued, kind, department))
    planned.sort(key=lambda plan: plan[0])
    sequences: dict[tuple[str, int], int] = {}
    made: list[Document] = []
    for issued, kind, department in planned:
        while True:
            key = (kind.key, issued.year)
            sequences[key] = sequences.get(key, 0) + 1 + int(words.rng.random() * 40)
            ruling = write_ruling(kind, issued, sequences[key], department, words, people)
            if ruling.number not in reserved:
                break
        made.append(ruling)
    return made


def _supersede(documents: list[Document], words: Words) -> None:
    """About one in twelve is repealed, and one in ten reformed, by a later one of its topic."""
    by_topic: dict[str, list[Document]] = {}
    for document in sorted(documents, key=lambda d: d.issued_on):
        by_topic.setdefault(document.topic, []).append(document)
    for group in by_topic.values():
        for index, document in enumerate(group[:-1]):
            if document.title.startswith("Creación del"):
                continue  # a court, once created, stays
            draw = words.rng.random()
            later = group[index + 1 + int(words.rng.random() * (len(group) - index - 1))]
            if draw < 0.08:
                document.state, document.state_by = LegalState.DEROGADA, later.number
            elif draw < 0.18:
                document.state, document.state_by = LegalState.REFORMADA, later.number
