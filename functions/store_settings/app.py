"""PUT /admin/stores/{store_id}: create or replace a store's settings (store-system API, IAM auth;
access_center.stores.admin_routes)."""

from access_center.stores import admin_routes, platform_routes
from access_center.stores.apis import store_system_resolver
from access_center.web.resolver import lambda_handler_for

app = store_system_resolver()
app.include_router(admin_routes.router)
app.include_router(platform_routes.router)
lambda_handler = lambda_handler_for(app)
