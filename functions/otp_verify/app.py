"""POST /store/account/api/otp/verify: trade a valid code for a session cookie (access_center.login.verify_routes)."""

from access_center.login import verify_routes
from access_center.stores.apis import customer_resolver
from access_center.web.resolver import lambda_handler_for

app = customer_resolver()
app.include_router(verify_routes.router)
lambda_handler = lambda_handler_for(app)
