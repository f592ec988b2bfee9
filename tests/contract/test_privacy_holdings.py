"""Every table of the template is either in privacy.holdings (what the export and the erasure read) or
named as holding no customer data: a new table of customer data fails here until a feature registers
what it keeps there, and how an erasure treats it."""

from __future__ import annotations

from access_center.privacy import holdings
from devtools import template


def test_every_table_is_a_holding_or_holds_no_customer_data() -> None:
    tables = set(template.table_definitions())
    registered = {holding.table for holding in holdings.HOLDINGS}
    assert registered | set(holdings.NO_CUSTOMER_DATA) == tables, tables ^ (registered | set(holdings.NO_CUSTOMER_DATA))
    assert not registered & set(holdings.NO_CUSTOMER_DATA)


def test_each_holding_says_how_it_is_found_and_what_an_erasure_does() -> None:
    names = [holding.name for holding in holdings.HOLDINGS]
    assert len(names) == len(set(names))
    for holding in holdings.HOLDINGS:
        assert holding.on_erasure in (holdings.DELETE, holdings.KEEP, holdings.EXPIRES), holding
        assert "scan" not in holding.key.lower(), holding  # a key lookup or a Query


def test_the_customers_own_data_is_erased_and_the_stores_records_are_kept() -> None:
    assert {h.name for h in holdings.erased()} >= {"profile", "addresses", "sessions", "signed_in_sessions"}
    assert set(holdings.kept()) >= {"orders", "invoices"}
