-- The ledger is append-only in the database itself: corrections are reversals (docs/decisions/0006-ledger.md).
CREATE TRIGGER [TR_LedgerLines_AppendOnly] ON [LedgerLines] INSTEAD OF UPDATE, DELETE
AS
BEGIN
    THROW 51000, 'LedgerLines is append-only: post a reversal instead.', 1;
END;
