"""The portal's services, by stable id. The portal says which are available (GET /v1/services);
the kiosk's home screen turns each id into a tile. Names are the portal's own, in Spanish."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ServiceInfo:
    id: str
    name: str
    requires_login: bool = False


SERVICES: tuple[ServiceInfo, ...] = (
    ServiceInfo("antecedentes-penales", "Antecedentes Penales en línea"),
    ServiceInfo("verificar-documento", "Verificar un documento firmado"),
    ServiceInfo("cuenta", "Crear una cuenta del portal"),
    ServiceInfo("informacion-publica", "Solicitud de Información Pública"),
    ServiceInfo("directorio", "Directorio de dependencias y órganos jurisdiccionales"),
    ServiceInfo("fei", "Formulario Electrónico de Ingresos (FEI)"),
    ServiceInfo("recursos-humanos", "Recursos Humanos: plazas y convocatorias"),
    ServiceInfo("archivo-tribunales", "Archivo General de Tribunales"),
    ServiceInfo("estadisticas-mediacion", "Estadísticas de Mediación y Facilitadores Judiciales"),
    ServiceInfo("agenda-audiencias", "Agenda de Audiencias"),
    ServiceInfo("pension-alimenticia", "Pensión Alimenticia"),
    ServiceInfo("diligencias-judiciales", "Diligencias Judiciales"),
    ServiceInfo("casillero-electronico", "Casillero Electrónico", requires_login=True),
    ServiceInfo("audiencias-virtuales", "Solicitud de Audiencias Virtuales"),
    ServiceInfo("tribunales-paz", "Gestión de Tribunales de Paz"),
    ServiceInfo("registro-detenidos", "Registro Central de Detenidos"),
    ServiceInfo("normativas", "Normativas y Resoluciones"),
    ServiceInfo("antejuicios", "Antejuicios"),
    ServiceInfo("convenio-laboral", "Convenio Laboral"),
    ServiceInfo("expedientes-laborales", "Expedientes Laborales"),
    ServiceInfo("amparos", "Amparos"),
)

SERVICE_IDS = frozenset(service.id for service in SERVICES)
