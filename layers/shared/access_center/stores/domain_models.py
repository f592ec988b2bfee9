"""The domains a store connects, at the edge: its web domain (API.md section 14, PUT and GET
/admin/stores/{store_id}/domain) and its sending domain (section 7), and what the routes answer."""

from typing import Annotated, Literal

from pydantic import Field, StrictBool

from access_center.core.fields import Answer, Identifier, Strict
from access_center.stores.setting_types import DomainName, PathPrefix


class _DomainFields(Strict):
    domain: DomainName
    path_prefix: PathPrefix = ""


class DomainIn(_DomainFields):
    certificate_arn: Annotated[str, Field(max_length=2048)] | None = Field(
        default=None,
        description=(
            "Only where each store has its own API Gateway custom domain (`custom-domains` deployments); "
            "checked, then ignored, where CloudFront manages the certificate (the answer's `message` says so)."
        ),
    )
    storefront_cdn: StrictBool = Field(
        default=False,
        description=(
            "The storefront keeps serving this host through its own CDN, which forwards "
            "`{prefix}/store/account/*` here: the certificate is validated by the redirect in the answer's "
            "`validation` instead of by pointing the domain here."
        ),
    )


class DnsRecord(Strict):
    type: str = Field(description="`CNAME`.")
    name: str
    value: str


class DomainValidation(Strict):
    url: str = Field(description="The URL on the store's host that must redirect (HTTP 301 or 302) ...")
    redirect_to: str = Field(description="... to this URL, where ACM reads the certificate's validation token.")


class DomainOut(_DomainFields, Answer):
    store_id: Identifier
    url: str | None = Field(description="The access center's orders page on this domain.")
    status: Literal["pending", "active", "failed"] = Field(
        description="`pending` until the domain's certificate is issued and the edge serves it, then `active`; or `failed`."
    )
    message: str | None = Field(default=None, description="What is left to do, or why it failed.")
    dns_records: list[DnsRecord] = Field(
        description="Publish these: where the domain points (its certificate is validated through it). Empty with `storefront_cdn` and locally."
    )
    validation: DomainValidation | None = Field(
        default=None,
        description="With `storefront_cdn`, once CloudFront has the token: the redirect the store's CDN serves.",
    )
    dns_target: str | None = Field(description="Where the domain points (the CNAME's value); null where not in AWS.")
    dns_target_zone_id: str | None = Field(
        description="The hosted zone of `dns_target`, for a Route 53 alias (custom domains only; else null)."
    )


class SenderIn(Strict):
    domain: DomainName


class SenderOut(Answer):
    store_id: Identifier
    domain: DomainName
    status: str = Field(description="`pending` until SES has verified the domain (DNS), then `verified`; or `failed`.")
    dns_records: list[DnsRecord] = Field(description="Publish these (Easy DKIM); SES verifies the domain from them.")
