"""GET and PUT /admin/stores/{store_id}/customers?email=: a store system reads a customer's profile and
address book, or imports a customer from its own records; PUT, GET and DELETE
/admin/stores/{store_id}/companies/{company_id}: the store's B2B companies and their members
(store-system API, IAM auth; access_center.profile.admin_routes, access_center.companies.admin_routes)."""

from access_center.companies import admin_routes as company_routes
from access_center.profile import admin_routes
from access_center.stores.apis import store_system_resolver
from access_center.web.resolver import lambda_handler_for

app = store_system_resolver()
app.include_router(admin_routes.router)
app.include_router(company_routes.router)
lambda_handler = lambda_handler_for(app)
