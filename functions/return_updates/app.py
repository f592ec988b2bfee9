"""GET /admin/stores/{store_id}/returns and PUT /admin/stores/{store_id}/returns/{return_id}: the store
system lists returns and moves them on (store-system API, IAM auth; access_center.returns.admin_routes)."""

from access_center.returns import admin_routes
from access_center.stores.apis import store_system_resolver
from access_center.web.resolver import lambda_handler_for

app = store_system_resolver()
app.include_router(admin_routes.router)
lambda_handler = lambda_handler_for(app)
