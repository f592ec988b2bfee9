"""GET /store/account/api/orders[/{order_id}]: the logged-in customer's orders (access_center.orders.routes)."""

from access_center.orders import routes
from access_center.stores.apis import customer_resolver
from access_center.web.resolver import lambda_handler_for

app = customer_resolver()
app.include_router(routes.router)
lambda_handler = lambda_handler_for(app)
