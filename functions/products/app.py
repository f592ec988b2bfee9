"""PUT and DELETE /admin/stores/{store_id}/products/{sku}: the store's catalog (store-system API, IAM
auth; access_center.catalog.admin_routes)."""

from access_center.catalog import admin_routes
from access_center.stores.apis import store_system_resolver
from access_center.web.resolver import lambda_handler_for

app = store_system_resolver()
app.include_router(admin_routes.router)
lambda_handler = lambda_handler_for(app)
