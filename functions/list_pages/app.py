"""Section 12's pages (server-rendered HTML, no JavaScript needed; API.md section 12): wish lists (with the
shared read-only page and the "add to wish list" page the store's product pages link to), saved carts,
quotes and configurations (printable), gift registries (with their public page), reward points, and the
contact form (signed in or not). Kept apart from PagesFunction, whose routes (and so
its resource policy, at most 20 KB) are already many; the pages' frame is the same (account.pages)."""

from access_center.account.pages import create_page_resolver
from access_center.carts import pages as cart_pages
from access_center.contact import pages as contact_pages
from access_center.points import pages as point_pages
from access_center.quotes import pages as quote_pages
from access_center.registries import pages as registry_pages
from access_center.web.resolver import lambda_handler_for
from access_center.wishlists import pages as wishlist_pages

app = create_page_resolver()
app.include_router(wishlist_pages.router)
app.include_router(cart_pages.router)
app.include_router(quote_pages.router)
app.include_router(registry_pages.router)
app.include_router(point_pages.router)
app.include_router(contact_pages.router)
lambda_handler = lambda_handler_for(app)
