"""How the kiosk writes times, dates, money, DPIs and codes for a person in Guatemala: said once.

Guatemala keeps UTC-6 all year (no daylight saving since 2006), so a fixed offset is exact and
needs no time-zone database on the terminal. Screens, printouts, the sandbox and the CLI all use
these functions; nothing else writes ``%d/%m/%Y`` or defines the zone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

GUATEMALA = timezone(timedelta(hours=-6), "America/Guatemala")
_CENT = Decimal("0.01")


def now() -> datetime:
    """The current time in Guatemala, whole seconds."""
    return datetime.now(UTC).astimezone(GUATEMALA).replace(microsecond=0)


def local(moment: datetime) -> datetime:
    """``moment`` on Guatemala's clock; a naive time is taken as already in Guatemala."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=GUATEMALA)
    return moment.astimezone(GUATEMALA)


def day(value: date | datetime) -> str:
    """15/09/2026: the day as Guatemala writes it (a time is first moved to Guatemala)."""
    if isinstance(value, datetime):
        value = local(value)
    return value.strftime("%d/%m/%Y")


def clock(moment: datetime) -> str:
    """14:05, on Guatemala's clock."""
    return local(moment).strftime("%H:%M")


def day_and_clock(moment: datetime) -> str:
    """15/09/2026 14:05, on Guatemala's clock."""
    return f"{day(moment)} {clock(moment)}"


def money(value: int | Decimal) -> str:
    """Quetzales as Guatemala writes them: "Q1,234.50"."""
    return f"Q{Decimal(value).quantize(_CENT):,.2f}"


def grouped(text: str, size: int = 4, separator: str = "-") -> str:
    """A code in groups that are easy to copy: "K7QM-4TZP-9XWA"."""
    compact = "".join(char for char in text.upper() if char.isalnum())
    return separator.join(compact[i : i + size] for i in range(0, len(compact), size))


def dpi(value: str) -> str:
    """The DPI grouped as printed on the card: "2456 78901 0101" (kiosk.identity.format_dpi)."""
    from kiosk.identity import format_dpi

    return format_dpi(value)
