"""The customer's lists, JSON (API.md section 12): wish lists (/store/account/api/wishlists...), saved carts
(/api/carts...), quotes and configurations (/api/quotes...), gift registries (/api/registries...) and
reward points (/api/points); access_center.wishlists.routes, carts.routes, quotes.routes, registries.routes,
points.routes. A list the store has switched off is 404."""

from access_center.carts import routes as cart_routes
from access_center.points import routes as point_routes
from access_center.quotes import routes as quote_routes
from access_center.registries import routes as registry_routes
from access_center.stores.apis import customer_resolver
from access_center.web.resolver import lambda_handler_for
from access_center.wishlists import routes as wishlist_routes

app = customer_resolver()
app.include_router(wishlist_routes.router)
app.include_router(cart_routes.router)
app.include_router(quote_routes.router)
app.include_router(registry_routes.router)
app.include_router(point_routes.router)
lambda_handler = lambda_handler_for(app)
