"""PUT and DELETE /admin/stores/{store_id}/carts/{cart_id}, PUT and GET /admin/stores/{store_id}/quotes/{quote_id}:
the saved carts and quotes store systems push for their customers (store-system API, IAM auth;
access_center.carts.admin_routes, access_center.quotes.admin_routes)."""

from access_center.carts import admin_routes as cart_routes
from access_center.quotes import admin_routes as quote_routes
from access_center.stores.apis import store_system_resolver
from access_center.web.resolver import lambda_handler_for

app = store_system_resolver()
app.include_router(cart_routes.router)
app.include_router(quote_routes.router)
lambda_handler = lambda_handler_for(app)
