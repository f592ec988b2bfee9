"""PUT and DELETE /admin/stores/{store_id}/products/{sku}: the store's catalog (store-system API, IAM
auth; access_center.catalog.admin_routes)."""

from access_center.catalog import admin_routes
from access_center.web.resolver import create_resolver, lambda_handler_for

app = create_resolver(customer_facing=False)
app.include_router(admin_routes.router)
lambda_handler = lambda_handler_for(app)
