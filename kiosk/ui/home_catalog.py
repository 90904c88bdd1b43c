"""How the home screen groups the portal's services: categories a citizen understands, the most
used first. Pure data (the words are Spanish source text, translated at display time)."""

from __future__ import annotations

from dataclasses import dataclass

VERIFY = "verify"  # not a flow: the verification screens (kiosk.ui.verification)


@dataclass(frozen=True)
class Tile:
    service: str  # the portal's service id (kiosk.portal.catalog)
    label: str  # short words on the tile
    icon: str  # file name in resources/icons, without .svg
    flow: str | None = None  # the flow that serves it in the kiosk; None: not built yet
    name: str = ""  # when a service has two tiles, the second one's own name

    @property
    def key(self) -> str:
        """What the tile is called (``tile.<key>``) and opens: the service id unless named."""
        return self.name or self.service


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    tiles: tuple[Tile, ...]


FEATURED: tuple[Tile, ...] = (
    Tile("antecedentes-penales", "Antecedentes Penales", "certificate", flow="criminal_record"),
    Tile("verificar-documento", "Verificar un documento", "qr", flow=VERIFY),
)

CATEGORIES: tuple[Category, ...] = (
    Category(
        "tramites",
        "Trámites y constancias",
        (
            Tile(
                "antecedentes-penales",
                "Imprimir mi constancia con un código",
                "printer",
                flow="collect_certificate",
                name="constancia-con-codigo",
            ),
            Tile("cuenta", "Crear mi cuenta del portal", "person", flow="account"),
            Tile("fei", "Formulario Electrónico de Ingresos", "form"),
            Tile("casillero-electronico", "Casillero Electrónico", "mail"),
        ),
    ),
    Category(
        "consultar",
        "Consultar un caso",
        (
            Tile("agenda-audiencias", "Agenda de audiencias", "calendar"),
            Tile("expedientes-laborales", "Expedientes laborales", "briefcase"),
            Tile("amparos", "Amparos", "shield"),
            Tile("antejuicios", "Antejuicios", "gavel"),
            Tile("pension-alimenticia", "Pensión alimenticia", "money"),
            Tile("diligencias-judiciales", "Diligencias judiciales", "search"),
            Tile("tribunales-paz", "Tribunales de Paz", "scales"),
            Tile("registro-detenidos", "Registro Central de Detenidos", "people"),
        ),
    ),
    Category(
        "solicitudes",
        "Hacer una solicitud",
        (
            Tile("informacion-publica", "Información pública", "folder"),
            Tile("audiencias-virtuales", "Audiencia virtual", "video"),
            Tile("archivo-tribunales", "Archivo de Tribunales", "folder"),
        ),
    ),
    Category(
        "informacion",
        "Información",
        (
            Tile("directorio", "Directorio de tribunales y oficinas", "building"),
            Tile("normativas", "Normativas y resoluciones", "book"),
            Tile("estadisticas-mediacion", "Mediación y facilitadores", "chart"),
            Tile("recursos-humanos", "Empleos en el OJ", "people"),
            Tile("convenio-laboral", "Convenio laboral", "handshake"),
        ),
    ),
)


def all_tiles() -> tuple[Tile, ...]:
    return FEATURED + tuple(tile for category in CATEGORIES for tile in category.tiles)


def tile_for(key: str) -> Tile:
    return next(tile for tile in all_tiles() if tile.key == key)
