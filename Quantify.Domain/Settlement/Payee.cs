using Quantify.Domain.Common;

namespace Quantify.Domain.Settlement;

/// <summary>
/// A party an estate's settlement pays: its name, kind and bank details for the payout file. The account number is
/// needed only in the file handed to the bank; everywhere else (pages, logs, <see cref="ToString"/>) it is masked.
/// Financial: never deleted, only deactivated.
/// </summary>
public sealed class Payee : IAuditable
{
    private Payee() { }

    public int Id { get; private set; }
    public int EstateId { get; private set; }
    public string Name { get; private set; } = "";
    public PayeeKind Kind { get; private set; }
    public string BankName { get; private set; } = "";
    /// <summary>Six-digit (universal) branch code.</summary>
    public string BranchCode { get; private set; } = "";
    public string AccountNumber { get; private set; } = "";
    /// <summary>What appears on the payee's bank statement (their customer or account reference with us).</summary>
    public string BeneficiaryReference { get; private set; } = "";
    public bool IsActive { get; private set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedById { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedById { get; set; }

    /// <summary>The account number with all but its last four digits hidden, for pages and logs.</summary>
    public string MaskedAccount => AccountNumber.Length <= 4 ? "****" : string.Concat(new string('*', AccountNumber.Length - 4), AccountNumber.AsSpan(AccountNumber.Length - 4));

    public static Result<Payee> Create(int estateId, string name, PayeeKind kind, string bankName, string branchCode, string accountNumber, string beneficiaryReference)
    {
        var branch = (branchCode ?? "").Trim();
        var account = (accountNumber ?? "").Replace(" ", "", StringComparison.Ordinal).Trim();
        var v = new Validator()
            .Required(name, nameof(Name), "Name").MaxLength(name, 100, nameof(Name), "Name")
            .Required(bankName, nameof(BankName), "Bank").MaxLength(bankName, 60, nameof(BankName), "Bank")
            .Required(beneficiaryReference, nameof(BeneficiaryReference), "Beneficiary reference")
            .MaxLength(beneficiaryReference, 16, nameof(BeneficiaryReference), "Beneficiary reference (16 characters on a South African bank statement)");
        v.AddIf(!Enum.IsDefined(kind), "invalid", $"Unknown payee kind '{kind}'.", nameof(Kind));
        v.AddIf(branch.Length != 6 || !branch.All(char.IsAsciiDigit), "invalid", "A branch code is six digits (the bank's universal branch code, e.g. 250655).", nameof(BranchCode));
        v.AddIf(account.Length is < 6 or > 16 || !account.All(char.IsAsciiDigit), "invalid", "A bank account number is 6 to 16 digits.", nameof(AccountNumber));
        v.AddIf((beneficiaryReference ?? "").Contains(',', StringComparison.Ordinal) || (name ?? "").Contains(',', StringComparison.Ordinal), "comma",
            "Bank bulk files do not allow commas in names or references.", (beneficiaryReference ?? "").Contains(',', StringComparison.Ordinal) ? nameof(BeneficiaryReference) : nameof(Name));
        if (!v.IsValid) return Result<Payee>.Fail(v.Errors);
        return Result<Payee>.Ok(new Payee
        {
            EstateId = estateId,
            Name = name!.Trim(),
            Kind = kind,
            BankName = bankName.Trim(),
            BranchCode = branch,
            AccountNumber = account,
            BeneficiaryReference = beneficiaryReference!.Trim(),
        });
    }

    public void Deactivate() => IsActive = false;

    public override string ToString() => $"{Name} ({Kind}, {BankName} {MaskedAccount})";
}
