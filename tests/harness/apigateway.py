"""API Gateway in moto for the in-process tests: the same emulation as the local server's
(devtools.emulator.apigateway: moto's V2 mappings accept REST APIs, V2 domain names get their regional target),
and the template's REST APIs created under their logical ids with their stages."""

from __future__ import annotations

from devtools import template
from devtools.emulator.apigateway import emulate_custom_domains

__all__ = ["create_customer_api", "emulate_custom_domains"]


def create_customer_api(region: str = "us-east-1") -> str:
    """Create the template's REST APIs (ids = logical ids) in moto; the customer API's id."""
    from devtools.emulator.apigateway import create_rest_apis

    created = create_rest_apis(template.load(), region)
    assert "CustomerApi" in created, created
    return "CustomerApi"
