"""PUT /admin/stores/{store_id}/orders/{order_id}/cancellation: the store system approves or declines
a cancellation request (store-system API, IAM auth; access_center.cancellations.admin_routes)."""

from access_center.cancellations import admin_routes
from access_center.stores.apis import store_system_resolver
from access_center.web.resolver import lambda_handler_for

app = store_system_resolver()
app.include_router(admin_routes.router)
lambda_handler = lambda_handler_for(app)
