"""Stores at the edge: the settings and what only the platform sets, and what the routes answer (the
domains a store connects: stores.domain_models; the languages and the store's own email texts:
stores.language_models; the settings' value types: stores.setting_types).

The answers are the requests' fields plus what the service adds (the store's id, its connected domain,
the DNS target). What is stored is `StoreSettingsIn.stored()`, in the store's PynamoDB item
(access_center.stores.items), read back as a StoreSettings (access_center.stores.settings: the same
settings with the same defaults, without pydantic); these models are the edge only.
"""

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import AfterValidator, Field, SecretStr, StrictBool, StrictInt, model_validator

from access_center.core.fields import Answer, Email, HttpsUrl, Identifier, ShortText, Strict, Text
from access_center.stores import proxy
from access_center.stores.language_models import EmailTexts, EmailTextView, StoreLanguages
from access_center.stores.setting_types import CartUrlTemplate, DomainName, PathPrefix, StoreLocale, TimeZone


class StoreSettingsFields(Strict):
    """The settings as they are stored and answered back (stores.settings.StoreSettings reads them)."""

    name: Text
    from_email: Email
    support_email: Email | None = None
    order_confirmation_email: StrictBool = True
    shipping_update_email: StrictBool = True
    sticky_contact: StrictBool = False
    logo_url: HttpsUrl | None = None
    storefront_url: (
        Annotated[
            HttpsUrl,
            Field(description="The store's shop (https): every page links back to it."),
        ]
        | None
    ) = None
    cart_url_template: CartUrlTemplate | None = None
    cancellations_enabled: Annotated[
        StrictBool, Field(description="Customers may ask to cancel an order until anything has shipped.")
    ] = False
    cancellation_request_email: Annotated[
        StrictBool, Field(description="Email the store's `support_email` each new cancellation request.")
    ] = True
    cancellation_decision_email: Annotated[
        StrictBool, Field(description="Email the customer the store's decision on their cancellation request.")
    ] = True
    returns_enabled: Annotated[
        StrictBool, Field(description="Customers may ask to return shipped lines within `return_window_days`.")
    ] = False
    return_window_days: Annotated[
        StrictInt, Field(ge=1, le=365, description="Days from a line's last shipment in which it can be returned.")
    ] = 30
    return_reasons: (
        Annotated[
            list[ShortText],
            Field(
                min_length=1,
                max_length=20,
                description=(
                    "The reasons a customer picks from; default `damaged`, `wrong_item`, `not_as_described`, "
                    "`no_longer_needed`, `other`."
                ),
            ),
        ]
        | None
    ) = None
    return_request_email: Annotated[
        StrictBool, Field(description="Email the store's `support_email` each new return request.")
    ] = True
    tracking_update_email: Annotated[
        StrictBool, Field(description="Email the customer when a parcel is out for delivery, delivered or delayed.")
    ] = True
    return_update_email: Annotated[
        StrictBool, Field(description="Email the customer each step of their return (with the label link).")
    ] = True
    messages_enabled: Annotated[
        StrictBool,
        Field(
            description="Customers may write to the store about an order (a thread per order; the store answers through the store API)."
        ),
    ] = False
    message_to_store_email: Annotated[
        StrictBool, Field(description="Email the store's `support_email` each customer message.")
    ] = True
    message_to_customer_email: Annotated[
        StrictBool, Field(description="Email the customer each message the store writes on their order.")
    ] = True
    invoice_email: Annotated[
        StrictBool,
        Field(
            description="Email the customer each new invoice the store pushes, with a link to their Invoices page (off: the ERP mails its own)."
        ),
    ] = True
    wishlists_enabled: Annotated[
        StrictBool,
        Field(description="Customers keep named wish lists, add them to the cart and share them read-only."),
    ] = False
    saved_carts_enabled: Annotated[
        StrictBool,
        Field(description="Customers see the carts the store saved for them, rename, delete and restore them."),
    ] = False
    quotes_enabled: Annotated[
        StrictBool,
        Field(description="Customers see the store's quotes and configurations, accept them into the cart or decline."),
    ] = False
    points_enabled: Annotated[
        StrictBool,
        Field(
            description="Customers see their reward points (the ledger the store pushes); needs `points_value` and `points_currency`."
        ),
    ] = False
    points_value: (
        Annotated[
            StrictInt,
            Field(ge=1, le=1_000_000, description="What one point is worth, in minor units of `points_currency`."),
        ]
        | None
    ) = None
    points_currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 4217, like USD.")] | None = None
    registries_enabled: Annotated[
        StrictBool,
        Field(description="Customers keep gift registries that family and friends buy from, by a public link."),
    ] = False
    contact_form_enabled: Annotated[
        StrictBool,
        Field(description="A contact form (signed in or not) that reaches `support_email`, which it needs."),
    ] = False
    brand_color: Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")] | None = None
    locale: StoreLocale = "en-US"
    timezone: TimeZone = "UTC"
    languages: StoreLanguages = ["en"]  # pydantic copies a field's default for each model
    email_texts: EmailTexts = {}


def _proxy_secret(value: SecretStr) -> SecretStr:
    if not proxy.follows_rule(value.get_secret_value()):
        raise ValueError(f"must be {proxy.RULE}")
    return value


ProxySecret = Annotated[
    SecretStr,
    Field(
        description=(
            "Write-only: the secret the store's own proxy sends as `X-Proxy-Secret`, so its `X-Forwarded-For` "
            f"names the customer ({proxy.RULE}). Absent: kept as it is; null: cleared. Answered only as "
            "`proxy_secret_set`."
        )
    ),
    AfterValidator(_proxy_secret),
]


class StoreSettingsIn(StoreSettingsFields):
    # SecretStr: never in the model's repr or str, so a logged model cannot show it (stores.proxy).
    proxy_secret: ProxySecret | None = None

    @model_validator(mode="after")
    def _features_have_what_they_need(self) -> "StoreSettingsIn":
        """Points are worth something only in a currency; the contact form reaches the support address."""
        if self.points_enabled and (self.points_value is None or self.points_currency is None):
            raise ValueError("points_enabled needs points_value and points_currency")
        if self.contact_form_enabled and self.support_email is None:
            raise ValueError("contact_form_enabled needs a support_email")
        return self

    def stored(self) -> dict[str, Any]:
        """The settings map: everything but the proxy secret, which is kept apart and only as a digest."""
        return self.model_dump(exclude_none=True, exclude={"proxy_secret"})

    def proxy_secret_change(self) -> tuple[bool, str | None]:
        """(whether the request changes the proxy secret, the new secret or None to clear it)."""
        if "proxy_secret" not in self.model_fields_set:
            return False, None
        return True, self.proxy_secret.get_secret_value() if self.proxy_secret else None


class StoreSettingsOut(StoreSettingsFields, Answer):
    email_texts: Mapping[str, Mapping[str, EmailTextView]] = Field(
        default_factory=dict, description="The store's own subject and intro of its emails, as written."
    )
    store_id: Identifier
    domain: DomainName | None = Field(description="The connected domain, or null.")
    path_prefix: PathPrefix
    proxy_secret_set: StrictBool = Field(description="Whether the store has a `proxy_secret` (never answered itself).")


AwsAccountId = Annotated[
    str, Field(pattern=r"^[0-9]{12}$", description="A 12-digit AWS account id, as a string: `123456789012`.")
]


class StorePlatformIn(Strict):
    """What only the platform's principals set about a store; a PUT replaces both (absent: unset)."""

    aws_account_id: (
        Annotated[
            AwsAccountId,
            Field(
                description=(
                    "The AWS account whose principals may sign the store system's requests for this store "
                    "(any role or user of it). Unset: only the platform's principals may address the store."
                )
            ),
        ]
        | None
    ) = None
    requests_per_minute: (
        Annotated[
            StrictInt,
            Field(
                ge=1,
                le=1_000_000,
                description=(
                    "The store's fair share: requests per sliding minute, both APIs together, before 429. "
                    "Unset: the deployment's `StoreRequestsPerMinute`."
                ),
            ),
        ]
        | None
    ) = None


class StorePlatformOut(StorePlatformIn, Answer):
    store_id: Identifier
