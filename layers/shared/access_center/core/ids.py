"""What an id in a path or a body may look like (store, order, fulfilment, line ids). Its own module so
the HTTP edge can check path ids without building every request model (access_center.orders.models)."""

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"
