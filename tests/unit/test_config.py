"""access_center.core.config: each variable's default, override and empty value, the region chain, the
platform principals list, and a bad value stopping the cold start with the variable's name. Settings are
parsed from a given mapping (Settings.from_environ); the process-wide cached settings are left alone."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

import access_center
from access_center.core.config import ConfigError, Settings, settings
from devtools import localenv, template

ROOT = Path(__file__).resolve().parents[2]


def parse(**environ: str) -> Settings:
    return Settings.from_environ(environ)


def test_an_empty_environment_gives_the_defaults() -> None:
    cfg = parse()
    assert cfg == Settings()
    assert cfg.region == "us-east-1"
    assert (cfg.stores_table, cfg.orders_table, cfg.idempotency_table) == (
        "StoresTable",
        "OrdersTable",
        "IdempotencyTable",
    )
    assert (cfg.files_bucket, cfg.store_events_bus, cfg.login_code_queue_url) == ("filesbucket", "StoreEventsBus", "")
    assert (cfg.code_ttl_seconds, cfg.code_max_failures, cfg.link_ttl_seconds) == (600, 5, 3600)
    assert (cfg.session_absolute_seconds, cfg.session_idle_seconds) == (30 * 24 * 3600, 7 * 24 * 3600)
    assert (cfg.max_body_bytes, cfg.write_retries, cfg.write_retry_base_ms, cfg.write_retry_cap_ms) == (
        65536,
        12,
        5,
        60,
    )
    assert (cfg.public_scheme, cfg.public_port, cfg.customer_api_id, cfg.customer_api_stage) == (
        "https",
        None,
        None,
        "live",
    )
    assert (cfg.dynamodb_endpoint, cfg.server_secret, cfg.server_secret_arn, cfg.ses_configuration_set) == (None,) * 4
    assert cfg.platform_principals == frozenset()
    assert cfg.platform_sender_email == "access-center@platform.example"
    # templates/ beside the folder that holds the package, as before (the template and localenv set it).
    assert Path(cfg.templates_dir).resolve() == Path(access_center.__file__).resolve().parents[2] / "templates"


def test_each_kind_of_setting_takes_its_variable() -> None:
    cfg = parse(
        STORES_TABLE="stores-prod",
        DYNAMODB_ENDPOINT="http://localhost:8000",
        CODE_TTL_SECONDS="300",
        PUBLIC_PORT="3000",
        TEMPLATES_DIR="/opt/templates",
        PLATFORM_PRINCIPALS="arn:aws:iam::1:role/a",
    )
    assert cfg.stores_table == "stores-prod"
    assert cfg.dynamodb_endpoint == "http://localhost:8000"
    assert cfg.code_ttl_seconds == 300
    assert cfg.public_port == 3000
    assert cfg.templates_dir == "/opt/templates"
    assert cfg.platform_principals == {"arn:aws:iam::1:role/a"}
    assert cfg.orders_table == "OrdersTable"  # the others keep their defaults


def test_every_setting_parses_a_value_of_its_kind() -> None:
    """Every field names a variable and has a parser for its type: "7" is text, a number, a port, a list."""
    names = [name for field in dataclasses.fields(Settings) for name in field.metadata["env"]]
    assert len(names) == len(set(names))
    flags = [name for field in dataclasses.fields(Settings) if field.type == "bool" for name in field.metadata["env"]]
    cfg = Settings.from_environ({**dict.fromkeys(names, "7"), **dict.fromkeys(flags, "true")})
    assert cfg.region == cfg.stores_table == cfg.server_secret == "7"
    assert cfg.code_ttl_seconds == cfg.public_port == 7
    assert cfg.platform_principals == {"7"}
    assert cfg.edge_only is True


def test_a_flag_is_true_or_false_and_nothing_else() -> None:
    assert parse(EDGE_ONLY="TRUE").edge_only is True
    assert parse(EDGE_ONLY="false").edge_only is False
    assert parse().edge_only is False
    with pytest.raises(ConfigError, match="EDGE_ONLY"):
        parse(EDGE_ONLY="yes")


def test_the_region_is_aws_region_then_aws_default_region_then_us_east_1() -> None:
    assert parse(AWS_REGION="eu-west-1", AWS_DEFAULT_REGION="eu-central-1").region == "eu-west-1"
    assert parse(AWS_DEFAULT_REGION="eu-central-1").region == "eu-central-1"
    assert parse(AWS_REGION="", AWS_DEFAULT_REGION="eu-central-1").region == "eu-central-1"
    assert parse(AWS_REGION="", AWS_DEFAULT_REGION="").region == "us-east-1"


def test_an_empty_value_is_unset_except_for_the_resource_names() -> None:
    cfg = parse(
        CODE_TTL_SECONDS="",
        PUBLIC_PORT="",
        DYNAMODB_ENDPOINT="",
        SERVER_SECRET="",
        STORE_EVENTS_BUS="",
        TEMPLATES_DIR="",
        CUSTOMER_API_STAGE="",
        PLATFORM_SENDER_EMAIL="",
        PLATFORM_PRINCIPALS="",
    )
    assert cfg == Settings()
    # Table, bucket and queue names are taken as given, as they always were.
    named = parse(STORES_TABLE="", FILES_BUCKET="", LOGIN_CODE_QUEUE_URL="")
    assert (named.stores_table, named.files_bucket, named.login_code_queue_url) == ("", "", "")


def test_port_zero_means_the_schemes_own_port() -> None:
    assert parse(PUBLIC_PORT="0").public_port is None


def test_platform_principals_are_a_comma_list_without_blanks_or_repeats() -> None:
    principals = parse(PLATFORM_PRINCIPALS=" arn:aws:iam::1:role/a , ,arn:aws:iam::2:user/b,arn:aws:iam::1:role/a,")
    assert principals.platform_principals == frozenset({"arn:aws:iam::1:role/a", "arn:aws:iam::2:user/b"})
    assert parse(PLATFORM_PRINCIPALS=" , ").platform_principals == frozenset()


def test_a_bad_value_names_its_variable() -> None:
    with pytest.raises(ConfigError, match=r"CODE_TTL_SECONDS='abc' is not a whole number"):
        parse(CODE_TTL_SECONDS="abc")


def test_every_bad_value_is_named_at_once() -> None:
    with pytest.raises(ConfigError) as raised:
        parse(CODE_TTL_SECONDS="10m", PUBLIC_PORT="http", WRITE_RETRIES=" ", STORES_TABLE="fine")
    message = str(raised.value)
    assert all(name in message for name in ("CODE_TTL_SECONDS='10m'", "PUBLIC_PORT='http'", "WRITE_RETRIES=' '"))
    assert "STORES_TABLE" not in message
    assert isinstance(raised.value, ValueError)


def test_the_settings_are_frozen() -> None:
    cfg, field = parse(), "code_ttl_seconds"
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(cfg, field, 1)


def test_the_environment_is_read_once_per_container(monkeypatch: pytest.MonkeyPatch) -> None:
    first = settings()
    monkeypatch.setenv("CODE_TTL_SECONDS", str(first.code_ttl_seconds + 1))
    assert settings() is first


def test_a_bad_value_stops_the_cold_start_naming_the_variable() -> None:
    """A function reads its settings while it imports: Lambda's init fails, before any request."""
    fn = template.functions()["CustomerSessionFunction"]
    env = {**localenv.environment(server_secret="config-test"), "CODE_TTL_SECONDS": "abc", "PATH": "/usr/bin:/bin"}
    env.update({"PYTHONPATH": f"{fn.code_dir}:{ROOT / 'layers' / 'shared'}", "AWS_ACCESS_KEY_ID": "testing"})
    done = subprocess.run([sys.executable, "-c", "import app"], env=env, capture_output=True, text=True)  # noqa: S603
    assert done.returncode != 0
    assert "ConfigError: environment: CODE_TTL_SECONDS='abc' is not a whole number" in done.stderr
