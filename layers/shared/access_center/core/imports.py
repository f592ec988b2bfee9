"""Import Powertools' HTTP resolver without the indexes of every resolver and event class it has.

`aws_lambda_powertools.event_handler/__init__` imports all its resolvers (AppSync's brings asyncio) as
soon as any of its modules is imported, e.g. `event_handler.api_gateway`: about 30 ms of every API
function's cold start on Python 3.13 (`make bench`), for code none of them runs; and the resolver
imports six event classes from `utilities.data_classes`, whose __init__ imports all forty-odd (another
25 ms). So each package is registered without running its __init__, and the modules we use load on their own. A name looked up on
the package itself (`from aws_lambda_powertools.event_handler import Response`, as Powertools' own
modules do) is answered from the module the index takes it from, or the submodule of that name, or,
failing both, by running the real __init__ then.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from types import ModuleType
from typing import Any

EVENT_HANDLER = "aws_lambda_powertools.event_handler"
# What event_handler/__init__ re-exports from its api_gateway module (the rest are other resolvers).
API_GATEWAY_NAMES = dict.fromkeys(
    ("ALBResolver", "APIGatewayHttpResolver", "ApiGatewayResolver", "APIGatewayRestResolver", "CORSConfig", "Response"),
    "api_gateway",
)
DATA_CLASSES = "aws_lambda_powertools.utilities.data_classes"
# What the resolver (and our code) takes from data_classes/__init__, and the module each comes from.
EVENT_CLASS_HOMES = {
    "ALBEvent": "alb_event",
    "APIGatewayProxyEvent": "api_gateway_proxy_event",
    "APIGatewayProxyEventV2": "api_gateway_proxy_event",
    "BedrockAgentEvent": "bedrock_agent_event",
    "LambdaFunctionUrlEvent": "lambda_function_url_event",
    "VPCLatticeEvent": "vpc_lattice",
    "VPCLatticeEventV2": "vpc_lattice",
}


def defer_package_index(name: str = EVENT_HANDLER, homes: dict[str, str] = API_GATEWAY_NAMES) -> None:
    """Register package `name` without running its __init__ (nothing to do once it is imported);
    `homes`: the submodule each name the index re-exports comes from, for the names we use."""
    if name in sys.modules:
        return
    try:
        spec = importlib.util.find_spec(name)  # imports the parent package (Powertools' own __init__)
    except ImportError:  # e.g. the layer's build, which has no AWS SDK for Powertools to import
        return
    if spec is None or spec.loader is None or spec.submodule_search_locations is None:
        return
    package = importlib.util.module_from_spec(spec)
    loader = spec.loader

    def lookup(attribute: str) -> Any:
        if attribute.startswith("__") and attribute != "__all__":
            raise AttributeError(attribute)
        if attribute in homes:
            return getattr(importlib.import_module(f"{name}.{homes[attribute]}"), attribute)
        try:
            return importlib.import_module(f"{name}.{attribute}")
        except ModuleNotFoundError as error:
            if error.name != f"{name}.{attribute}":
                raise
        _run_index(package, loader)
        return getattr(package, attribute)

    package.__getattr__ = lookup  # type: ignore[method-assign]
    sys.modules[name] = package


def _run_index(package: ModuleType, loader: Any) -> None:
    del package.__getattr__
    loader.exec_module(package)
