"""The customer pages (server-rendered HTML, no JavaScript needed): login, code, orders, order detail,
what a customer can do from an order (order again, cancellation and return requests, messages, invoices),
and their account (profile, address book).

Each feature keeps its own pages (login.pages, orders.pages, reorder.pages, cancellations.pages,
returns.pages, messages.pages, invoices.pages, profile.pages, addresses.pages, privacy.pages, companies.pages,
account.assets); what they
share (the page resolver, CSRF-checked forms, error pages, a strict Content-Security-Policy) is
access_center.account.pages and access_center.web.pages. A feature that acts on an order adds its section to the order page here.
"""

from access_center.account import assets, language_routes
from access_center.account.pages import create_page_resolver
from access_center.addresses import pages as address_pages
from access_center.cancellations import pages as cancellation_pages
from access_center.companies import pages as company_pages
from access_center.invoices import pages as invoice_pages
from access_center.login import pages as login_pages
from access_center.messages import pages as message_pages
from access_center.orders import pages as order_pages
from access_center.privacy import pages as privacy_pages
from access_center.profile import pages as profile_pages
from access_center.reorder import pages as reorder_pages
from access_center.returns import pages as return_pages
from access_center.web.resolver import lambda_handler_for

app = create_page_resolver()
app.include_router(login_pages.router)
app.include_router(order_pages.router)
app.include_router(reorder_pages.router)
app.include_router(cancellation_pages.router)
app.include_router(return_pages.router)
app.include_router(message_pages.router)
app.include_router(invoice_pages.router)
app.include_router(profile_pages.router)
app.include_router(address_pages.router)
app.include_router(privacy_pages.router)
app.include_router(company_pages.router)
app.include_router(assets.router)
app.include_router(language_routes.router)
order_pages.add_order_panel(reorder_pages.panel)
order_pages.add_order_panel(cancellation_pages.panel)
order_pages.add_order_panel(return_pages.panel)
order_pages.add_order_panel(invoice_pages.panel)
order_pages.add_order_panel(message_pages.panel)
lambda_handler = lambda_handler_for(app)
