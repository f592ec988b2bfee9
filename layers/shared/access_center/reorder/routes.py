"""The customer's "order again" JSON routes (CustomerReorderFunction)."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Response, Router

from access_center.account.customer import customer
from access_center.account.order_routes import order_route
from access_center.orders.acting import Viewer
from access_center.reorder import logic
from access_center.web import apidoc
from access_center.web.requests import JSON, OrderId, json_response

router = Router()


@order_route(
    router,
    "GET",
    "/api/orders/<order_id>/reorder",
    summary="Order again: the order's lines at today's prices, and which can be added to the cart",
    description=(
        "Each line with what was paid and what it costs now (`current_unit_price`, in `current_currency`; "
        "null where the store has no such product any more) and whether it can be added (`reason`: "
        "`unavailable`, no longer sold; `out_of_stock`, where the product takes no backorders). `cart_url` "
        "is the store's cart with the addable lines, or null (nothing addable, or the store has no cart link)."
    ),
    ok={200: apidoc.json_body("ReorderPreview", "The lines and the cart link.")},
)
def preview(order_id: OrderId) -> Response[JSON]:
    who = customer(router)
    return json_response(200, logic.preview(who.store, Viewer.of(who), order_id))


@order_route(
    router,
    "POST",
    "/api/orders/<order_id>/reorder",
    summary="Order again: the store's cart link with only the lines that can be added, at current prices",
    description="Tells the store (a `ReorderStarted` event); no body needed. Send the customer to `cart_url`.",
    ok={200: apidoc.json_body("ReorderCart", "The cart link.")},
    errors={
        409: (
            "Nothing can be added (`details`: each line's `line_id`, `sku` and `reason`), or the store has "
            "no cart link (`cart_url_template`); `message` says which."
        ),
        429: "More than 10 cart links in the last hour at this store.",
    },
    acts=True,
)
def start(order_id: OrderId) -> Response[JSON]:
    who = customer(router)
    return json_response(200, logic.start(who.store, Viewer.of(who), order_id))
