"""PUT and GET /admin/stores/{store_id}/sender: the store's verified sending domain (store-system API,
IAM auth; access_center.stores.sender_routes and, for the rules, stores.sender)."""

from access_center.stores import sender_routes
from access_center.stores.apis import store_system_resolver
from access_center.web.resolver import lambda_handler_for

app = store_system_resolver()
app.include_router(sender_routes.router)
lambda_handler = lambda_handler_for(app)
