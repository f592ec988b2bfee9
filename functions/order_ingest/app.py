"""PUT /admin/stores/{store_id}/orders/{order_id}: create (201) or update (200) an order
(store-system API, IAM auth; access_center.orders.admin_routes)."""

from access_center.orders import admin_routes
from access_center.stores.apis import store_system_resolver
from access_center.web.resolver import lambda_handler_for

app = store_system_resolver()
app.include_router(admin_routes.router)
lambda_handler = lambda_handler_for(app)
