using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Quantify.Domain.Ledger;

/// <summary>
/// A ledger account's identity as a value: what kind of account it is and whose (wallet, estate, pocket, payee,
/// unit). Built by the named factories, compared as a value (no string is made to compare or hash it), and written
/// to and read from the string codes stored in <c>LedgerAccounts.Code</c> (which the hash chains also cover), so the
/// text form never changes for an existing kind:
/// <list type="table">
/// <item><term><c>wallet:{wallet}:{pocket}</c></term><description>a wallet pocket (resident's prepaid money; credit = positive)</description></item>
/// <item><term><c>estate:{estate}:revenue:{utility}</c></term><description>the estate's revenue for a utility (or <c>levy</c>)</description></item>
/// <item><term><c>estate:{estate}:arrears</c></term><description>debts of moved-out residents</description></item>
/// <item><term><c>estate:{estate}:bank</c></term><description>the estate's trust bank account</description></item>
/// <item><term><c>estate:{estate}:gateway-fees</c></term><description>payment gateway fees the estate bears</description></item>
/// <item><term><c>estate:{estate}:vat-output</c></term><description>VAT charged to the estate's residents</description></item>
/// <item><term><c>estate:{estate}:payable:{payee}</c></term><description>what a settlement payee is owed</description></item>
/// <item><term><c>estate:{estate}:levy-income</c></term><description>levies raised by the estate (the body corporate's income)</description></item>
/// <item><term><c>estate:{estate}:levy-receivable:{unit}</c></term><description>levies a unit owes (tracked as a receivable)</description></item>
/// <item><term><c>estate:{estate}:common-property:{utility}</c></term><description>what vacant units used, carried by the body corporate (an expense)</description></item>
/// <item><term><c>payfast-clearing</c>, <c>bank</c>, <c>gateway-fees</c>, <c>vat-output</c>, <c>refunds-payable</c>, <c>opening-balances</c>, <c>adjustments</c></term><description>the operator-wide accounts</description></item>
/// </list>
/// Sign convention of every line: positive credits the account (money owed to someone: wallets, revenue, payables,
/// VAT), negative debits it (money held or owed to us: bank, clearing, receivables, fees).
/// </summary>
public readonly record struct AccountCode
{
    private const byte OpeningBalancesTag = 1, AdjustmentsTag = 2;

    private AccountCode(AccountKind kind, int owner, int sub, Pocket pocket, byte tag = 0)
    {
        Kind = kind;
        Owner = owner;
        Sub = sub;
        PocketValue = pocket;
        Tag = tag;
    }

    public AccountKind Kind { get; }
    /// <summary>Wallet id for a wallet pocket, estate id for an estate account, 0 for an operator-wide account.</summary>
    private int Owner { get; }
    /// <summary>Payee id of a payable, unit id of a levy receivable.</summary>
    private int Sub { get; }
    private Pocket PocketValue { get; }
    private byte Tag { get; }

    public int? WalletId => Kind == AccountKind.WalletPocket ? Owner : null;
    public int? EstateId => Kind != AccountKind.WalletPocket && Owner != 0 ? Owner : null;
    /// <summary>The pocket of a wallet account, or the utility of a revenue account.</summary>
    public Pocket? Pocket => Kind is AccountKind.WalletPocket or AccountKind.EstateRevenue or AccountKind.CommonProperty ? PocketValue : null;
    public int? PayeeId => Kind == AccountKind.Payable ? Sub : null;
    public int? UnitId => Kind == AccountKind.LevyReceivable ? Sub : null;
    public bool IsWallet => Kind == AccountKind.WalletPocket;
    /// <summary>False only for <c>default(AccountCode)</c>, which names no account.</summary>
    public bool IsDefined => Kind != AccountKind.WalletPocket || Owner > 0;

    public static AccountCode Wallet(int walletId, Pocket pocket) => new(AccountKind.WalletPocket, Positive(walletId), 0, pocket);
    public static AccountCode Revenue(int estateId, Pocket utility) => new(AccountKind.EstateRevenue, Positive(estateId), 0, utility);
    /// <summary>What moved-out residents still owe the estate (debts handed to arrears at offboarding).</summary>
    public static AccountCode Arrears(int estateId) => new(AccountKind.ArrearsReceivable, Positive(estateId), 0, default);
    /// <summary>The estate's trust bank account (residents' money is kept per scheme).</summary>
    public static AccountCode TrustBank(int estateId) => new(AccountKind.Bank, Positive(estateId), 0, default);
    public static AccountCode EstateGatewayFees(int estateId) => new(AccountKind.GatewayFees, Positive(estateId), 0, default);
    public static AccountCode EstateVatOutput(int estateId) => new(AccountKind.VatOutput, Positive(estateId), 0, default);
    public static AccountCode Payable(int estateId, int payeeId) => new(AccountKind.Payable, Positive(estateId), Positive(payeeId), default);
    public static AccountCode LevyReceivable(int estateId, int unitId) => new(AccountKind.LevyReceivable, Positive(estateId), Positive(unitId), default);

    /// <summary>Consumption the body corporate carries (vacant units, when the estate bills them to common property), per utility.</summary>
    public static AccountCode CommonProperty(int estateId, Pocket utility) => new(AccountKind.CommonProperty, Positive(estateId), 0, utility);

    public static AccountCode LevyIncome(int estateId) => new(AccountKind.LevyIncome, Positive(estateId), 0, default);

    public static AccountCode PayFastClearing { get; } = new(AccountKind.PayFastClearing, 0, 0, default);
    /// <summary>The operator's bank account (EFT deposits before trust accounts per estate, refunds).</summary>
    public static AccountCode Bank { get; } = new(AccountKind.Bank, 0, 0, default);
    public static AccountCode GatewayFees { get; } = new(AccountKind.GatewayFees, 0, 0, default);
    public static AccountCode VatOutput { get; } = new(AccountKind.VatOutput, 0, 0, default);
    public static AccountCode RefundsPayable { get; } = new(AccountKind.RefundsPayable, 0, 0, default);
    public static AccountCode OpeningBalances { get; } = new(AccountKind.Suspense, 0, 0, default, OpeningBalancesTag);
    public static AccountCode Adjustments { get; } = new(AccountKind.Suspense, 0, 0, default, AdjustmentsTag);

    /// <summary>The text stored in <c>LedgerAccounts.Code</c> and covered by the hash chains.</summary>
    public override string ToString()
    {
        var owner = Owner.ToString(CultureInfo.InvariantCulture);
        return Kind switch
        {
            AccountKind.WalletPocket => $"wallet:{owner}:{Lower(PocketValue)}",
            AccountKind.EstateRevenue => $"estate:{owner}:revenue:{Lower(PocketValue)}",
            AccountKind.CommonProperty => $"estate:{owner}:common-property:{Lower(PocketValue)}",
            AccountKind.ArrearsReceivable => $"estate:{owner}:arrears",
            AccountKind.LevyIncome => $"estate:{owner}:levy-income",
            AccountKind.Payable => $"estate:{owner}:payable:{Sub.ToString(CultureInfo.InvariantCulture)}",
            AccountKind.LevyReceivable => $"estate:{owner}:levy-receivable:{Sub.ToString(CultureInfo.InvariantCulture)}",
            AccountKind.Bank => Owner == 0 ? "bank" : $"estate:{owner}:bank",
            AccountKind.GatewayFees => Owner == 0 ? "gateway-fees" : $"estate:{owner}:gateway-fees",
            AccountKind.VatOutput => Owner == 0 ? "vat-output" : $"estate:{owner}:vat-output",
            AccountKind.PayFastClearing => "payfast-clearing",
            AccountKind.RefundsPayable => "refunds-payable",
            AccountKind.Suspense => Tag == OpeningBalancesTag ? "opening-balances" : "adjustments",
            _ => throw new InvalidOperationException($"Account kind {Kind} has no code."),
        };
    }

    /// <summary>A human name for a newly opened account.</summary>
    public string DisplayName() => Kind switch
    {
        AccountKind.WalletPocket => $"Wallet {Owner} {PocketValue}",
        AccountKind.EstateRevenue => $"Estate {Owner} revenue {PocketValue}",
        AccountKind.CommonProperty => $"Estate {Owner} common property {PocketValue} (vacant units)",
        AccountKind.ArrearsReceivable => $"Estate {Owner} arrears (moved-out residents)",
        AccountKind.LevyIncome => $"Estate {Owner} levy income",
        AccountKind.Payable => $"Estate {Owner} payable to payee {Sub}",
        AccountKind.LevyReceivable => $"Estate {Owner} levies receivable from unit {Sub}",
        AccountKind.Bank => Owner == 0 ? "Bank" : $"Estate {Owner} trust bank account",
        AccountKind.GatewayFees => Owner == 0 ? "Payment gateway fees" : $"Estate {Owner} payment gateway fees",
        AccountKind.VatOutput => Owner == 0 ? "VAT output" : $"Estate {Owner} VAT output",
        AccountKind.PayFastClearing => "PayFast clearing",
        AccountKind.RefundsPayable => "Refunds payable",
        AccountKind.Suspense => Tag == OpeningBalancesTag ? "Opening balances (imported)" : "Adjustments (imported)",
        _ => Kind.ToString(),
    };

    public static AccountCode Parse(string code) =>
        TryParse(code, out var parsed) ? parsed : throw new FormatException($"'{code}' is not a ledger account code.");

    /// <summary>Reads a stored code back; false for anything <see cref="ToString"/> would not have written.</summary>
    public static bool TryParse([NotNullWhen(true)] string? code, out AccountCode result)
    {
        result = default;
        if (string.IsNullOrEmpty(code)) return false;
        switch (code)
        {
            case "payfast-clearing": result = PayFastClearing; return true;
            case "bank": result = Bank; return true;
            case "gateway-fees": result = GatewayFees; return true;
            case "vat-output": result = VatOutput; return true;
            case "refunds-payable": result = RefundsPayable; return true;
            case "opening-balances": result = OpeningBalances; return true;
            case "adjustments": result = Adjustments; return true;
        }
        var parts = code.Split(':');
        if (parts.Length < 3 || !Id(parts[1], out var owner)) return false;
        switch (parts[0], parts.Length)
        {
            case ("wallet", 3) when PocketOf(parts[2], out var pocket):
                result = Wallet(owner, pocket);
                return true;
            case ("estate", 3):
                result = parts[2] switch
                {
                    "arrears" => Arrears(owner),
                    "levy-income" => LevyIncome(owner),
                    "bank" => TrustBank(owner),
                    "gateway-fees" => EstateGatewayFees(owner),
                    "vat-output" => EstateVatOutput(owner),
                    _ => default,
                };
                return result != default;
            case ("estate", 4) when parts[2] == "revenue" && PocketOf(parts[3], out var utility):
                result = Revenue(owner, utility);
                return true;
            case ("estate", 4) when parts[2] == "common-property" && PocketOf(parts[3], out var used):
                result = CommonProperty(owner, used);
                return true;
            case ("estate", 4) when parts[2] == "payable" && Id(parts[3], out var payee):
                result = Payable(owner, payee);
                return true;
            case ("estate", 4) when parts[2] == "levy-receivable" && Id(parts[3], out var unit):
                result = LevyReceivable(owner, unit);
                return true;
            default:
                return false;
        }
    }

    private static bool Id(string text, out int id) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0 && id.ToString(CultureInfo.InvariantCulture) == text;

    private static bool PocketOf(string text, out Pocket pocket)
    {
        foreach (var p in Enum.GetValues<Pocket>())
            if (Lower(p) == text) { pocket = p; return true; }
        pocket = default;
        return false;
    }

    private static string Lower(Pocket p) => p switch
    {
        Ledger.Pocket.Unallocated => "unallocated",
        Ledger.Pocket.Electricity => "electricity",
        Ledger.Pocket.Water => "water",
        Ledger.Pocket.HotWater => "hotwater",
        Ledger.Pocket.Solar => "solar",
        Ledger.Pocket.Levy => "levy",
        _ => p.ToString().ToLowerInvariant(),
    };

    private static int Positive(int id) => id > 0 ? id : throw new ArgumentOutOfRangeException(nameof(id), id, "Account owner ids are positive.");
}
