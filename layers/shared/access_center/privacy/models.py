"""The privacy routes' answers at the edge (API.md section 8)."""

from typing import Literal

from pydantic import Field

from access_center.core.fields import Answer


class ErasureRequested(Answer):
    status: Literal["confirmation_sent"]
    expires_in: int = Field(description="Seconds the emailed link works.")
