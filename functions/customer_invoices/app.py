"""GET /store/account/api/invoices and GET /store/account/api/invoices/{invoice_id}/document: the
customer's invoices and their documents (access_center.invoices.routes)."""

from access_center.invoices import routes
from access_center.stores.apis import customer_resolver
from access_center.web.resolver import lambda_handler_for

app = customer_resolver()
app.include_router(routes.router)
lambda_handler = lambda_handler_for(app)
