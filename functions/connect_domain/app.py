"""PUT and DELETE /admin/stores/{store_id}/domain: connect or disconnect the store's domain (store-system
API, IAM auth; access_center.stores.domain_routes and, for the order of operations, stores.domains)."""

from access_center.stores import domain_routes
from access_center.web.resolver import create_resolver, lambda_handler_for

app = create_resolver(customer_facing=False)
app.include_router(domain_routes.router)
lambda_handler = lambda_handler_for(app)
