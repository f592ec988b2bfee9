"""POST /store/account/api/otp: email a one-time login code (access_center.login.routes).

The answer is 202 whether or not the email has orders at this store (no enumeration); the code is
issued (and throttled) either way, and delivered only where the store knows the email.
"""

from access_center.login import routes
from access_center.stores.apis import customer_resolver
from access_center.web.resolver import lambda_handler_for

app = customer_resolver()
app.include_router(routes.router)
lambda_handler = lambda_handler_for(app)
