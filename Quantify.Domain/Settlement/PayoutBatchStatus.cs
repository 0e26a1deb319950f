namespace Quantify.Domain.Settlement;

/// <summary>Draft (the maker may edit), Approved (a second admin approved it: frozen, ready for the bank), Paid (every line paid), Cancelled (its run was reversed).</summary>
public enum PayoutBatchStatus { Draft, Approved, Paid, Cancelled }
