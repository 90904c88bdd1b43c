"""What the sandbox's legal texts talk about: each topic's words, in Spanish, for the generated
articles, considerandos and points of ``legal_texts_writer``.

A topic gives a chapter its title, an acuerdo or a circular its subject, and every sentence its
nouns, people, acts, terms and a few sentences of its own, so that a search for a topic's words
(«notificación», «casillero», «carrera judicial») finds the documents and the chapters about it,
and a common word of every topic («juez», «plazo», «tribunal») finds too many. [A] All of it is
written for the sandbox: no sentence is the literal text of a real law.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    key: str
    chapter: str  # a chapter's title: «De las notificaciones»
    subject: str  # what a title is about, without article: «notificaciones electrónicas»
    summary: str  # what a document about it regulates, a clause after «Regula»
    things: tuple[str, ...]  # noun phrases with their article
    people: tuple[str, ...]  # who acts
    acts: tuple[str, ...]  # what they do, an infinitive phrase
    headings: tuple[str, ...]  # article epígrafes
    terms: tuple[tuple[str, str], ...]  # (term, what it means)
    facts: tuple[str, ...]  # whole sentences of the topic
    office: str  # where requests about it go


TOPICS: tuple[Topic, ...] = (
    Topic(
        "notificaciones",
        "De las notificaciones",
        "notificaciones electrónicas",
        "la forma de notificar las resoluciones judiciales por medio del casillero electrónico y "
        "en persona",
        ("la notificación electrónica", "las notificaciones", "el casillero electrónico",
         "la cédula de notificación", "las resoluciones judiciales", "el emplazamiento",
         "las citaciones"),
        ("el notificador", "las partes", "el abogado auxiliante", "el secretario del tribunal"),
        ("practicar la notificación", "depositar la resolución en el casillero electrónico",
         "entregar la cédula de notificación", "hacer constar la notificación en el expediente"),
        ("Notificaciones", "Notificación electrónica", "Casillero electrónico",
         "Cédula de notificación", "Plazo para notificar", "Notificación personal",
         "Emplazamiento", "Constancia de notificación"),
        (("casillero electrónico", "el espacio del sistema informático del Organismo Judicial "
          "donde se depositan las resoluciones dirigidas a una parte"),
         ("notificación electrónica", "la que se hace depositando la resolución en el casillero "
          "electrónico de quien debe conocerla")),
        ("Toda resolución debe notificarse a las partes dentro de las veinticuatro horas "
         "siguientes a la fecha en que fue dictada.",
         "La notificación electrónica se tiene por hecha el día hábil siguiente a aquel en que la "
         "resolución fue depositada en el casillero electrónico.",
         "Leer la notificación en el casillero no cambia los plazos: estos corren desde que se "
         "tiene por hecha la notificación.",
         "Las notificaciones personales se harán en el lugar señalado por la parte y, a falta de "
         "él, en su residencia conocida."),
        "la Central de Notificaciones",
    ),
    Topic(
        "carrera",
        "De la carrera judicial",
        "carrera judicial",
        "el ingreso, la permanencia, la evaluación, los ascensos y los traslados de jueces y "
        "magistrados",
        ("la carrera judicial", "los jueces", "los magistrados", "la evaluación del desempeño",
         "los concursos de oposición", "los ascensos", "los traslados", "la convocatoria"),
        ("el Consejo de la Carrera Judicial", "los jueces", "los aspirantes",
         "la Unidad de Evaluación del Desempeño"),
        ("publicar la convocatoria", "evaluar el desempeño de los jueces",
         "resolver las solicitudes de traslado", "integrar la lista de elegibles"),
        ("Carrera judicial", "Ingreso", "Convocatoria", "Concurso de oposición",
         "Evaluación del desempeño", "Ascensos", "Traslados", "Permanencia"),
        (("carrera judicial", "el sistema que regula el ingreso, la permanencia, la promoción, "
          "el ascenso, la capacitación y la evaluación de jueces y magistrados"),
         ("concurso de oposición", "el procedimiento público por el cual los aspirantes "
          "demuestran sus méritos y capacidades para ocupar un cargo")),
        ("El ingreso a la carrera judicial se hará por concurso de oposición, público y abierto.",
         "La evaluación del desempeño de jueces y magistrados se realizará una vez al año.",
         "Ningún juez podrá ser trasladado sin su consentimiento, salvo por razones de servicio "
         "debidamente justificadas.",
         "Los resultados de la evaluación del desempeño se notificarán al juez evaluado, quien "
         "podrá pedir su revisión dentro de tres días hábiles."),
        "la Secretaría del Consejo de la Carrera Judicial",
    ),
    Topic(
        "servicio_civil",
        "Del régimen de los servidores judiciales",
        "servicio civil del Organismo Judicial",
        "las relaciones de trabajo entre el Organismo Judicial y sus trabajadores administrativos "
        "y auxiliares",
        ("los servidores judiciales", "los puestos", "el nombramiento", "el salario",
         "las licencias", "las vacaciones", "el régimen disciplinario", "las plazas vacantes"),
        ("la Gerencia de Recursos Humanos", "los trabajadores", "el jefe inmediato",
         "la Junta de Disciplina"),
        ("otorgar licencias con goce de salario", "convocar a concurso las plazas vacantes",
         "calificar los servicios de los trabajadores", "tramitar las solicitudes de vacaciones"),
        ("Servidores judiciales", "Nombramiento", "Salario", "Licencias", "Vacaciones",
         "Plazas vacantes", "Jornada de trabajo", "Derechos de los trabajadores"),
        (("servidor judicial", "la persona que presta servicios al Organismo Judicial en un "
          "puesto administrativo o auxiliar de la función jurisdiccional"),
         ("plaza vacante", "el puesto presupuestado que no tiene titular nombrado")),
        ("Los trabajadores del Organismo Judicial tienen derecho a veinte días hábiles de "
         "vacaciones remuneradas por cada año de servicio.",
         "Las plazas vacantes se cubrirán por concurso interno y, si este se declara desierto, "
         "por concurso externo.",
         "Ningún trabajador podrá ser removido de su puesto sino por causa justificada y previo "
         "procedimiento disciplinario."),
        "la Gerencia de Recursos Humanos",
    ),
    Topic(
        "informacion_publica",
        "Del acceso a la información pública",
        "acceso a la información pública",
        "el derecho de toda persona a pedir y recibir la información pública que el Organismo "
        "Judicial genera, administra o conserva",
        ("la información pública", "las solicitudes de información", "los datos personales",
         "la información reservada", "la Unidad de Información Pública", "los archivos públicos"),
        ("la Unidad de Información Pública", "el solicitante", "los sujetos obligados",
         "el encargado de la información"),
        ("entregar la información solicitada", "prorrogar el plazo de respuesta",
         "publicar la información pública de oficio", "resolver el recurso de revisión"),
        ("Información pública", "Solicitud de información", "Plazo de respuesta", "Prórroga",
         "Información reservada", "Datos personales", "Recurso de revisión", "Gratuidad"),
        (("información pública", "la que genera, obtiene, adquiere, transforma o conserva un "
          "sujeto obligado en cualquier forma"),
         ("datos personales", "los relativos a una persona identificada o identificable")),
        ("Toda persona tiene derecho a solicitar información pública sin necesidad de acreditar "
         "interés alguno ni expresar el motivo de su solicitud.",
         "La solicitud de información se resolverá dentro de los diez días hábiles siguientes a "
         "su presentación; el plazo podrá prorrogarse por diez días más.",
         "La consulta de la información pública es gratuita; la reproducción solo causa el "
         "costo de los materiales.",
         "Contra la negativa de entregar información procede el recurso de revisión ante la "
         "máxima autoridad, dentro de los quince días hábiles siguientes."),
        "la Unidad de Información Pública",
    ),
    Topic(
        "violencia_mujer",
        "De la violencia contra la mujer",
        "violencia contra la mujer",
        "la protección de las mujeres frente a la violencia física, psicológica, sexual y "
        "económica, y los órganos especializados que la juzgan",
        ("la violencia contra la mujer", "las víctimas", "las medidas de seguridad",
         "el femicidio", "los juzgados especializados", "la atención integral",
         "la reparación digna"),
        ("la víctima", "los juzgados especializados", "el Sistema de Atención Integral",
         "el Ministerio Público"),
        ("dictar medidas de seguridad", "brindar atención integral a la víctima",
         "remitir el caso al juzgado especializado", "garantizar la reparación digna"),
        ("Violencia contra la mujer", "Femicidio", "Medidas de seguridad", "Atención integral",
         "Juzgados especializados", "Reparación digna", "Víctima", "Órganos especializados"),
        (("violencia contra la mujer", "toda acción u omisión basada en la pertenencia al sexo "
          "femenino que cause daño o sufrimiento físico, sexual, económico o psicológico"),
         ("medidas de seguridad", "las que el juez dicta de inmediato para proteger a la víctima "
          "y a su familia")),
        ("Las medidas de seguridad se dictarán sin demora, aun fuera del horario de atención, por "
         "el juzgado de turno.",
         "La víctima tiene derecho a ser atendida por personal especializado y en su propio "
         "idioma.",
         "En ningún caso podrá invocarse la costumbre para justificar la violencia contra la "
         "mujer."),
        "el Sistema de Atención Integral a Víctimas",
    ),
    Topic(
        "trabajo",
        "De los conflictos de trabajo",
        "relaciones de trabajo",
        "los derechos y obligaciones de trabajadores y patronos y los juicios de trabajo",
        ("el contrato de trabajo", "los trabajadores", "los patronos", "el salario mínimo",
         "el despido", "la indemnización", "las prestaciones laborales", "la reinstalación",
         "la conciliación"),
        ("el trabajador", "el patrono", "el juez de trabajo", "la Inspección General de Trabajo"),
        ("pagar la indemnización por tiempo servido", "reinstalar al trabajador",
         "citar a las partes a conciliación", "fijar el salario mínimo"),
        ("Contrato de trabajo", "Salario", "Despido", "Indemnización", "Prestaciones",
         "Reinstalación", "Conciliación", "Jornada ordinaria", "Aguinaldo", "Vacaciones"),
        (("contrato individual de trabajo", "el vínculo por el cual una persona se obliga a "
          "prestar a otra sus servicios personales, bajo su dependencia y a cambio de un salario"),
         ("despido injustificado", "el que el patrono decide sin una de las causas que la ley "
          "señala")),
        ("Los derechos de los trabajadores son irrenunciables; es nula toda estipulación que los "
         "disminuya.",
         "El trabajador despedido sin causa justificada tiene derecho a una indemnización de un "
         "mes de salario por cada año de servicio.",
         "En los juicios de trabajo, el juez procurará que las partes se avengan en la "
         "conciliación, sin perjuicio de los derechos irrenunciables del trabajador.",
         "La jornada ordinaria de trabajo efectivo diurno no puede ser mayor de ocho horas "
         "diarias."),
        "el juzgado de trabajo y previsión social",
    ),
    Topic(
        "amparo",
        "Del amparo",
        "amparo y exhibición personal",
        "el amparo, que protege a las personas contra las amenazas y violaciones a sus "
        "derechos, y la exhibición personal",
        ("el amparo", "el acto reclamado", "la autoridad impugnada", "el amparo provisional",
         "los derechos constitucionales", "la exhibición personal", "el agravio"),
        ("el postulante", "la autoridad impugnada", "el tribunal de amparo",
         "el tercero interesado"),
        ("otorgar el amparo provisional", "pedir los antecedentes a la autoridad impugnada",
         "señalar la vista", "dictar sentencia dentro del plazo legal"),
        ("Amparo", "Procedencia", "Amparo provisional", "Acto reclamado", "Autoridad impugnada",
         "Plazo para interponer", "Vista", "Exhibición personal"),
        (("amparo", "la garantía que protege a las personas contra las amenazas de violaciones a "
          "sus derechos o que restaura su imperio cuando la violación hubiere ocurrido"),
         ("amparo provisional", "la suspensión del acto reclamado mientras se resuelve el fondo, "
          "cuando las circunstancias lo hagan aconsejable")),
        ("No hay ámbito que no sea susceptible de amparo.",
         "El amparo debe pedirse dentro de los treinta días siguientes a la última notificación "
         "al afectado o de conocido el hecho que lo perjudica.",
         "Las sentencias de amparo son apelables ante la Corte de Constitucionalidad, que no "
         "forma parte del Organismo Judicial."),
        "la Cámara de Amparo y Antejuicio",
    ),
    Topic(
        "ninez",
        "De la protección de la niñez y adolescencia",
        "protección integral de la niñez y adolescencia",
        "la protección de los derechos de niñas, niños y adolescentes y los procesos que los "
        "amparan",
        ("los niños, niñas y adolescentes", "el interés superior del niño",
         "las medidas de protección", "la familia", "el abrigo temporal",
         "la Procuraduría General de la Nación"),
        ("el juez de la niñez", "la Procuraduría General de la Nación", "los padres",
         "el equipo multidisciplinario"),
        ("dictar medidas de protección", "escuchar la opinión del niño",
         "ordenar el abrigo temporal", "revisar las medidas cada seis meses"),
        ("Interés superior del niño", "Medidas de protección", "Derecho a opinar",
         "Abrigo temporal", "Familia", "Adolescentes", "Audiencia de conocimiento"),
        (("interés superior del niño", "la garantía de que toda decisión que afecte a un niño, "
          "niña o adolescente asegure el ejercicio y disfrute de sus derechos"),
         ("abrigo temporal", "la medida provisional y excepcional de ubicar al niño fuera de su "
          "familia mientras se resuelve su situación")),
        ("En todo proceso que afecte a un niño, niña o adolescente, el juez escuchará su opinión "
         "según su edad y madurez.",
         "Las audiencias de los procesos de niñez y adolescencia son reservadas.",
         "El abrigo temporal se usará como último recurso y por el menor tiempo posible."),
        "el juzgado de la niñez y adolescencia",
    ),
    Topic(
        "expediente_electronico",
        "Del expediente electrónico",
        "expediente electrónico y audiencias virtuales",
        "el uso del expediente electrónico, la firma electrónica avanzada y las audiencias por "
        "videoconferencia",
        ("el expediente electrónico", "la firma electrónica avanzada", "las audiencias virtuales",
         "la videoconferencia", "los documentos electrónicos", "el Sistema de Gestión de "
         "Tribunales", "la digitalización"),
        ("el Centro de Informática y Telecomunicaciones", "los usuarios", "el juez",
         "el oficial del tribunal"),
        ("digitalizar los documentos presentados", "firmar electrónicamente las resoluciones",
         "celebrar la audiencia por videoconferencia", "resguardar el expediente electrónico"),
        ("Expediente electrónico", "Firma electrónica", "Audiencias virtuales", "Videoconferencia",
         "Documentos electrónicos", "Digitalización", "Resguardo de la información"),
        (("expediente electrónico", "el conjunto de documentos electrónicos de un proceso, "
          "ordenados y firmados, que hace las veces del expediente en papel"),
         ("firma electrónica avanzada", "la que identifica a quien firma, queda bajo su control "
          "exclusivo y permite detectar cualquier cambio posterior del documento")),
        ("Los documentos firmados con firma electrónica avanzada tienen la misma validez que los "
         "firmados de puño y letra.",
         "Las audiencias por videoconferencia se graban y la grabación se incorpora al "
         "expediente electrónico.",
         "El juez decide si una audiencia puede celebrarse por videoconferencia."),
        "el Centro de Informática y Telecomunicaciones",
    ),
    Topic(
        "horarios",
        "De los horarios y turnos",
        "horarios de atención y juzgados de turno",
        "los horarios de atención al público, los días inhábiles y los juzgados de turno",
        ("el horario de atención", "los juzgados de turno", "los días inhábiles",
         "el asueto", "la jornada laboral", "la atención al público"),
        ("los juzgados de turno", "el personal de turno", "los jefes de oficina",
         "el público"),
        ("atender al público en horario continuo", "cubrir los turnos de fin de semana",
         "publicar el horario en un lugar visible", "recibir las solicitudes urgentes"),
        ("Horario de atención", "Juzgados de turno", "Días inhábiles", "Asueto",
         "Atención al público", "Jornada"),
        (("día inhábil", "el día en que los tribunales no atienden, salvo los de turno"),
         ("juzgado de turno", "el que atiende fuera del horario ordinario, incluidos los fines "
          "de semana y los días de asueto")),
        ("Los tribunales atenderán al público de lunes a viernes, de ocho a quince horas con "
         "treinta minutos.",
         "Los juzgados de turno atienden las veinticuatro horas, todos los días del año.",
         "Los días de asueto no corren los plazos, salvo disposición expresa de la ley."),
        "la Supervisión General de Tribunales",
    ),
    Topic(
        "disciplina",
        "Del régimen disciplinario",
        "régimen disciplinario de jueces y magistrados",
        "las faltas de jueces y magistrados, sus sanciones y el procedimiento disciplinario",
        ("las faltas leves", "las faltas graves", "las faltas gravísimas", "las sanciones",
         "la denuncia", "el procedimiento disciplinario", "la amonestación", "la suspensión"),
        ("la Junta de Disciplina Judicial", "el denunciante", "el juez denunciado",
         "la Supervisión General de Tribunales"),
        ("investigar la denuncia", "imponer la sanción que corresponda",
         "escuchar al juez denunciado", "archivar la denuncia notoriamente improcedente"),
        ("Faltas", "Faltas leves", "Faltas graves", "Faltas gravísimas", "Sanciones",
         "Denuncia", "Procedimiento disciplinario", "Prescripción"),
        (("falta disciplinaria", "la acción u omisión de un juez o magistrado que incumple los "
          "deberes de su cargo"),
         ("amonestación", "la llamada de atención escrita que se anota en el registro personal "
          "del juez")),
        ("Cualquier persona puede presentar una denuncia contra un juez o magistrado ante la "
         "Junta de Disciplina Judicial.",
         "Nadie podrá ser sancionado sin haber sido citado, oído y vencido en el procedimiento "
         "disciplinario.",
         "La responsabilidad disciplinaria prescribe al año de cometida la falta."),
        "la Junta de Disciplina Judicial",
    ),
    Topic(
        "capacitacion",
        "De la capacitación",
        "capacitación judicial",
        "la formación inicial y continua de jueces, magistrados y personal auxiliar en la "
        "Escuela de Estudios Judiciales",
        ("la Escuela de Estudios Judiciales", "los cursos de formación", "la formación inicial",
         "la capacitación continua", "las becas", "los diplomados"),
        ("la Escuela de Estudios Judiciales", "los participantes", "los docentes",
         "el Consejo de la Carrera Judicial"),
        ("organizar los cursos de formación inicial", "otorgar las becas de estudio",
         "evaluar a los participantes", "publicar el plan anual de capacitación"),
        ("Capacitación", "Formación inicial", "Capacitación continua", "Becas", "Docentes",
         "Plan anual"),
        (("formación inicial", "el programa que deben aprobar los aspirantes antes de ser "
          "nombrados jueces"),),
        ("La capacitación de jueces y magistrados es obligatoria y continua.",
         "La Escuela de Estudios Judiciales publicará cada año su plan de capacitación."),
        "la Escuela de Estudios Judiciales",
    ),
    Topic(
        "organizacion",
        "De la organización de los tribunales",
        "organización de los tribunales",
        "la creación, la competencia y la sede de los tribunales de la República",
        ("los juzgados de paz", "los juzgados de primera instancia", "los tribunales de "
         "sentencia", "las salas de la Corte de Apelaciones", "la competencia territorial",
         "la sede de los tribunales"),
        ("la Corte Suprema de Justicia", "la Presidencia del Organismo Judicial",
         "la Gerencia General", "la Supervisión General de Tribunales"),
        ("crear nuevos tribunales", "fijar la competencia territorial",
         "trasladar la sede de un tribunal", "distribuir los expedientes en trámite"),
        ("Creación", "Competencia", "Sede", "Integración", "Traslado de expedientes",
         "Distribución de casos"),
        (("competencia territorial", "el territorio en el que un tribunal conoce de los asuntos "
          "que la ley le atribuye"),),
        ("La Corte Suprema de Justicia determina la sede y la competencia territorial de los "
         "tribunales.",
         "Los expedientes en trámite se trasladarán al nuevo tribunal en el estado en que se "
         "encuentren."),
        "la Secretaría de la Corte Suprema de Justicia",
    ),
    Topic(
        "tasas",
        "De las tasas y aranceles",
        "tasas, aranceles y depósitos judiciales",
        "lo que se paga por certificaciones, copias y otros servicios y el manejo de los "
        "depósitos judiciales",
        ("las tasas judiciales", "los aranceles", "las certificaciones", "las copias simples",
         "los depósitos judiciales", "el Fondo Privativo del Organismo Judicial",
         "el formulario electrónico de ingresos"),
        ("la Tesorería del Organismo Judicial", "el usuario", "los bancos del sistema",
         "el encargado del depósito"),
        ("pagar la tasa en los bancos autorizados", "emitir el formulario electrónico de "
         "ingresos", "devolver los depósitos judiciales", "actualizar los aranceles"),
        ("Tasas", "Aranceles", "Certificaciones", "Copias", "Depósitos judiciales",
         "Forma de pago", "Exenciones"),
        (("depósito judicial", "el dinero que se entrega a la orden de un tribunal para "
          "garantizar una obligación o cumplir una resolución"),),
        ("El Organismo Judicial no recibe dinero en efectivo en sus oficinas: los pagos se hacen "
         "en los bancos autorizados.",
         "Las personas de escasos recursos están exentas del pago de tasas por certificaciones "
         "en asuntos de familia y de trabajo."),
        "la Tesorería del Organismo Judicial",
    ),
    Topic(
        "mediacion",
        "De la mediación y los facilitadores judiciales",
        "mediación y facilitadores judiciales",
        "la mediación, la conciliación y el servicio de facilitadores judiciales en las "
        "comunidades",
        ("la mediación", "la conciliación", "los centros de mediación",
         "los facilitadores judiciales", "los acuerdos de mediación", "la justicia de paz "
         "comunitaria"),
        ("los mediadores", "los facilitadores judiciales", "los jueces de paz",
         "las personas usuarias"),
        ("facilitar el diálogo entre las partes", "homologar el acuerdo de mediación",
         "orientar a los vecinos de la comunidad", "registrar los acuerdos alcanzados"),
        ("Mediación", "Conciliación", "Centros de mediación", "Facilitadores judiciales",
         "Acuerdos", "Voluntariedad", "Confidencialidad"),
        (("facilitador judicial", "la persona de la comunidad, nombrada por el juez de paz, que "
          "orienta a sus vecinos y facilita el acceso a la justicia"),
         ("mediación", "el procedimiento voluntario en el que una persona neutral ayuda a las "
          "partes a llegar a un acuerdo")),
        ("La mediación es voluntaria y confidencial; lo dicho en ella no puede usarse en un "
         "juicio.",
         "El acuerdo de mediación homologado por el juez tiene fuerza de título ejecutivo.",
         "Los facilitadores judiciales prestan su servicio de forma voluntaria y gratuita."),
        "el Centro de Mediación",
    ),
    Topic(
        "archivo",
        "Del archivo de tribunales",
        "archivo de tribunales",
        "la conservación, el préstamo y la depuración de los expedientes fenecidos",
        ("el Archivo General de Tribunales", "los expedientes fenecidos", "la depuración",
         "la conservación de documentos", "el préstamo de expedientes", "las actas de "
         "destrucción"),
        ("el Archivo General de Tribunales", "los tribunales remitentes", "los usuarios",
         "la comisión de depuración"),
        ("remitir los expedientes fenecidos al archivo", "prestar los expedientes a los "
         "tribunales", "levantar el acta de destrucción", "digitalizar los expedientes antiguos"),
        ("Archivo", "Remisión de expedientes", "Préstamo", "Depuración", "Conservación",
         "Consulta"),
        (("expediente fenecido", "el que terminó por sentencia firme o por cualquier otra forma "
          "de conclusión del proceso"),),
        ("Los expedientes fenecidos se remitirán al Archivo General de Tribunales después de "
         "cinco años sin movimiento.",
         "Ningún expediente podrá destruirse sin el acta de la comisión de depuración."),
        "el Archivo General de Tribunales",
    ),
    Topic(
        "penal",
        "Del proceso penal",
        "proceso penal",
        "el proceso penal, las garantías de la persona sindicada y los recursos",
        ("el proceso penal", "la prisión preventiva", "las medidas sustitutivas",
         "el debate oral y público", "la apelación especial", "el recurso de casación",
         "la acción penal"),
        ("el Ministerio Público", "el sindicado", "el defensor", "el tribunal de sentencia",
         "el juez de paz"),
        ("resolver la situación jurídica del sindicado", "dictar una medida sustitutiva",
         "celebrar el debate oral y público", "conocer de la apelación especial"),
        ("Prisión preventiva", "Medidas sustitutivas", "Debate", "Apelación especial",
         "Casación", "Defensa", "Primera declaración"),
        (("medida sustitutiva", "la que el juez dicta en lugar de la prisión preventiva para "
          "asegurar la presencia del sindicado en el proceso"),),
        ("Toda persona detenida debe ser puesta a disposición de un juez dentro de las seis "
         "horas siguientes a su detención.",
         "La prisión preventiva es excepcional y no podrá exceder de un año, salvo prórroga "
         "acordada por la Corte Suprema de Justicia.",
         "El debate es oral y público, salvo las excepciones que la ley establece."),
        "el tribunal de sentencia",
    ),
    Topic(
        "civil",
        "De las obligaciones y los contratos",
        "obligaciones civiles",
        "las obligaciones, los contratos y la responsabilidad por daños y perjuicios",
        ("el contrato de compraventa", "el arrendamiento", "la obligación de pago",
         "los daños y perjuicios", "la prescripción", "la propiedad"),
        ("el acreedor", "el deudor", "el juez de primera instancia civil", "el arrendatario"),
        ("cumplir la obligación en el plazo convenido", "resarcir los daños y perjuicios",
         "inscribir el derecho en el registro", "declarar la prescripción"),
        ("Obligaciones", "Compraventa", "Arrendamiento", "Daños y perjuicios", "Prescripción",
         "Propiedad"),
        (("prescripción extintiva", "la pérdida de un derecho por no ejercerlo durante el "
          "tiempo que la ley señala"),),
        ("Quien cause un daño a otro está obligado a repararlo, salvo que demuestre que el daño "
         "se produjo por culpa de la víctima.",
         "Los contratos obligan a lo expresamente pactado y a lo que sea consecuencia de su "
         "naturaleza."),
        "el juzgado de primera instancia civil",
    ),
    Topic(
        "emergencia",
        "De las medidas sanitarias",
        "medidas de prevención sanitaria",
        "las medidas para atender al público y seguir los procesos durante una emergencia "
        "sanitaria",
        ("la emergencia sanitaria", "las medidas de prevención", "el aforo de las sedes",
         "el trabajo a distancia", "la suspensión de plazos", "las citas para atención"),
        ("los jefes de oficina", "el personal", "las personas usuarias", "los jueces"),
        ("suspender los plazos procesales", "atender al público con cita previa",
         "usar mascarilla dentro de las sedes", "reanudar las audiencias"),
        ("Medidas de prevención", "Aforo", "Suspensión de plazos", "Reanudación",
         "Atención con cita"),
        (("aforo", "el número máximo de personas que pueden estar al mismo tiempo en una "
          "sede"),),
        ("Mientras dure la emergencia, el público será atendido con cita previa.",
         "Los plazos suspendidos se reanudarán el día hábil siguiente al fin de la suspensión."),
        "la Gerencia de Seguridad Institucional",
    ),
    Topic(
        "familia",
        "De los asuntos de familia",
        "pensiones alimenticias y asuntos de familia",
        "los alimentos, la guarda y custodia y los demás asuntos de familia",
        ("la pensión alimenticia", "los alimentos", "la guarda y custodia",
         "el régimen de visitas", "el obligado", "los depósitos de pensión"),
        ("el juez de familia", "el obligado", "la persona alimentista", "el trabajador social"),
        ("fijar la pensión alimenticia", "depositar la pensión en la cuenta del juzgado",
         "regular el régimen de visitas", "embargar el salario del obligado"),
        ("Alimentos", "Pensión alimenticia", "Guarda y custodia", "Régimen de visitas",
         "Depósitos"),
        (("alimentos", "todo lo indispensable para el sustento, la habitación, el vestido, la "
          "asistencia médica y la educación"),),
        ("La obligación de dar alimentos no se extingue por la falta de pago de la pensión.",
         "La pensión alimenticia se deposita cada mes en la cuenta que el juzgado indique."),
        "el juzgado de familia",
    ),
)  # fmt: skip

BY_KEY: dict[str, Topic] = {topic.key: topic for topic in TOPICS}

#: who an article's sentences may name as deciding or overseeing, besides a topic's own people
AUTHORITIES = (
    "la Corte Suprema de Justicia", "la Presidencia del Organismo Judicial", "el juez",
    "el tribunal", "la Gerencia General", "la Secretaría de la Corte Suprema de Justicia",
    "la Supervisión General de Tribunales",
)  # fmt: skip
CONDITIONS = (
    "la parte no cuente con abogado", "el plazo venza en un día inhábil",
    "exista causa justificada", "la persona no hable el idioma español",
    "se trate de personas privadas de libertad", "el tribunal se encuentre de turno",
    "la solicitud sea presentada por una persona con discapacidad",
)  # fmt: skip
EVENTS = (
    "la recepción de la resolución", "la presentación de la solicitud",
    "la entrada en vigencia de esta disposición", "la celebración de la audiencia",
    "la recepción del expediente", "la publicación de la convocatoria",
)  # fmt: skip
REFERENCES = (
    "la Constitución Política de la República de Guatemala", "la Ley del Organismo Judicial",
    "el reglamento respectivo", "las leyes de la materia", "los tratados internacionales de "
    "derechos humanos ratificados por Guatemala",
)  # fmt: skip
RECORDS = (
    "el expediente", "el libro de registro", "el sistema informático",
    "un acta que firmarán los presentes",
)  # fmt: skip
NUMBERS_IN_WORDS = (
    "", "un", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
    "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho",
    "diecinueve", "veinte", "veintiún", "veintidós", "veintitrés", "veinticuatro", "veinticinco",
    "veintiséis", "veintisiete", "veintiocho", "veintinueve", "treinta",
)  # fmt: skip
