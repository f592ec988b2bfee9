"""The customer's lists as pages (server-rendered HTML, no JavaScript needed; API.md section 12): wish lists
(with the shared read-only page and the "add to wish list" page the store's product pages link to), saved
carts, and quotes and configurations (printable). Kept apart from PagesFunction, whose routes (and so
its resource policy, at most 20 KB) are already many; the pages' frame is the same (account.pages)."""

from access_center.account.pages import create_page_resolver
from access_center.carts import pages as cart_pages
from access_center.quotes import pages as quote_pages
from access_center.web.resolver import lambda_handler_for
from access_center.wishlists import pages as wishlist_pages

app = create_page_resolver()
app.include_router(wishlist_pages.router)
app.include_router(cart_pages.router)
app.include_router(quote_pages.router)
lambda_handler = lambda_handler_for(app)
