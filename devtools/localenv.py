"""The environment the functions get locally: the template's, with local stand-ins for AWS-only values."""

from __future__ import annotations

from devtools import template

# Locally nothing is signed: the emulated API Gateway presents store-system requests as this
# platform-wide principal (devtools.emulator.gateway), the way an operator's role would be in AWS.
LOCAL_PLATFORM_PRINCIPAL = "arn:aws:iam::000000000000:role/access-center-local-platform"
LOCAL_OVERRIDES = {
    "PLATFORM_PRINCIPALS": LOCAL_PLATFORM_PRINCIPAL,
    "PLATFORM_SENDER_EMAIL": "access-center@platform.example",
    "TEMPLATES_DIR": str(template.ROOT / "templates"),
    "AWS_REGION": "us-east-1",
    "AWS_DEFAULT_REGION": "us-east-1",
    "POWERTOOLS_METRICS_NAMESPACE": "CustomerAccessCenter",
    "STACK_NAME": "access-center-local",  # tagged on SES identities and tenants (aws.ses)
    "PSEUDO_LOCALE": "true",  # a store may offer the pseudo-locale en-XA here (docs/languages.md)
}


def environment(server_secret: str) -> dict[str, str]:
    """One environment for every function (they share Globals; per-function extras are merged in)."""
    env: dict[str, str] = {}
    for fn in template.functions().values():
        env.update(fn.environment)
    env.pop("SERVER_SECRET_ARN", None)  # Secrets Manager stand-in: the secret itself
    # No edge locally: Host and the socket's peer address count, whatever headers a request carries.
    env.pop("EDGE_SECRET_ARN", None)
    env.update(LOCAL_OVERRIDES)
    env["SERVER_SECRET"] = server_secret
    return env
