-- Nothing posts with a value date in a closed or locked month, even behind the application's back.
DROP TRIGGER IF EXISTS "TR_LedgerTransactions_PeriodOpen";
CREATE TRIGGER "TR_LedgerTransactions_PeriodOpen" BEFORE INSERT ON "LedgerTransactions"
WHEN NEW."EstateId" IS NOT NULL AND EXISTS (
    SELECT 1 FROM "FinancialPeriods" p
    WHERE p."EstateId" = NEW."EstateId"
      AND p."Year" = CAST(strftime('%Y', NEW."ValueDate") AS INTEGER)
      AND p."Month" = CAST(strftime('%m', NEW."ValueDate") AS INTEGER)
      AND p."Status" <> 'Open')
BEGIN
    SELECT RAISE(ABORT, 'The value date falls in a closed or locked financial period: post it in the open period.');
END;
