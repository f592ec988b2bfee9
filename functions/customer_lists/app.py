"""The customer's lists, JSON (API.md section 12): wish lists (/store/account/api/wishlists...), saved carts
(/api/carts...) and quotes and configurations (/api/quotes...); access_center.wishlists.routes,
access_center.carts.routes, access_center.quotes.routes. A list the store has switched off is 404."""

from access_center.carts import routes as cart_routes
from access_center.quotes import routes as quote_routes
from access_center.stores.apis import customer_resolver
from access_center.web.resolver import lambda_handler_for
from access_center.wishlists import routes as wishlist_routes

app = customer_resolver()
app.include_router(wishlist_routes.router)
app.include_router(cart_routes.router)
app.include_router(quote_routes.router)
lambda_handler = lambda_handler_for(app)
