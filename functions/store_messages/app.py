"""POST and GET /admin/stores/{store_id}/orders/{order_id}/messages: the store system's side of an
order's conversation with its customer (store-system API, IAM auth; access_center.messages.admin_routes)."""

from access_center.messages import admin_routes
from access_center.stores.apis import store_system_resolver
from access_center.web.resolver import lambda_handler_for

app = store_system_resolver()
app.include_router(admin_routes.router)
lambda_handler = lambda_handler_for(app)
