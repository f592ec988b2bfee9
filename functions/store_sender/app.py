"""PUT and GET /admin/stores/{store_id}/sender: the store's verified sending domain (store-system API,
IAM auth; access_center.stores.sender_routes and, for the rules, stores.sender)."""

from access_center.stores import sender_routes
from access_center.web.resolver import create_resolver, lambda_handler_for

app = create_resolver(customer_facing=False)
app.include_router(sender_routes.router)
lambda_handler = lambda_handler_for(app)
