"""Only what pyproject.toml cannot say: the top-level ``resources/`` folder is installed as the
package ``kiosk.resources`` (wheel and editable installs alike)."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["kiosk", "kiosk.*"]), "kiosk.resources"],
    package_dir={"kiosk.resources": "resources"},
    package_data={"kiosk": ["py.typed"], "kiosk.resources": ["**/*"]},
)
