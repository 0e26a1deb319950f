-- The ledger is append-only in the database itself: corrections are reversals (docs/decisions/0006-ledger.md).
-- SQLite has no INSTEAD OF triggers on tables, so one BEFORE trigger per statement kind.
DROP TRIGGER IF EXISTS "TR_LedgerLines_NoUpdate";
CREATE TRIGGER "TR_LedgerLines_NoUpdate" BEFORE UPDATE ON "LedgerLines"
BEGIN
    SELECT RAISE(ABORT, 'LedgerLines is append-only: post a reversal instead.');
END;
DROP TRIGGER IF EXISTS "TR_LedgerLines_NoDelete";
CREATE TRIGGER "TR_LedgerLines_NoDelete" BEFORE DELETE ON "LedgerLines"
BEGIN
    SELECT RAISE(ABORT, 'LedgerLines is append-only: post a reversal instead.');
END;
