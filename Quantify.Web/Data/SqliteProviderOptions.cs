using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Quantify.Web.Data;

/// <summary>
/// The SQLite provider's options, the same for the application, the tests and the tools.
/// <para>
/// A list in a query (<c>ids.Contains(x.Id)</c>) goes to SQLite as one JSON parameter read with <c>json_each</c>, not
/// as one parameter per item (EF Core 10's default). Microsoft.Data.Sqlite binds every parameter by name, and SQLite
/// finds a name by a linear search, so a list of 800 meter ids cost about 320,000 string comparisons per query: in
/// `bench ingest` that was 6 % of the whole process's CPU (docs/performance.md, "Session 12").
/// </para>
/// </summary>
public static class SqliteProviderOptions
{
    public static void Configure(SqliteDbContextOptionsBuilder sqlite) => sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter);
}
