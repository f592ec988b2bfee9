"""GET and POST /store/account/api/orders/{order_id}/returns: the customer's return requests
(access_center.returns.routes)."""

from access_center.returns import routes
from access_center.stores.apis import customer_resolver
from access_center.web.resolver import lambda_handler_for

app = customer_resolver()
app.include_router(routes.router)
lambda_handler = lambda_handler_for(app)
