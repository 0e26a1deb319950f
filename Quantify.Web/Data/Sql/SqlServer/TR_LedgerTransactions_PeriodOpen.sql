-- Nothing posts with a value date in a closed or locked month, even behind the application's back.
CREATE TRIGGER [TR_LedgerTransactions_PeriodOpen] ON [LedgerTransactions] AFTER INSERT
AS
BEGIN
    IF EXISTS (SELECT 1 FROM inserted i
               JOIN [FinancialPeriods] p ON p.[EstateId] = i.[EstateId]
                                        AND p.[Year] = YEAR(i.[ValueDate])
                                        AND p.[Month] = MONTH(i.[ValueDate])
                                        AND p.[Status] <> 'Open')
        THROW 51001, 'The value date falls in a closed or locked financial period: post it in the open period.', 1;
END;
