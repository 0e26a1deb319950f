namespace Quantify.Domain.Settlement;

/// <summary>Who a settlement pays: the bulk supplier (municipality or utility), the body corporate, the operator, the VAT vendor, or another party.</summary>
public enum PayeeKind { BulkSupplier, BodyCorporate, Operator, VatVendor, Other }
