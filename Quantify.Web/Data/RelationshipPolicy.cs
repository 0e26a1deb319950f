using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Quantify.Web.Data;

/// <summary>
/// Every foreign key states its delete behaviour AND why (docs/relationships.md is generated from these).
/// A test fails when a foreign key in the model has no reason.
/// </summary>
public static class RelationshipPolicy
{
    public const string ReasonAnnotation = "Quantify:OnDeleteReason";

    public const string UsersNeverDeleted = "Users are deactivated, never deleted, so created-by/updated-by stay valid.";
    public const string MasterData = "Master data is archived, never hard-deleted while anything refers to it.";
    public const string History = "Occupancy history: kept for statements and audits; the parent cannot be hard-deleted while it exists.";
    public const string Telemetry = "Telemetry and audit rows are never deleted; the meter is decommissioned instead.";
    public const string DependentConfiguration = "Dependent configuration: it has no meaning without its parent.";
    public const string OptionalReference = "Optional reference: becomes null if the parent is removed.";

    public static ReferenceCollectionBuilder<TPrincipal, TDependent> Policy<TPrincipal, TDependent>(
        this ReferenceCollectionBuilder<TPrincipal, TDependent> builder, DeleteBehavior behavior, string reason)
        where TPrincipal : class where TDependent : class =>
        builder.OnDelete(behavior).HasAnnotation(ReasonAnnotation, reason);

    public static ReferenceReferenceBuilder<TPrincipal, TDependent> Policy<TPrincipal, TDependent>(
        this ReferenceReferenceBuilder<TPrincipal, TDependent> builder, DeleteBehavior behavior, string reason)
        where TPrincipal : class where TDependent : class =>
        builder.OnDelete(behavior).HasAnnotation(ReasonAnnotation, reason);
}
