"""GET and POST /store/account/api/orders/{order_id}/reorder: "order again", the preview at current
prices and the store's cart link with what can be added (access_center.reorder.routes)."""

from access_center.reorder import routes
from access_center.stores.apis import customer_resolver
from access_center.web.resolver import lambda_handler_for

app = customer_resolver()
app.include_router(routes.router)
lambda_handler = lambda_handler_for(app)
