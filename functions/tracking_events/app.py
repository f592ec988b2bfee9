"""POST /admin/stores/{store_id}/orders/{order_id}/fulfilments/{fulfilment_id}/events: a parcel's
tracking events (store-system API, IAM auth; access_center.tracking.admin_routes)."""

from access_center.stores.apis import store_system_resolver
from access_center.tracking import admin_routes
from access_center.web.resolver import lambda_handler_for

app = store_system_resolver()
app.include_router(admin_routes.router)
lambda_handler = lambda_handler_for(app)
