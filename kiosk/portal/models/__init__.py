"""The Portal API v1 models, shared by the kiosk's client and the sandbox portal.

One definition of every request and response, so the OpenAPI document the sandbox exports is the
contract a gateway in front of the real OJ systems implements. Money travels as a decimal string
("30.00") and dates as ISO 8601; times carry their offset.

Each service declares its models and endpoints in its own module (``models/<service>.py``); this
package re-exports the ones the shell and the first services share.
"""

from kiosk.portal.models.accounts import *  # noqa: F403
from kiosk.portal.models.common import *  # noqa: F403
from kiosk.portal.models.criminal_records import *  # noqa: F403
from kiosk.portal.models.payments import *  # noqa: F403
from kiosk.portal.models.sandbox import *  # noqa: F403
from kiosk.portal.models.verification import *  # noqa: F403
from kiosk.portal.models.verification import TrustListEnvelope as TrustListEnvelope
