namespace Quantify.Domain.Ledger;

/// <summary>One side of a posting: a signed rand amount added to an account (positive credits, negative debits).</summary>
public readonly record struct PostingLine(AccountCode Account, decimal Amount);
