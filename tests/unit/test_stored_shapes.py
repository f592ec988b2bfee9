"""The TypedDicts the code passes stored shapes around as (mypy reads them) stay in step with the pydantic
edge models that describe the same data (the API, the stream images, the tests' answer checks): each
TypedDict's keys are its model's fields, so a field added to one and not the other fails here."""

from __future__ import annotations

from typing import Any, get_args

import pytest
from pydantic import BaseModel

from access_center.aws import shapes as aws_shapes
from access_center.catalog import models as catalog_models
from access_center.catalog import shapes as catalog_shapes
from access_center.invoices import models as invoice_models
from access_center.invoices import shapes as invoice_shapes
from access_center.messages import models as message_models
from access_center.messages import shapes as message_shapes
from access_center.messages.items import MessageItem
from access_center.orders import models, parts, shapes
from access_center.reorder import models as reorder_models
from access_center.reorder import shapes as reorder_shapes
from access_center.stores import domain_models as store_models
from access_center.stores import shapes as store_shapes
from access_center.web import models as web_models

PAIRS: list[tuple[Any, type[BaseModel]]] = [
    (shapes.Address, models.Address),
    (shapes.OrderLine, models.LineItemIn),
    (shapes.LineView, models.LineItemView),
    (shapes.Totals, models.TotalsIn),
    (shapes.Totals, models.Totals),
    (shapes.FulfilmentLine, models.FulfilmentLine),
    (shapes.TrackingEvent, parts.TrackingEvent),
    (shapes.Fulfilment, models.Fulfilment),
    (shapes.Cancellation, parts.Cancellation),
    (shapes.ReturnLine, parts.ReturnLine),
    (shapes.StoredReturn, parts.StoredReturn),
    (shapes.Order, models.StoredOrder),
    (shapes.OrderView, models.OrderView),
    (aws_shapes.UploadForm, web_models.UploadForm),
    (message_shapes.Attachment, message_models.AttachmentView),
    (message_shapes.Message, message_models.MessageView),
    (message_shapes.Thread, message_models.MessageList),
    (message_shapes.AttachmentUpload, message_models.AttachmentUpload),
    (invoice_shapes.Invoice, invoice_models.InvoiceView),
    (invoice_shapes.InvoiceList, invoice_models.InvoiceList),
    (invoice_shapes.DocumentUpload, invoice_models.DocumentUpload),
    (catalog_shapes.ProductFields, catalog_models.ProductIn),
    (catalog_shapes.Product, catalog_models.ProductOut),
    (reorder_shapes.ReorderLine, reorder_models.ReorderLine),
    (reorder_shapes.ReorderPreview, reorder_models.ReorderPreview),
    (reorder_shapes.ReorderCart, reorder_models.ReorderCart),
    (store_shapes.DnsRecord, store_models.DnsRecord),
    (store_shapes.DomainValidation, store_models.DomainValidation),
    (store_shapes.DomainAnswer, store_models.DomainOut),
]


def _keys(shape: Any) -> set[str]:
    return set(shape.__required_keys__) | set(shape.__optional_keys__)


def _fields(model: type[BaseModel]) -> set[str]:
    return {field.alias or name for name, field in model.model_fields.items()}


@pytest.mark.parametrize(("shape", "model"), PAIRS, ids=lambda p: p.__name__)
def test_each_shape_has_its_models_fields(shape: Any, model: type[BaseModel]) -> None:
    assert _keys(shape) == _fields(model)


@pytest.mark.parametrize(("shape", "model"), PAIRS, ids=lambda p: p.__name__)
def test_a_required_key_is_a_field_every_stored_copy_has(shape: Any, model: type[BaseModel]) -> None:
    # A key the code may read without .get is one the model requires or always fills (a default).
    optional_in_model = {name for name, field in model.model_fields.items() if field.default is None}
    assert not set(shape.__required_keys__) & optional_in_model


def test_the_status_words_are_the_models() -> None:
    assert get_args(shapes.CancellationStatus) == get_args(parts.CancellationStatus)
    assert get_args(shapes.ReturnStatus) == get_args(parts.ReturnStatus)
    assert get_args(shapes.TrackingStatus) == get_args(parts.TrackingStatus)


def test_a_stored_message_is_its_items_attributes() -> None:
    # No model describes the stored message: MessageItem does (its keys, pk and sk, aside).
    assert _keys(message_shapes.StoredMessage) == set(MessageItem.get_attributes()) - {"pk", "sk"}
    assert set(message_shapes.StoredMessage.__optional_keys__) == {
        name for name, attribute in MessageItem.get_attributes().items() if attribute.null
    }


def test_a_stored_invoice_is_its_view_but_overdue_and_whether_its_pdf_was_uploaded() -> None:
    stored = _keys(invoice_shapes.StoredInvoice)
    assert stored == _fields(invoice_models.InvoiceView) - {"overdue"} | {"uploaded"}


def test_the_features_words_are_their_models() -> None:
    assert get_args(message_shapes.Sender) == get_args(message_models.Sender)
    assert get_args(invoice_shapes.PaymentStatus) == get_args(invoice_models.PaymentStatus)
    reason = reorder_models.ReorderLine.model_fields["reason"].annotation
    assert set(get_args(reorder_shapes.Reason)) == {
        word for option in get_args(reason) for inner in get_args(option) or (option,) for word in get_args(inner)
    }
