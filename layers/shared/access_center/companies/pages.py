"""The Company page (PagesFunction): the customer's company, their role and what it lets them do (the
permission table's row, in words), the company's orders and invoices where the role sees them, and the
members for an admin (API.md section 11). Outside any company it is the not-found page."""

from __future__ import annotations

from aws_lambda_powertools.event_handler.api_gateway import Router

from access_center.account.customer import customer
from access_center.account.order_page_routes import TO_LOGIN
from access_center.account.pages import page, signed_in_page
from access_center.companies import logic
from access_center.companies.rules import Action, Role
from access_center.core.i18n import N_
from access_center.web import apidoc
from access_center.web.pages import PageResponse

router = Router()

# Each role by name, and each thing a role may do, in the customer's words (translated where shown).
ROLE_NAMES = {
    Role.BUYER: N_("Buyer"),
    Role.MANAGER: N_("Manager"),
    Role.FINANCE: N_("Finance"),
    Role.ADMIN: N_("Administrator"),
}
ACTION_WORDS = {
    Action.VIEW_ORDER: N_("See every order of the company"),
    Action.ORDER_AGAIN: N_("Order a colleague's order again"),
    Action.CANCEL: N_("Ask to cancel a colleague's order"),
    Action.RETURN: N_("Return items of a colleague's order"),
    Action.MESSAGE: N_("Write to the store about a colleague's order"),
    Action.VIEW_INVOICES: N_("See and download the company's invoices"),
    Action.SEE_MEMBERS: N_("See the company's members"),
}


@router.get(
    "/company",
    summary="Page: the customer's company, their role and what it allows, and the members for an admin",
    security=apidoc.SESSION,
    responses=apidoc.page(
        {200: apidoc.html_page("The company page."), 303: TO_LOGIN},
        {404: "The customer belongs to no company at this store."},
    ),
    middlewares=[signed_in_page],
)
def company_page() -> PageResponse:
    who = customer(router)
    company = logic.my_company(who.store.store_id, who.email)
    role = Role(company["role"])
    return page(
        router,
        who.store,
        "company",
        title=N_("Your company"),
        nav="account",
        company=company,
        role_name=ROLE_NAMES[role],
        role_names={member_role.value: words for member_role, words in ROLE_NAMES.items()},
        allowed=[words for action, words in ACTION_WORDS.items() if logic.Membership("", role).may(action)],
        company_orders=logic.Membership("", role).may(Action.VIEW_ORDER),
        company_invoices=logic.Membership("", role).may(Action.VIEW_INVOICES),
    )
