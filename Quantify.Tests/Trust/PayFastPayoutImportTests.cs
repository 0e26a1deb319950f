using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Ledger;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Payments;

namespace Quantify.Tests.Trust;

/// <summary>
/// PayFast's transaction history export, imported: payouts move clearing to the estates' trust bank accounts, payments
/// are matched to the ledger. Rows fixed by hand from PayFast's documented CSV (developers.payfast.co.za/api,
/// "Transaction History": header "Date","Type","Sign","Party","Name","Description","Currency","Funding Type","Gross",
/// "Fee","Net","Balance","M Payment ID","PF Payment ID", rows like <c>"2020-02-27 13:29:55",FUNDS_RECEIVED,CREDIT,...,500.00,-24.73,475.27,"22,574.02",,994209</c>).
/// </summary>
public class PayFastPayoutImportTests : IAsyncLifetime
{
    private const string Header = "\"Date\",\"Type\",\"Sign\",\"Party\",\"Name\",\"Description\",\"Currency\",\"Funding Type\",\"Gross\",\"Fee\",\"Net\",\"Balance\",\"M Payment ID\",\"PF Payment ID\"";
    private const string Payment1 = "\"2020-02-27 13:29:55\",FUNDS_RECEIVED,CREDIT,\"Test User 01\",test,,ZAR,CC,500.00,-24.73,475.27,\"475.27\",QP-A,994209";
    private const string Payment2 = "\"2020-02-27 13:30:13\",FUNDS_RECEIVED,CREDIT,\"Test User 01\",test,,ZAR,CC,100.00,-6.79,93.21,\"568.48\",QP-B,994210";
    private const string Payout = "\"2020-03-02 09:00:00\",PAYOUT,DEBIT,\"Silverleaf Trust\",,\"Payout to bank\",ZAR,,-568.48,0.00,-568.48,\"0.00\",,";

    private MasterDataWorld w = null!;
    private LedgerService ledger = null!;
    private PayFastPayoutImport import = null!;
    private int estateA, estateB;

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        estateA = await w.EstateAsync("Silverleaf");
        estateB = await w.EstateAsync("Oakridge");
        ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        import = new PayFastPayoutImport(w.Db.Factory, ledger, new PayFastOptions { MerchantId = "10000100" });
        await PaidAsync(estateA, "A101", "QP-A", "994209", 500m, 24.73m);
        await PaidAsync(estateB, "B201", "QP-B", "994210", 100m, 6.79m);
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private async Task PaidAsync(int estate, string unitNumber, string reference, string pf, decimal gross, decimal fee)
    {
        var unit = await w.UnitAsync(estate, unitNumber);
        var wallet = await ledger.EnsureWalletAsync(unit);
        var posted = await ledger.PostAsync(Postings.PayFastTopUp(pf, reference, wallet, new Dictionary<Pocket, decimal> { [Pocket.Electricity] = gross }, w.Today, fee, estate));
        Assert.True(posted.IsSuccess);
        await using var db = w.Db.Create();
        db.Set<PendingPayment>().Add(new PendingPayment
        {
            Reference = reference, UnitId = unit, Amount = gross, Allocation = "", Status = PaymentStatus.Completed, PfPaymentId = pf,
            CreatedAt = w.Db.Clock.GetUtcNow(), CompletedAt = w.Db.Clock.GetUtcNow(), LedgerTransactionId = posted.Value.TransactionId,
        });
        await db.SaveChangesAsync();
    }

    private static string File(params string[] rows) => string.Join("\r\n", rows) + "\r\n";

    [Fact]
    public async Task APayoutMovesClearingToEachEstatesTrustBank_InProportion_AndASecondImportPostsNothing()
    {
        var result = await import.ImportAsync(File(Header, Payment1, Payment2, Payout));

        Assert.False(result.Refused, string.Join("; ", result.Errors));
        Assert.Empty(result.Differences);
        Assert.Equal(2, result.Payments);
        var payout = Assert.Single(result.Payouts);
        Assert.Equal(568.48m, payout.Amount);
        Assert.Equal([("Silverleaf", 475.27m), ("Oakridge", 93.21m)], payout.Split);
        Assert.Equal(0m, await w.AccountBalanceAsync(AccountCode.PayFastClearing));
        Assert.Equal(-475.27m, await w.AccountBalanceAsync(AccountCode.TrustBank(estateA)));
        Assert.Equal(-93.21m, await w.AccountBalanceAsync(AccountCode.TrustBank(estateB)));
        Assert.Equal(0m, result.ClearingAfter);
        Assert.Equal(0m, result.ExportBalance);

        var again = await import.ImportAsync(File(Header, Payment1, Payment2, Payout));
        Assert.Equal(0, again.Posted);
        Assert.True(Assert.Single(again.Payouts).AlreadyImported);
        Assert.Equal(-475.27m, await w.AccountBalanceAsync(AccountCode.TrustBank(estateA)));
    }

    [Fact]
    public async Task ColumnsInAnotherOrder_AreReadByTheirHeaderNames()
    {
        static string Reorder(string line)
        {
            var cells = System.Text.RegularExpressions.Regex.Split(line, ",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
            return string.Join(",", cells.Reverse());
        }

        var result = await import.ImportAsync(File(Reorder(Header), Reorder(Payment1), Reorder(Payment2), Reorder(Payout)));

        Assert.False(result.Refused, string.Join("; ", result.Errors));
        Assert.Equal(1, result.Posted);
        Assert.Equal(-475.27m, await w.AccountBalanceAsync(AccountCode.TrustBank(estateA)));
    }

    [Fact]
    public async Task AnotherMerchantsExport_IsRefused_NamingRowAndField_AndNothingIsPosted()
    {
        var theirs = await import.ImportAsync(File(Header,
            "\"2020-02-27 13:29:55\",FUNDS_RECEIVED,CREDIT,\"X\",x,,ZAR,CC,500.00,-24.73,475.27,\"475.27\",pay_now_1,7001",
            "\"2020-03-02 09:00:00\",PAYOUT,DEBIT,\"X\",,,ZAR,,-475.27,0.00,-475.27,\"0.00\",,"));
        Assert.True(theirs.Refused);
        Assert.StartsWith("Row 2, PF Payment ID: none of the export's 1 payment (first: 7001) is one of ours", Assert.Single(theirs.Errors), StringComparison.Ordinal);

        var withMerchant = await import.ImportAsync(File(Header + ",\"Merchant ID\"", Payment1 + ",10000100", Payment2 + ",10009999", Payout + ",10000100"));
        Assert.True(withMerchant.Refused);
        Assert.Equal("Row 3, Merchant ID: '10009999' is another merchant's export (ours is 10000100).", Assert.Single(withMerchant.Errors));
        Assert.Equal(-568.48m, await w.AccountBalanceAsync(AccountCode.PayFastClearing));
    }

    [Theory]
    [InlineData("R568.48", "Row 4, Net: 'R568.48' is not an amount.")]
    [InlineData("-568.485", "Row 4, Net: '-568.485' is not an amount.")]
    [InlineData("568.48", "Row 4, Net: a payout takes money out of PayFast, so its net is negative; '568.48' is not.")]
    [InlineData("0.00", "Row 4, Net: a payout takes money out of PayFast, so its net is negative; '0.00' is not.")]
    public async Task ABadAmountRow_IsRefusedByRowAndField_AndNothingIsPosted(string net, string error)
    {
        var result = await import.ImportAsync(File(Header, Payment1, Payment2, Payout.Replace(",-568.48,\"0.00\"", $",{net},\"0.00\"", StringComparison.Ordinal)));

        Assert.Equal(error, Assert.Single(result.Errors));
        Assert.Equal(-568.48m, await w.AccountBalanceAsync(AccountCode.PayFastClearing));
    }

    [Fact]
    public async Task APayoutLargerThanClearing_RefusesTheWholeFile_EvenTheEarlierPayout()
    {
        var first = "\"2020-03-01 09:00:00\",PAYOUT,DEBIT,,,,ZAR,,-100.00,0.00,-100.00,\"468.48\",,";
        var second = "\"2020-03-02 09:00:00\",PAYOUT,DEBIT,,,,ZAR,,-500.00,0.00,-500.00,\"0.00\",,";

        var result = await import.ImportAsync(File(Header, Payment1, Payment2, first, second));

        Assert.StartsWith("Row 5, Net: the payout of R 500,00 is more than PayFast clearing holds (R 468,48)", Assert.Single(result.Errors), StringComparison.Ordinal);
        Assert.Equal(-568.48m, await w.AccountBalanceAsync(AccountCode.PayFastClearing));
        Assert.Equal(0m, await w.AccountBalanceAsync(AccountCode.TrustBank(estateA)));
    }

    [Fact]
    public async Task AFeeOrAmountThatDiffersFromTheItn_AndAnUnknownPayment_AreListedAsDifferences()
    {
        var result = await import.ImportAsync(File(Header,
            Payment1.Replace("-24.73,475.27", "-25.73,474.27", StringComparison.Ordinal),
            "\"2020-02-28 10:00:00\",FUNDS_RECEIVED,CREDIT,\"Y\",y,,ZAR,CC,50.00,-4.54,45.46,\"519.73\",QP-Z,1019891"));

        Assert.False(result.Refused);
        Assert.Contains("Row 2: PayFast's fee on 994209 is R 25,73 but R 24,73 was booked from the ITN.", result.Differences);
        Assert.Contains("Row 3: PayFast payment 1019891 (QP-Z, R 50,00) is not a completed payment in Quantify.", result.Differences);
        Assert.Contains(result.Differences, d => d.StartsWith("PayFast's balance after the last row is R 519,73 but clearing in the ledger holds R 568,48", StringComparison.Ordinal));
    }

    [Fact]
    public void TheSplit_IsExactToTheCent_WithRemainderCentsToTheLargestBalance()
    {
        var split = PayFastPayoutImport.Split(100m, [new(1, 1m), new(2, 1m), new(3, 1m)]);
        Assert.Equal(100m, split.Sum(s => s.Amount));
        Assert.Equal([(1, 33.34m), (2, 33.33m), (3, 33.33m)], split);
    }

    [Fact]
    public async Task AnApprovedEftDeposit_CreditsTheEstatesTrustBank_NotTheOperatorsBank()
    {
        var eft = new EftService(w.Db.Factory, ledger, w.Db.Clock);
        await using (var db = w.Db.Create())
        {
            foreach (var name in new[] { "maker", "checker" })
                db.Users.Add(new Quantify.Web.Identity.ApplicationUser { Id = name, UserName = name, Email = $"{name}@x.co.za", DisplayName = name, SecurityStamp = "s" });
            await db.SaveChangesAsync();
        }
        var unit = await w.UnitAsync(estateA, "A102");
        var id = (await eft.RecordAsync(estateA, "no-such-ref", 320m, w.Today, "FNB-77", "maker")).Value;
        Assert.True((await eft.AssignAsync(id, unit)).IsSuccess);

        Assert.True((await eft.ApproveAsync(id, "checker")).IsSuccess);

        Assert.Equal(-320m, await w.AccountBalanceAsync(AccountCode.TrustBank(estateA)));
        Assert.Equal(0m, await w.AccountBalanceAsync(AccountCode.Bank));
    }

    // ---- the file, row by row (PayFast's export as PayFast writes it) ----

    [Theory]
    [InlineData("PAYOUT")]
    [InlineData("WITHDRAWAL")]
    [InlineData("FUNDS_WITHDRAWN")]
    [InlineData("Funds withdrawn")]
    public async Task EachKindOfPayoutPayFastWrites_MovesClearingToTheTrustBanks(string type)
    {
        var result = await import.ImportAsync(File(Header, Payment1, Payment2, Payout.Replace(",PAYOUT,", $",{type},", StringComparison.Ordinal)));

        Assert.Equal(1, result.Posted);
        Assert.Equal(0m, await w.AccountBalanceAsync(AccountCode.PayFastClearing));
    }

    [Fact]
    public async Task APayout_IsKnownByItsSouthAfricanTimeAndCents_AndADateAlone_IsMidnight()
    {
        var timed = Assert.Single((await import.ImportAsync(File(Header, Payment1, Payment2, Payout.Replace("-568.48,0.00,-568.48", "-100.00,0.00,-100.00", StringComparison.Ordinal)))).Payouts);
        var dated = Assert.Single((await import.ImportAsync(File(Header, Payout.Replace("\"2020-03-02 09:00:00\"", "2020-03-03", StringComparison.Ordinal)
            .Replace("-568.48,0.00,-568.48", "-200.00,0.00,-200.00", StringComparison.Ordinal)))).Payouts);

        Assert.Equal(("20200302090000-10000", new DateTimeOffset(2020, 3, 2, 9, 0, 0, TimeSpan.FromHours(2))), (timed.Reference, timed.Date));
        Assert.Equal(("20200303000000-20000", new DateTimeOffset(2020, 3, 3, 0, 0, 0, TimeSpan.FromHours(2))), (dated.Reference, dated.Date));
        Assert.Equal(-268.48m, await w.AccountBalanceAsync(AccountCode.PayFastClearing));
    }

    [Fact]
    public async Task EachBadRow_IsNamedOnceByRowAndField_BlankRowsAreSkipped_AndNothingIsPosted()
    {
        const string ours = ",10000100";
        var result = await import.ImportAsync(File(Header + ",\"Merchant ID\"",
            Payment1.Replace("\"2020-02-27 13:29:55\"", "27/02/2020", StringComparison.Ordinal) + ours,
            "a,b,c",
            Payment2.Replace(",994210", ",", StringComparison.Ordinal) + ours,
            ",,,,,,,,,,,,,,",
            Payment2.Replace(",100.00,-6.79,", ",abc,-6.79,", StringComparison.Ordinal) + ours,
            Payment1.Replace("\"2020-02-27 13:29:55\"", "yesterday", StringComparison.Ordinal) + ",10009999"));

        Assert.Equal(
        [
            "Row 2, Date: '27/02/2020' is not a date and time like 2020-02-27 13:29:55.",
            "Row 3: 3 fields, the header has 15.",
            "Row 4, PF Payment ID: a payment without PayFast's payment id.",
            "Row 6, Gross: 'abc' is not an amount.",
            "Row 7, Merchant ID: '10009999' is another merchant's export (ours is 10000100).",
        ], result.Errors);
        Assert.Equal(-568.48m, await w.AccountBalanceAsync(AccountCode.PayFastClearing));
    }

    [Fact]
    public async Task AFileThatIsNotPayFastsExport_IsRefusedSayingWhy()
    {
        Assert.Equal("The file is empty: export PayFast's transaction history as CSV, header row included.", Assert.Single((await import.ImportAsync("")).Errors));
        Assert.Equal("The file is empty: export PayFast's transaction history as CSV, header row included.", Assert.Single((await import.ImportAsync("\uFEFF")).Errors));
        Assert.StartsWith("Row 1: column \"Net\" not found; this is not PayFast's transaction history export (its header is: Date, Type, Sign, Party,",
            Assert.Single((await import.ImportAsync(File(Header.Replace("\"Net\",", "", StringComparison.Ordinal)))).Errors), StringComparison.Ordinal);
        Assert.StartsWith("Row 1: columns \"Gross\", \"Fee\" not found;",
            Assert.Single((await import.ImportAsync(File(Header.Replace("\"Gross\",\"Fee\",", "", StringComparison.Ordinal)))).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileOfExactlyTheLimit_Imports_AndOneByteMore_IsRefused()
    {
        static string Padded(int extra)
        {
            var plain = File(Header, Payment1, Payment2, Payout);
            return plain.Replace("Payout to bank", "Payout to bank" + new string(' ', PayFastPayoutImport.MaxBytes - plain.Length + extra), StringComparison.Ordinal);
        }

        var over = await import.ImportAsync(Padded(1));
        Assert.Equal("The file is larger than 5 MB: export a shorter period.", Assert.Single(over.Errors));
        Assert.Equal(-568.48m, await w.AccountBalanceAsync(AccountCode.PayFastClearing));

        var limit = await import.ImportAsync(Padded(0));
        Assert.Equal(PayFastPayoutImport.MaxBytes, Padded(0).Length);
        Assert.Equal(1, limit.Posted);
    }

    [Fact]
    public async Task AShortExport_WithTheBalanceFirst_OrTheMerchantFirst_IsReadByName()
    {
        var balanceFirst = await import.ImportAsync(File("Balance,Date,Type,Gross,Fee,Net,M Payment ID,PF Payment ID",
            "\"475.27\",2020-02-27 13:29:55,FUNDS_RECEIVED,500.00,-24.73,475.27,QP-A,994209",
            "\"568.48\",2020-02-27 13:30:13,FUNDS_RECEIVED,100.00,-6.79,93.21,QP-B,994210",
            "\"0.00\",2020-03-02 09:00:00,PAYOUT,-568.48,0.00,-568.48,,"));
        Assert.Equal((1, (decimal?)0m, 0m), (balanceFirst.Posted, balanceFirst.ExportBalance, balanceFirst.ClearingAfter));
        Assert.Empty(balanceFirst.Differences);

        var merchantFirst = await import.ImportAsync(File("Merchant ID,Date,Type,Gross,Fee,Net,M Payment ID,PF Payment ID",
            "10009999,2020-02-27 13:29:55,FUNDS_RECEIVED,500.00,-24.73,475.27,QP-A,994209"));
        Assert.Equal("Row 2, Merchant ID: '10009999' is another merchant's export (ours is 10000100).", Assert.Single(merchantFirst.Errors));
    }

    [Fact]
    public async Task RowsThatDisagree_AreListedAsDifferences_AndThePayoutStillImports()
    {
        var result = await import.ImportAsync(File(Header,
            Payment1.Replace("-24.73,475.27", "-24.73,475.00", StringComparison.Ordinal),
            Payment2.Replace("100.00,-6.79,93.21", "110.00,-6.79,103.21", StringComparison.Ordinal),
            "\"2020-03-01 10:00:00\",REFUND,DEBIT,,,,ZAR,,-50.00,0.00,-50.00,\"518.48\",,",
            Payout.Replace("\"0.00\"", "\"10.00\"", StringComparison.Ordinal)));

        Assert.Equal(
        [
            "Row 2: gross R 500,00 + fee -R 24,73 is not the net R 475,00.",
            "Row 4: REFUND -R 50,00 is not a payment or a payout: not imported, book it by hand.",
            "Row 3: PayFast payment 994210 is R 110,00 in the export but R 100,00 in Quantify.",
            "PayFast's balance after the last row is R 10,00 but clearing in the ledger holds R 0,00: -R 10,00 difference.",
        ], result.Differences);
        Assert.Equal(1, result.Posted);
    }

    [Fact]
    public async Task AnExportOfPayoutsOnly_Imports()
    {
        var result = await import.ImportAsync(File(Header, Payout));

        Assert.False(result.Refused, string.Join("; ", result.Errors));
        Assert.Equal((1, 0), (result.Posted, result.Payments));
    }

    [Fact]
    public async Task AGroupPaymentsFeeBookedOnItsOwn_IsMatched_AndAnEstateWithSeveralPayments_GetsItsWholeShare()
    {
        var unit = await w.UnitAsync(estateA, "A102");
        var wallet = await ledger.EnsureWalletAsync(unit);
        var group = await ledger.PostAsync(Postings.PayFastGroupTopUp("994300", "QP-G", [(wallet, new Dictionary<Pocket, decimal> { [Pocket.Electricity] = 200m })], w.Today));
        Assert.True(group.IsSuccess);
        Assert.True((await ledger.PostAsync(Postings.GatewayFee("994300", estateA, 3.45m, w.Today))).IsSuccess);
        await using (var db = w.Db.Create())
        {
            db.Set<PendingPayment>().Add(new PendingPayment
            {
                Reference = "QP-G", UnitId = unit, Amount = 200m, Allocation = "", Status = PaymentStatus.Completed, PfPaymentId = "994300",
                CreatedAt = w.Db.Clock.GetUtcNow(), CompletedAt = w.Db.Clock.GetUtcNow(), LedgerTransactionId = group.Value.TransactionId,
            });
            await db.SaveChangesAsync();
        }

        var result = await import.ImportAsync(File(Header, Payment1, Payment2,
            "\"2020-02-28 08:00:00\",FUNDS_RECEIVED,CREDIT,\"Ayanda\",g,,ZAR,CC,200.00,-3.45,196.55,\"765.03\",QP-G,994300",
            Payout.Replace("-568.48,0.00,-568.48", "-765.03,0.00,-765.03", StringComparison.Ordinal)));

        Assert.Empty(result.Differences);
        Assert.Equal([("Silverleaf", 671.82m), ("Oakridge", 93.21m)], Assert.Single(result.Payouts).Split);
        Assert.Equal(0m, await w.AccountBalanceAsync(AccountCode.PayFastClearing));
    }

    [Fact]
    public void TheSplit_GivesRemainderCentsToTheLargestBalancesInTurn_AndLeavesOutAnEstateWithNothing()
    {
        Assert.Equal([(1, 0.01m), (2, 0.01m)], PayFastPayoutImport.Split(0.02m, [new(1, 1m), new(2, 1m), new(3, 1m)]));
        Assert.Equal([(1, 33.33m), (2, 66.67m)], PayFastPayoutImport.Split(100m, [new(1, 1m), new(2, 2m)]));
        Assert.Equal([(1, 1.00m)], PayFastPayoutImport.Split(1m, [new(1, 1000m), new(2, 0.01m)]));
    }

    [Fact]
    public async Task TwoPayoutsInOneSecond_WhoseCentsStartAlike_AreTwoPayouts()
    {
        var small = "\"2020-03-02 09:00:00\",PAYOUT,DEBIT,,,,ZAR,,-5.00,0.00,-5.00,\"563.48\",,";
        var large = "\"2020-03-02 09:00:00\",PAYOUT,DEBIT,,,,ZAR,,-50.01,0.00,-50.01,\"513.47\",,";
        Assert.Equal("20200302090000-5001", Assert.Single((await import.ImportAsync(File(Header, large))).Payouts).Reference);

        var both = await import.ImportAsync(File(Header, small, large));

        Assert.Equal([("20200302090000-500", false), ("20200302090000-5001", true)], both.Payouts.Select(p => (p.Reference, p.AlreadyImported)));
        Assert.Equal(-568.48m + 55.01m, await w.AccountBalanceAsync(AccountCode.PayFastClearing));
    }

    [Fact]
    public async Task AQuoteInsideAQuotedField_IsWrittenTwice_AndReadOnce()
    {
        var result = await import.ImportAsync(File(Header, Payment1,
            "\"2020-02-28 10:00:00\",FUNDS_RECEIVED,CREDIT,\"Y\",y,,ZAR,CC,50.00,-4.54,45.46,\"613.94\",\"QP \"\"Z\"\"\",1019891"));

        Assert.Contains("Row 3: PayFast payment 1019891 (QP \"Z\", R 50,00) is not a completed payment in Quantify.", result.Differences);
    }

    [Fact]
    public async Task ALastRowEndingInAnEmptyField_WithoutALineEnding_IsRead()
    {
        var result = await import.ImportAsync(string.Join("\r\n", Header, Payment1, Payment2, Payout));

        Assert.Equal(1, result.Posted);
    }

    public static TheoryData<string, bool> LineEndings() => new()
    {
        { "\r\n", true }, { "\r\n", false }, { "\n", true }, { "\n", false }, { "\r", true }, { "\r", false },
    };

    [Theory]
    [MemberData(nameof(LineEndings))]
    public async Task QuotedCommasQuotesAndLineBreaks_AndEveryLineEnding_ReadTheSame(string eol, bool endsWithLineEnding)
    {
        string[] rows =
        [
            Header,
            $"\"2020-02-27 13:29:55\",FUNDS_RECEIVED,CREDIT,\"Nkosi, \"\"TK\"\" Holdings\",test,\"Top-up{eol}for A101\",ZAR,CC,500.00,-24.73,475.27,\"1,475.27\",QP-A,994209",
            "\"2020-03-02 09:00:00\",PAYOUT,DEBIT,,,,ZAR,,-568.48,0.00,-568.48,\"907.00\",,",
            "\"2020-02-27 13:30:13\",FUNDS_RECEIVED,CREDIT,\"Test User 01\",test,,ZAR,CC,100.00,-6.79,93.21,\"1,000.21\",QP-B,\"994210\"",
        ];

        var result = await import.ImportAsync(string.Join(eol, rows) + (endsWithLineEnding ? eol : ""));

        Assert.False(result.Refused, string.Join("; ", result.Errors));
        Assert.Equal((2, 1, (decimal?)1000.21m), (result.Payments, result.Posted, result.ExportBalance));
        Assert.DoesNotContain(result.Differences, d => d.StartsWith("Row", StringComparison.Ordinal));
    }
}
