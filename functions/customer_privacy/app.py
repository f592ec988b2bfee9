"""The customer's privacy, JSON: GET /store/account/api/privacy/export (access_center.privacy.routes) and
POST /store/account/api/privacy/erasure (access_center.privacy.erasure_routes)."""

from access_center.privacy import erasure_routes
from access_center.privacy import routes as privacy_routes
from access_center.stores.apis import customer_resolver
from access_center.web.resolver import lambda_handler_for

app = customer_resolver()
app.include_router(privacy_routes.router)
app.include_router(erasure_routes.router)
lambda_handler = lambda_handler_for(app)
