"""PUT, GET and DELETE /admin/stores/{store_id}/domain: connect the store's domain, its status, disconnect it
(store-system API, IAM auth; access_center.stores.domain_routes and, for the order of operations, stores.domains)."""

from access_center.stores import domain_routes
from access_center.stores.apis import store_system_resolver
from access_center.web.resolver import lambda_handler_for

app = store_system_resolver()
app.include_router(domain_routes.router)
lambda_handler = lambda_handler_for(app)
