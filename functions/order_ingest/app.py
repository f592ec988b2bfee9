"""PUT /admin/stores/{store_id}/orders/{order_id}: create (201) or update (200) an order
(store-system API, IAM auth; access_center.orders.admin_routes)."""

from access_center.orders import admin_routes
from access_center.web.resolver import create_resolver, lambda_handler_for

app = create_resolver(customer_facing=False)
app.include_router(admin_routes.router)
lambda_handler = lambda_handler_for(app)
