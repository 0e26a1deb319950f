-- The ledger is append-only in the database itself: corrections are reversals (docs/decisions/0006-ledger.md).
CREATE TRIGGER [TR_LedgerTransactions_AppendOnly] ON [LedgerTransactions] INSTEAD OF UPDATE, DELETE
AS
BEGIN
    THROW 51000, 'LedgerTransactions is append-only: post a reversal instead.', 1;
END;
