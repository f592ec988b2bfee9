"""GET /store/account/api/me and POST /store/account/api/logout (access_center.login.session_routes)."""

from access_center.login import session_routes
from access_center.web.resolver import create_resolver, lambda_handler_for

app = create_resolver(customer_facing=True)
app.include_router(session_routes.router)
lambda_handler = lambda_handler_for(app)
