"""PUT /admin/stores/{store_id}/invoices/{invoice_id} and POST .../document: store systems (their ERP)
push invoices and upload their PDFs (store-system API, IAM auth; access_center.invoices.admin_routes)."""

from access_center.invoices import admin_routes
from access_center.stores.apis import store_system_resolver
from access_center.web.resolver import lambda_handler_for

app = store_system_resolver()
app.include_router(admin_routes.router)
lambda_handler = lambda_handler_for(app)
