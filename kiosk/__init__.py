"""Quiosco de servicios electrónicos del Organismo Judicial de Guatemala."""

__version__ = "0.1.0"
