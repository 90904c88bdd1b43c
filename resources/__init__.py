"""The kiosk's data files (icons, fonts, translations, the holiday calendar, the example config,
the sandbox's schema): installed as the package ``kiosk.resources`` (setup.py maps this folder),
read with ``importlib.resources.files("kiosk.resources")``. No code lives here."""
