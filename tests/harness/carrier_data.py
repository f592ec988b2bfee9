"""The carrier data set (jkeen's tracking_number_data v2.0.0) read where it lies, never copied into
this repository: `TRACKING_NUMBER_DATA` names its folder (default: `tracking_number_data` in the
workspace's shared data, beside this checkout). The oracle for orders.carriers and the hit-rate
table in `make bench`."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("TRACKING_NUMBER_DATA", ROOT.parent / "shared" / "data" / "tracking_number_data"))


@dataclass(frozen=True)
class Sample:
    courier: str  # the data set's courier_code
    format: str  # the data set's name of the number format
    number: str
    valid: bool


def available() -> bool:
    return (DATA / "couriers").is_dir()


def samples() -> Iterator[Sample]:
    for path in sorted((DATA / "couriers").glob("*.json")):
        courier = json.loads(path.read_text())
        for kind in courier["tracking_numbers"]:
            for valid in (True, False):
                for number in kind["test_numbers"].get("valid" if valid else "invalid", []):
                    yield Sample(courier["courier_code"], kind["name"], number, valid)


def found(courier: str, carrier_code: str) -> bool:
    """Whether our carrier is the data set's courier (S10 numbers name the issuing country's post)."""
    return courier == "s10" or carrier_code == courier


def hit_rates() -> dict[str, dict[str, int]]:
    """Per courier: valid samples, identified as that courier (with its link where it has one),
    ambiguous or unknown (no carrier derived), and identified as another carrier (wrong)."""
    from access_center.orders import carriers

    table: dict[str, dict[str, int]] = {}
    for sample in samples():
        if not sample.valid:
            continue
        row = table.setdefault(sample.courier, {"valid": 0, "identified": 0, "not_derived": 0, "wrong": 0})
        row["valid"] += 1
        answer = carriers.identify(sample.number)
        if answer is None:
            row["not_derived"] += 1
        elif found(sample.courier, answer.carrier.code):
            row["identified"] += 1
        else:
            row["wrong"] += 1
    return table
