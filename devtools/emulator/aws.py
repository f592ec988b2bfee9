"""AWS emulated in-process with moto, for the local server: tables from the template, SES that accepts
every store's sender, and each emulated AWS call atomic (devtools.emulator.atomic).

Import this only after the functions' environment is in place (see devtools.emulator.server).
"""

from __future__ import annotations

from collections.abc import Callable
from email import message_from_string
from email.utils import parseaddr
from typing import Any

import boto3
from moto import mock_aws

from devtools import iam, template
from devtools.emulator import apigateway, events, files, outbox
from devtools.emulator.atomic import make_moto_atomic
from devtools.emulator.moto_copies import copy_less_in_moto
from devtools.emulator.moto_speed import speed_up_moto_serializer
from devtools.emulator.ses_tenants import emulate_ses_tenants

ACCOUNT, REGION = outbox.ACCOUNT, outbox.REGION


class Emulator:
    """moto for the whole process: start() before the functions run, stop() at the end.

    Creates what the template declares that the functions or the emulated event sources use: the
    tables (from devtools.template.table_definitions), SQS queues (on-failure destinations of stream
    mappings), SES configuration sets, REST APIs (what store domains are mapped to) and EventBridge
    buses (devtools.emulator.events), each named by its logical id as the local environment names it.
    """

    def __init__(self, spec: dict[str, Any] | None = None) -> None:
        self.template = spec if spec is not None else template.load()
        self.definitions = template.table_definitions(self.template)
        self._mock = mock_aws()

    def start(self) -> None:
        iam.install()  # each function's calls checked against its role, as in AWS (devtools.iam)
        make_moto_atomic()
        speed_up_moto_serializer()
        copy_less_in_moto()
        self._mock.start()
        # In moto, or on DynamoDB Local when the server points DynamoDB there (whose --persist folder
        # may hold the tables already).
        dynamodb = boto3.client("dynamodb", region_name=REGION)
        existing = set(dynamodb.list_tables()["TableNames"])
        for name, spec in self.definitions.items():
            if name not in existing:
                dynamodb.create_table(**spec)
        sqs = boto3.client("sqs", region_name=REGION)
        for name in template.resources(self.template, "AWS::SQS::Queue"):
            sqs.create_queue(QueueName=name)
        ses = boto3.client("sesv2", region_name=REGION)
        for name in template.resources(self.template, "AWS::SES::ConfigurationSet"):
            ses.create_configuration_set(ConfigurationSetName=name)
        accept_every_sender()
        verify_identities_at_once()
        emulate_ses_tenants()  # moto has no SES tenants (devtools.emulator.ses_tenants)
        platform_identity(ses)
        apigateway.emulate_custom_domains()
        apigateway.create_rest_apis(self.template, REGION)
        events.create_buses(self.template, REGION)  # GET /_dev/events reads what they were sent
        files.create_buckets(boto3.client("s3", region_name=REGION), self.template)  # /_dev/s3 serves them

    def stop(self) -> None:
        self._mock.stop()


def platform_identity(ses: Any) -> None:
    """The platform's own sending domain, which the stack's operator verifies in SES once (a store's SES
    tenant is associated with it: stores.sender). Already there (a --persist restart): left as it is."""
    import contextlib
    import os

    domain = os.environ.get("PLATFORM_SENDER_EMAIL", "").rpartition("@")[2]
    if domain:
        with contextlib.suppress(ses.exceptions.AlreadyExistsException):
            ses.create_email_identity(EmailIdentity=domain)


def _sender_of(args: tuple[Any, ...], kwargs: dict[str, Any], raw: bool) -> str | None:
    source = kwargs.get("source", args[0] if args else None)
    if source:
        return str(source)
    if raw:  # SendRawEmail without Source: SES takes the From header
        data = kwargs.get("raw_data", args[2] if len(args) > 2 else "")
        return message_from_string(str(data)).get("From")
    return None


def verify_identities_at_once() -> None:
    """SES domain identities verify here as soon as they are created (API.md section 7: locally the
    verification completes at once), with three Easy DKIM tokens, as SES answers once DNS is in place.
    moto leaves them unverified and without tokens for ever. Class-wide: every moto mock and account."""
    import hashlib

    from moto.ses.models import SESBackend

    if getattr(SESBackend, "_dev_verifies_at_once", False):
        return
    original = SESBackend.create_email_identity_v2

    def create(self: Any, email_identity: str, *args: Any, **kwargs: Any) -> Any:
        identity = original(self, email_identity, *args, **kwargs)
        identity.verified_for_sending_status = True
        if "@" not in email_identity:
            digest = hashlib.sha256(email_identity.encode()).hexdigest()
            tokens = [digest[i : i + 32] for i in (0, 16, 32)]
            identity.dkim_attributes.update({"SigningEnabled": True, "Status": "SUCCESS", "Tokens": tokens})
        return identity

    SESBackend.create_email_identity_v2 = create  # type: ignore[method-assign]
    SESBackend._dev_verifies_at_once = True  # type: ignore[attr-defined]


def accept_every_sender() -> None:
    """Make SES accept mail from any store's `from_email`, and stamp each message with its send time.

    In AWS a store's sending domain is verified when the store is onboarded; moto rejects mail from an
    unverified identity. Verifying identities when stores are seeded or created would miss stores written
    any other way (a restored --persist directory, a store whose from_email changed, a test writing the
    table directly), so instead every send first verifies its sender's domain, then sends as usual. One
    place, whatever path created the store. The wrapped methods are the SES backend's own send methods,
    which SES v1 and v2 (`sesv2`, what the functions use) both end in.
    """
    from moto.ses.models import ses_backends

    backend = ses_backends[ACCOUNT][REGION]
    if getattr(backend, "_dev_accepts_every_sender", False):
        return

    def wrap(name: str, raw: bool) -> None:
        original: Callable[..., Any] = getattr(backend, name)

        def send(*args: Any, **kwargs: Any) -> Any:
            sender = _sender_of(args, kwargs, raw)
            if sender:
                address = parseaddr(sender)[1]
                domain = address.rpartition("@")[2].lower()
                if domain:
                    backend.verify_domain(domain)
            message = original(*args, **kwargs)
            outbox.stamp(message)
            return message

        setattr(backend, name, send)

    wrap("send_email", raw=False)
    wrap("send_raw_email", raw=True)
    wrap("send_templated_email", raw=False)
    wrap("send_bulk_templated_email", raw=False)
    backend._dev_accepts_every_sender = True  # type: ignore[attr-defined]
