"""PUT /admin/stores/{store_id}: create or replace a store's settings (store-system API, IAM auth;
access_center.stores.admin_routes)."""

from access_center.stores import admin_routes
from access_center.web.resolver import create_resolver, lambda_handler_for

app = create_resolver(customer_facing=False)
app.include_router(admin_routes.router)
lambda_handler = lambda_handler_for(app)
