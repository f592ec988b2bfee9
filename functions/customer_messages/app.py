"""GET and POST /store/account/api/orders/{order_id}/messages: the customer's side of the order's
conversation with the store (access_center.messages.routes)."""

from access_center.messages import routes
from access_center.stores.apis import customer_resolver
from access_center.web.resolver import lambda_handler_for

app = customer_resolver()
app.include_router(routes.router)
lambda_handler = lambda_handler_for(app)
