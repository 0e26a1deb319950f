using Quantify.Web.Features.Areas;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Web.Features.Reports;

/// <summary>The estates whose reports a user may read: all for admins; otherwise those they manage as agent or serve as trustee.</summary>
public static class ReportEstates
{
    public static async Task<List<EstateSummary>> ForAsync(AreaQueries areas, UserScope scope, CancellationToken ct = default)
    {
        if (scope.IsAdmin) return [.. await areas.EstatesForAsync(scope, Roles.Admin, ct)];
        var list = new List<EstateSummary>();
        if (scope.IsInRole(Roles.ManagingAgent)) list.AddRange(await areas.EstatesForAsync(scope, Roles.ManagingAgent, ct));
        if (scope.IsInRole(Roles.Trustee)) list.AddRange(await areas.EstatesForAsync(scope, Roles.Trustee, ct));
        return list.DistinctBy(e => e.Id).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
    }
}
