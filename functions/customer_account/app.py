"""The customer's account, JSON: GET and PATCH /store/account/api/profile, GET and POST
/store/account/api/addresses, PUT and DELETE /store/account/api/addresses/{address_id}
and GET /store/account/api/company (access_center.profile.routes, access_center.addresses.routes,
access_center.companies.routes)."""

from access_center.addresses import routes as address_routes
from access_center.companies import routes as company_routes
from access_center.profile import routes as profile_routes
from access_center.stores.apis import customer_resolver
from access_center.web.resolver import lambda_handler_for

app = customer_resolver()
app.include_router(profile_routes.router)
app.include_router(address_routes.router)
app.include_router(company_routes.router)
lambda_handler = lambda_handler_for(app)
