"""The saved carts, quotes, gift registries (read, purchases) and reward points store systems push for their
customers (store-system API, IAM auth; access_center.carts.admin_routes, quotes.admin_routes,
registries.admin_routes, points.admin_routes)."""

from access_center.carts import admin_routes as cart_routes
from access_center.points import admin_routes as point_routes
from access_center.quotes import admin_routes as quote_routes
from access_center.registries import admin_routes as registry_routes
from access_center.stores.apis import store_system_resolver
from access_center.web.resolver import lambda_handler_for

app = store_system_resolver()
app.include_router(cart_routes.router)
app.include_router(quote_routes.router)
app.include_router(registry_routes.router)
app.include_router(point_routes.router)
lambda_handler = lambda_handler_for(app)
