"""GET /store/account/api/invoices and GET /store/account/api/invoices/{invoice_id}/document: the
customer's invoices and their documents (access_center.invoices.routes)."""

from access_center.invoices import routes
from access_center.web.resolver import create_resolver, lambda_handler_for

app = create_resolver(customer_facing=True)
app.include_router(routes.router)
lambda_handler = lambda_handler_for(app)
