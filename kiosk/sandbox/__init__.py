"""The embedded portal (sandbox): FastAPI over SQLite, the same contract as the real portal."""

import warnings

from pydantic.warnings import UnsupportedFieldAttributeWarning

# The shared models build their validators when first used (``defer_build``, for the kiosk's
# start-up; kiosk.portal.models.common). FastAPI then builds a route's body model inside its own
# Annotated[Model, Body(alias=<parameter>)], and pydantic says that alias has no effect there:
# true, and harmless (FastAPI reads a body's alias itself; the contract test compares the whole
# OpenAPI document). Only that message is silenced.
warnings.filterwarnings(
    "ignore",
    message=r"The 'alias' attribute with value '\w+' was provided to the `Field\(\)` function",
    category=UnsupportedFieldAttributeWarning,
)
