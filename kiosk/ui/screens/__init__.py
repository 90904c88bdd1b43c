"""Screens: one per thing the visitor sees. Every screen follows one contract (see base.py)."""
