using System.Globalization;
using Quantify.Domain.Common;
using Quantify.Domain.Estates;
using Quantify.Domain.Metering;

namespace Quantify.Domain.Ledger;

/// <summary>
/// The posting rules: every kind of balanced transaction the product posts, built in one place. Each factory is a pure
/// function of its cause (no database, no clock) that returns the lines, the transaction type and the idempotency key
/// that names the cause, so the same cause always builds the same posting and a replay is recognised. Signs: positive
/// credits an account (wallets, revenue, VAT, payables), negative debits it (bank, clearing, receivables, fees).
/// Every factory allocates the request and its line array and nothing else that outlives the call.
/// </summary>
public static class Postings
{
    // ---- Money in ----------------------------------------------------------------------------------------------

    /// <summary>Money received for a wallet, split over pockets, against where it arrived (a bank or clearing account).</summary>
    public static PostingRequest TopUp(string idempotencyKey, DateOnly valueDate, string description, int walletId, IReadOnlyDictionary<Pocket, decimal> split,
        AccountCode source)
    {
        var lines = new PostingLine[split.Count + 1];
        var i = 0;
        var total = 0m;
        foreach (var (pocket, amount) in split)
        {
            lines[i++] = new PostingLine(AccountCode.Wallet(walletId, pocket), amount);
            total += amount;
        }
        lines[i] = new PostingLine(source, -total);
        return new PostingRequest(idempotencyKey, TransactionType.TopUp, valueDate, description, lines);
    }

    /// <summary>
    /// A PayFast payment (ITN COMPLETE): the gross credits the wallet's pockets. PayFast keeps its fee
    /// (<c>amount_fee</c>, given here as a positive rand amount) and owes the merchant the net, so clearing is debited
    /// the net and the estate's gateway fees the fee. Keyed on PayFast's own payment id.
    /// </summary>
    public static PostingRequest PayFastTopUp(string pfPaymentId, string reference, int walletId, IReadOnlyDictionary<Pocket, decimal> split, DateOnly valueDate,
        decimal fee = 0m, int? estateId = null)
    {
        if (fee < 0) throw new ArgumentOutOfRangeException(nameof(fee), fee, "Give the fee as a positive amount.");
        if (fee != 0 && estateId is null) throw new ArgumentException("A fee is booked to an estate's gateway fees: give the estate.", nameof(estateId));
        var lines = new PostingLine[split.Count + (fee == 0 ? 1 : 2)];
        var i = 0;
        var gross = 0m;
        foreach (var (pocket, amount) in split)
        {
            lines[i++] = new PostingLine(AccountCode.Wallet(walletId, pocket), amount);
            gross += amount;
        }
        lines[i++] = new PostingLine(AccountCode.PayFastClearing, -(gross - fee));
        if (fee != 0) lines[i] = new PostingLine(AccountCode.EstateGatewayFees(estateId!.Value), -fee);
        var description = fee == 0
            ? $"PayFast top-up {reference} (pf {pfPaymentId})"
            : $"PayFast top-up {reference} (pf {pfPaymentId}, fee {Money.Format(fee)})";
        return new PostingRequest(Key("payfast", pfPaymentId), TransactionType.TopUp, valueDate, description, lines);
    }

    /// <summary>
    /// One PayFast payment for a wallet group (docs/family.md): each member wallet's part credits its pockets and PayFast
    /// clearing is debited the gross, in one transaction keyed on PayFast's payment id like a single top-up.
    /// </summary>
    public static PostingRequest PayFastGroupTopUp(string pfPaymentId, string reference, IReadOnlyList<(int WalletId, IReadOnlyDictionary<Pocket, decimal> Split)> parts,
        DateOnly valueDate)
    {
        if (parts.Count == 0) throw new ArgumentException("A group top-up needs at least one member wallet.", nameof(parts));
        var count = 1;
        foreach (var part in parts) count += part.Split.Count;
        var lines = new PostingLine[count];
        var i = 0;
        var gross = 0m;
        foreach (var (walletId, split) in parts)
            foreach (var (pocket, amount) in split)
            {
                lines[i++] = new PostingLine(AccountCode.Wallet(walletId, pocket), amount);
                gross += amount;
            }
        lines[i] = new PostingLine(AccountCode.PayFastClearing, -gross);
        return new PostingRequest(Key("payfast", pfPaymentId), TransactionType.TopUp, valueDate,
            $"PayFast group top-up {reference} (pf {pfPaymentId}, {parts.Count} wallets)", lines);
    }

    /// <summary>An EFT deposit matched to a unit and approved: credits the wallet's pockets, debits the bank it arrived in.</summary>
    public static PostingRequest EftDeposit(long depositId, string reference, string bankLineId, int walletId, IReadOnlyDictionary<Pocket, decimal> split,
        DateOnly depositDate, AccountCode bank) =>
        TopUp(Key("eft", depositId), depositDate, $"EFT deposit {reference} ({bankLineId})", walletId, split, bank);

    /// <summary>PayFast paid out to the bank: the clearing balance moves to the bank, keyed on PayFast's payout reference.</summary>
    public static PostingRequest PayFastPayout(string payoutReference, decimal amount, DateOnly valueDate, AccountCode bank)
    {
        Positive(amount);
        return new PostingRequest(Key("payfast-payout", payoutReference), TransactionType.Fee, valueDate, $"PayFast payout {payoutReference} to the bank",
            [new PostingLine(AccountCode.PayFastClearing, amount), new PostingLine(bank, -amount)]);
    }

    /// <summary>A gateway fee booked on its own (e.g. one found only in PayFast's export): clearing is reduced, the estate's fees raised.</summary>
    public static PostingRequest GatewayFee(string pfPaymentId, int estateId, decimal fee, DateOnly valueDate)
    {
        Positive(fee);
        return new PostingRequest(Key("payfast-fee", pfPaymentId), TransactionType.Fee, valueDate, $"PayFast fee (pf {pfPaymentId})",
            [new PostingLine(AccountCode.PayFastClearing, fee), new PostingLine(AccountCode.EstateGatewayFees(estateId), -fee)]);
    }

    // ---- Charges -----------------------------------------------------------------------------------------------

    /// <summary>
    /// A priced reading: the wallet's pocket pays the total, the estate's revenue for the utility gets the amount
    /// excluding VAT and VAT output the VAT. Keyed on the reading, so a reading bills once.
    /// </summary>
    public static PostingRequest Consumption(long readingId, int walletId, int estateId, Pocket pocket, decimal exclVat, decimal vat, DateOnly valueDate, string description) =>
        Charge(Key("reading", readingId), TransactionType.Consumption, AccountCode.Wallet(walletId, pocket), estateId, pocket, exclVat, vat, valueDate, description);

    /// <summary>
    /// A priced reading of a unit, charged to whoever pays for it (<see cref="ConsumptionPayer"/>): the unit's wallet
    /// pocket, or for a vacant unit of an estate that bills vacancy to common property, the estate's common property
    /// account for the utility (revenue and VAT are the same either way). Keyed on the reading.
    /// </summary>
    public static PostingRequest Consumption(long readingId, int walletId, int estateId, Pocket pocket, decimal exclVat, decimal vat, DateOnly valueDate, string description,
        Occupancy occupancy, VacantConsumption vacantRule)
    {
        var payer = ConsumptionPayer(walletId, estateId, pocket, occupancy, vacantRule);
        return Charge(Key("reading", readingId), TransactionType.Consumption, payer, estateId, pocket, exclVat, vat, valueDate,
            payer.IsWallet ? description : $"{description} · vacant unit, common property");
    }

    /// <summary>
    /// Who pays for a unit's consumption: an occupied unit's wallet always; a vacant unit (or one under maintenance)
    /// the owner's wallet (the unit's own) or the estate's common property, as the estate decides.
    /// </summary>
    public static AccountCode ConsumptionPayer(int walletId, int estateId, Pocket pocket, Occupancy occupancy, VacantConsumption vacantRule) =>
        occupancy != Occupancy.Occupied && vacantRule == VacantConsumption.CommonProperty
            ? AccountCode.CommonProperty(estateId, pocket)
            : AccountCode.Wallet(walletId, pocket);

    /// <summary>A tariff's fixed charge for one unit, utility and day (idempotent per unit, utility and day).</summary>
    public static PostingRequest FixedCharge(int unitId, Utility utility, DateOnly day, int walletId, int estateId, Pocket pocket, decimal exclVat, decimal vat, string description) =>
        Charge(string.Create(CultureInfo.InvariantCulture, $"fixed:{unitId}:{utility}:{day:yyyy-MM-dd}"), TransactionType.ServiceCharge, AccountCode.Wallet(walletId, pocket), estateId, pocket,
            exclVat, vat, day, description);

    private static PostingRequest Charge(string key, TransactionType type, AccountCode payer, int estateId, Pocket pocket, decimal exclVat, decimal vat, DateOnly valueDate, string description)
    {
        var total = exclVat + vat;
        var lines = new PostingLine[1 + (exclVat != 0 ? 1 : 0) + (vat != 0 ? 1 : 0)];
        var i = 0;
        lines[i++] = new PostingLine(payer, -total);
        if (exclVat != 0) lines[i++] = new PostingLine(AccountCode.Revenue(estateId, pocket), exclVat);
        if (vat != 0) lines[i] = new PostingLine(AccountCode.VatOutput, vat);
        return new PostingRequest(key, type, valueDate, description, lines);
    }

    /// <summary>
    /// A levy charge for one unit and period: raised from the unit's wallet (its levy pocket) or, when the estate
    /// tracks levies as a receivable, from the unit's levy receivable; the estate's levy income is credited.
    /// Keyed on the schedule, unit and period.
    /// </summary>
    public static PostingRequest Levy(int scheduleId, int unitId, string period, int estateId, AccountCode chargedTo, decimal amount, DateOnly valueDate, string description)
    {
        Positive(amount);
        if (chargedTo.Kind is not (AccountKind.WalletPocket or AccountKind.LevyReceivable))
            throw new ArgumentException($"A levy is charged to a wallet pocket or a levy receivable, not {chargedTo}.", nameof(chargedTo));
        return new PostingRequest(string.Create(CultureInfo.InvariantCulture, $"levy:{scheduleId}:{unitId}:{period}"), TransactionType.Levy, valueDate, description,
            [new PostingLine(chargedTo, -amount), new PostingLine(AccountCode.LevyIncome(estateId), amount)]);
    }

    /// <summary>A levy paid by EFT into the estate's bank: the unit's levy receivable is settled.</summary>
    public static PostingRequest LevyReceipt(string idempotencyKey, int estateId, int unitId, decimal amount, DateOnly valueDate, string description, AccountCode bank)
    {
        Positive(amount);
        return new PostingRequest(idempotencyKey, TransactionType.Levy, valueDate, description,
            [new PostingLine(AccountCode.LevyReceivable(estateId, unitId), amount), new PostingLine(bank, -amount)]);
    }

    // ---- Money out ---------------------------------------------------------------------------------------------

    /// <summary>
    /// A resident moves out: every non-zero pocket is brought to zero in one posting, and the net goes to refunds
    /// payable (money left: a refund is owed) or the estate's arrears (a debt the person keeps).
    /// </summary>
    public static PostingRequest MoveOut(string idempotencyKey, int estateId, DateOnly valueDate, string description, IReadOnlyList<(AccountCode Pocket, decimal Balance)> pockets)
    {
        var net = 0m;
        var count = 0;
        foreach (var (_, balance) in pockets)
            if (balance != 0) { net += balance; count++; }
        var lines = new PostingLine[count + (net != 0 ? 1 : 0)];
        var i = 0;
        foreach (var (pocket, balance) in pockets)
        {
            if (!pocket.IsWallet) throw new ArgumentException($"{pocket} is not a wallet pocket.", nameof(pockets));
            if (balance != 0) lines[i++] = new PostingLine(pocket, -balance);
        }
        if (net > 0) lines[i] = new PostingLine(AccountCode.RefundsPayable, net);
        else if (net < 0) lines[i] = new PostingLine(AccountCode.Arrears(estateId), net);
        var outcome = net > 0 ? $"refund {Money.Format(net)}" : net < 0 ? $"debt {Money.Format(-net)} to arrears" : "pockets netted";
        return new PostingRequest(idempotencyKey, TransactionType.Settlement, valueDate, $"{description}: {outcome}", lines);
    }

    /// <summary>A move-out refund left the bank: refunds payable → bank, keyed on the payout.</summary>
    public static PostingRequest RefundPaid(int payoutId, decimal amount, string paymentReference, DateOnly valueDate, AccountCode bank)
    {
        Positive(amount);
        return new PostingRequest(Key("payout", payoutId), TransactionType.Refund, valueDate, $"Refund #{payoutId} paid ({paymentReference.Trim()})",
            [new PostingLine(AccountCode.RefundsPayable, -amount), new PostingLine(bank, amount)]);
    }

    /// <summary>
    /// A settlement run for a closed period: each source account (revenue, levy income, VAT output) is debited what the
    /// run takes from it and each payee's payable credited its share; the sources and the shares must add up to the
    /// same total. Keyed on the run: running it twice posts once.
    /// </summary>
    public static PostingRequest Settlement(int runId, int estateId, string period, DateOnly valueDate, IReadOnlyList<(AccountCode Source, decimal Amount)> sources,
        IReadOnlyList<(int PayeeId, decimal Amount)> shares)
    {
        var lines = new PostingLine[sources.Count + shares.Count];
        var i = 0;
        foreach (var (source, amount) in sources)
        {
            if (source.Kind is AccountKind.WalletPocket or AccountKind.Payable)
                throw new ArgumentException($"A settlement takes from revenue, levy income or VAT, not {source}.", nameof(sources));
            lines[i++] = new PostingLine(source, -amount);
        }
        foreach (var (payee, amount) in shares) lines[i++] = new PostingLine(AccountCode.Payable(estateId, payee), amount);
        return new PostingRequest(Key("settlement", runId), TransactionType.Settlement, valueDate, $"Settlement run #{runId} for {period}", lines);
    }

    /// <summary>A payee was paid from the estate's bank: its payable → bank, with the bank's reference, keyed on the payout line.</summary>
    public static PostingRequest PayeePaid(long payoutLineId, int estateId, int payeeId, string payeeName, decimal amount, string bankReference, DateOnly valueDate)
    {
        Positive(amount);
        return new PostingRequest(Key("payee-payout", payoutLineId), TransactionType.Payout, valueDate, $"Paid {payeeName} ({bankReference.Trim()})",
            [new PostingLine(AccountCode.Payable(estateId, payeeId), -amount), new PostingLine(AccountCode.TrustBank(estateId), amount)]);
    }

    // ---- Corrections -------------------------------------------------------------------------------------------

    /// <summary>One row of an import (opening balance, bulk top-up, adjustment): a wallet pocket against the counter account.</summary>
    public static PostingRequest Imported(string idempotencyKey, TransactionType type, DateOnly valueDate, string description, int walletId, Pocket pocket, decimal amount,
        AccountCode counterAccount) =>
        new(idempotencyKey, type, valueDate, description, [new PostingLine(AccountCode.Wallet(walletId, pocket), amount), new PostingLine(counterAccount, -amount)]);

    /// <summary>
    /// The exact opposite of a posted transaction, referencing it, keyed on the original so it is reversed at most once.
    /// A reversal is never itself reversed: post a new transaction instead.
    /// </summary>
    public static Result<PostingRequest> Reversal(long originalId, string originalNumber, TransactionType originalType, IReadOnlyList<PostingLine> originalLines,
        string reason, DateOnly valueDate)
    {
        if (originalType == TransactionType.Reversal)
            return Result<PostingRequest>.Fail(new Error("is_reversal", $"{originalNumber} is itself a reversal: post a new transaction instead."));
        var lines = new PostingLine[originalLines.Count];
        for (var i = 0; i < lines.Length; i++) lines[i] = originalLines[i] with { Amount = -originalLines[i].Amount };
        return Result<PostingRequest>.Ok(new PostingRequest(Key("reversal", originalId), TransactionType.Reversal, valueDate, $"Reversal of {originalNumber}: {reason}", lines,
            originalId));
    }

    private static string Key(string prefix, long id) => string.Create(CultureInfo.InvariantCulture, $"{prefix}:{id}");
    private static string Key(string prefix, string id) => string.Concat(prefix, ":", id);

    private static void Positive(decimal amount)
    {
        if (amount <= 0) throw new ArgumentOutOfRangeException(nameof(amount), amount, "Give a positive amount.");
    }
}
