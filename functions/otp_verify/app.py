"""POST /store/account/api/otp/verify: trade a valid code for a session cookie (access_center.login.routes)."""

from access_center.login.routes import verify_router
from access_center.web.resolver import create_resolver, lambda_handler_for

app = create_resolver(customer_facing=True)
app.include_router(verify_router)
lambda_handler = lambda_handler_for(app)
