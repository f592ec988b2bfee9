from tests.harness.support import Client, Shop


def test_order_then_login_then_read(shop: Shop, customer: Client) -> None:
    assert shop.put_order("o1").status == 201
    shop.login_with_code(customer, "Ann@Example.com ")
    reply = customer.get("/store/account/api/orders")
    assert reply.status == 200, reply.body
    assert [o["order_id"] for o in reply.json()["orders"]] == ["o1"]
