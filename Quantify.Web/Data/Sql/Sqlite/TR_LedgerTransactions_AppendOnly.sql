-- The ledger is append-only in the database itself: corrections are reversals (docs/decisions/0006-ledger.md).
-- SQLite has no INSTEAD OF triggers on tables, so one BEFORE trigger per statement kind.
DROP TRIGGER IF EXISTS "TR_LedgerTransactions_NoUpdate";
CREATE TRIGGER "TR_LedgerTransactions_NoUpdate" BEFORE UPDATE ON "LedgerTransactions"
BEGIN
    SELECT RAISE(ABORT, 'LedgerTransactions is append-only: post a reversal instead.');
END;
DROP TRIGGER IF EXISTS "TR_LedgerTransactions_NoDelete";
CREATE TRIGGER "TR_LedgerTransactions_NoDelete" BEFORE DELETE ON "LedgerTransactions"
BEGIN
    SELECT RAISE(ABORT, 'LedgerTransactions is append-only: post a reversal instead.');
END;
