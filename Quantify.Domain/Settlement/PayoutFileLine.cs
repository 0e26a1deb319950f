namespace Quantify.Domain.Settlement;

/// <summary>One payment as a bank file needs it: our reference, the payee's name and bank details, the amount and the statement reference.</summary>
public sealed record PayoutFileLine(string OwnReference, string PayeeName, string BankName, string BranchCode, string AccountNumber, decimal Amount, string Reference);
