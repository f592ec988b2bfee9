"""Carriers from tracking numbers against jkeen's tracking_number_data (issue 16): per carrier, the valid
sample numbers identified, left without a carrier, and identified as another. `python -m bench.carriers`
(the data set's folder: TRACKING_NUMBER_DATA, as for tests/unit/test_carriers.py)."""

from __future__ import annotations

import json
import sys


def main() -> dict[str, object]:
    from devtools.emulator.gateway import SHARED

    if str(SHARED) not in sys.path:
        sys.path.insert(0, str(SHARED))
    from tests.harness import carrier_data

    if not carrier_data.DATA.is_dir():
        return {"skipped": f"no tracking_number_data at {carrier_data.DATA}"}
    return {"data_set": "tracking_number_data v2.0.0", "carriers": carrier_data.hit_rates()}


if __name__ == "__main__":
    json.dump(main(), sys.stdout, indent=1)
    sys.stdout.write("\n")
