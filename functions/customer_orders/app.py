"""GET /store/account/api/orders[/{order_id}]: the logged-in customer's orders (access_center.orders.routes)."""

from access_center.orders import routes
from access_center.web.resolver import create_resolver, lambda_handler_for

app = create_resolver(customer_facing=True)
app.include_router(routes.router)
lambda_handler = lambda_handler_for(app)
