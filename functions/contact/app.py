"""POST /store/account/api/contact: the contact form's JSON (API.md section 12), signed in or not; the message
reaches the store's support address from the Messages table's stream (access_center.contact.routes)."""

from access_center.contact import routes
from access_center.stores.apis import customer_resolver
from access_center.web.resolver import lambda_handler_for

app = customer_resolver()
app.include_router(routes.router)
lambda_handler = lambda_handler_for(app)
