namespace Quantify.Web.Data.Sql;

/// <summary>A trigger the schema creates, named <c>TR_{Table}_{Purpose}</c> after the file that creates it.</summary>
public sealed record DatabaseTrigger(string Name, string Table, string File)
{
    public static DatabaseTrigger FromFileName(string file)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        var parts = name.Split('_');
        if (parts.Length < 3 || parts[0] != "TR")
            throw new InvalidOperationException($"SQL script '{file}' is not named TR_{{Table}}_{{Purpose}}.sql.");
        return new DatabaseTrigger(name, parts[1], file);
    }
}
