"""POST /store/account/api/orders/{order_id}/cancellation: the customer asks the store to cancel an
order (access_center.cancellations.routes)."""

from access_center.cancellations import routes
from access_center.stores.apis import customer_resolver
from access_center.web.resolver import lambda_handler_for

app = customer_resolver()
app.include_router(routes.router)
lambda_handler = lambda_handler_for(app)
