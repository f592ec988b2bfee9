"""GET /store/account/api/me and POST /store/account/api/logout (access_center.login.session_routes)."""

from access_center.login import session_routes
from access_center.stores.apis import customer_resolver
from access_center.web.resolver import lambda_handler_for

app = customer_resolver()
app.include_router(session_routes.router)
lambda_handler = lambda_handler_for(app)
