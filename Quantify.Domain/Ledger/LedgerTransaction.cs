namespace Quantify.Domain.Ledger;

public enum TransactionType
{
    TopUp, Consumption, Purchase, Refund, Adjustment, ServiceCharge, Reversal, Reconnection, Levy, Settlement, Allocation,
    /// <summary>A payment gateway's fee, or money moved from a clearing account to the bank.</summary>
    Fee,
    /// <summary>A settlement payee paid from the bank.</summary>
    Payout,
}

public enum AccountKind { WalletPocket, EstateRevenue, PayFastClearing, Bank, GatewayFees, VatOutput, RefundsPayable, Suspense, ArrearsReceivable, Payable, LevyReceivable, LevyIncome, CommonProperty }

/// <summary>A ledger account. Wallet pockets each have one; estate revenue has one per estate and utility.</summary>
public sealed class LedgerAccount
{
    private LedgerAccount() { }

    public LedgerAccount(string code, AccountKind kind, string name, int? estateId = null, int? walletId = null, Pocket? pocket = null)
    {
        Code = code;
        Kind = kind;
        Name = name;
        EstateId = estateId;
        WalletId = walletId;
        Pocket = pocket;
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public AccountKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public int? EstateId { get; private set; }
    public int? WalletId { get; private set; }
    public Pocket? Pocket { get; private set; }
    /// <summary>Cache of the sum of this account's lines; the verifier proves it equal.</summary>
    public decimal Balance { get; private set; }

    public void Apply(decimal amount) => Balance += amount;

    /// <summary>The typed code of this account (the stored text read back).</summary>
    public AccountCode Account => AccountCode.Parse(Code);

    /// <summary>Opens the account a code names, with its kind, owner and a readable name.</summary>
    public static LedgerAccount Open(AccountCode code) =>
        new(code.ToString(), code.Kind, code.DisplayName(), code.EstateId, code.WalletId, code.IsWallet ? code.Pocket : null);
}

/// <summary>
/// A posted transaction: two or more lines that sum to zero. Append-only (database triggers refuse UPDATE and DELETE);
/// a mistake is corrected by a reversal that references the original.
/// </summary>
public sealed class LedgerTransaction
{
    private readonly List<LedgerLine> lines = [];

    private LedgerTransaction() { }

    public LedgerTransaction(string number, TransactionType type, DateOnly valueDate, DateTimeOffset postedAt, string description, string idempotencyKey,
        string contentHash, long? reversesId = null, string? postedById = null)
    {
        Number = number;
        Type = type;
        ValueDate = valueDate;
        PostedAt = postedAt;
        Description = description;
        IdempotencyKey = idempotencyKey;
        ContentHash = contentHash;
        ReversesId = reversesId;
        PostedById = postedById;
    }

    public long Id { get; private set; }
    public string Number { get; private set; } = "";
    public TransactionType Type { get; private set; }
    public DateOnly ValueDate { get; private set; }
    public DateTimeOffset PostedAt { get; private set; }
    public string Description { get; private set; } = "";
    public string IdempotencyKey { get; private set; } = "";
    /// <summary>Hash of what was asked for, so a replay with different content is told apart from a true replay.</summary>
    public string ContentHash { get; private set; } = "";
    public long? ReversesId { get; private set; }
    public string? PostedById { get; private set; }
    /// <summary>The estate whose books this touches (from its accounts), for period locking.</summary>
    public int? EstateId { get; set; }
    /// <summary>For a late item that belonged to a closed or locked month: the date it really happened.</summary>
    public DateOnly? OriginalValueDate { get; set; }
    public IReadOnlyList<LedgerLine> Lines => lines;

    public void Add(LedgerLine line) => lines.Add(line);
}

/// <summary>One side of a transaction. Wallet lines carry the wallet's hash chain (sequence, previous hash, hash).</summary>
public sealed class LedgerLine
{
    private LedgerLine() { }

    public LedgerLine(int accountId, decimal amount, int? walletId, long? sequence, string? previousHash, string? hash)
    {
        AccountId = accountId;
        Amount = amount;
        WalletId = walletId;
        Sequence = sequence;
        PreviousHash = previousHash;
        Hash = hash;
    }

    public long Id { get; private set; }
    public long TransactionId { get; private set; }
    public int AccountId { get; private set; }
    /// <summary>Signed rand amount added to the account's balance; a transaction's lines sum to zero.</summary>
    public decimal Amount { get; private set; }
    public int? WalletId { get; private set; }
    public long? Sequence { get; private set; }
    public string? PreviousHash { get; private set; }
    public string? Hash { get; private set; }
}
