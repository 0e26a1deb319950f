using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Quantify.Tests.Schema;

/// <summary>T-SQL read by Microsoft's parser (ScriptDom): errors, EXEC(N'...') bodies and the triggers a script creates.</summary>
internal static class TsqlText
{
    public static IList<ParseError> Parse(string sql, out TSqlFragment fragment)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        fragment = parser.Parse(reader, out var errors);
        return errors;
    }

    public static string Describe(ParseError e) => $"line {e.Line}, column {e.Column}: {e.Message}";

    /// <summary>The text itself, then (recursively) the text of every <c>EXEC(N'...')</c> string literal in it.</summary>
    public static IEnumerable<string> WithExecBodies(string sql)
    {
        yield return sql;
        if (Parse(sql, out var fragment).Count > 0) yield break;
        var visitor = new ExecVisitor();
        fragment.Accept(visitor);
        foreach (var body in visitor.Bodies)
            foreach (var nested in WithExecBodies(body))
                yield return nested;
    }

    /// <summary>Every (trigger, table) a script creates, also inside EXEC strings.</summary>
    public static List<(string Name, string Table)> CreatedTriggers(string sql)
    {
        var found = new List<(string, string)>();
        foreach (var text in WithExecBodies(sql))
        {
            if (Parse(text, out var fragment).Count > 0) continue;
            var visitor = new TriggerVisitor();
            fragment.Accept(visitor);
            found.AddRange(visitor.Triggers);
        }
        return found.Distinct().ToList();
    }

    private sealed class ExecVisitor : TSqlFragmentVisitor
    {
        public List<string> Bodies { get; } = [];

        public override void ExplicitVisit(ExecuteStatement node)
        {
            if (node.ExecuteSpecification?.ExecutableEntity is ExecutableStringList strings)
                Bodies.Add(string.Concat(strings.Strings.OfType<StringLiteral>().Select(s => s.Value)));
            base.ExplicitVisit(node);
        }
    }

    private sealed class TriggerVisitor : TSqlFragmentVisitor
    {
        public List<(string, string)> Triggers { get; } = [];

        public override void ExplicitVisit(CreateTriggerStatement node)
        {
            Add(node);
            base.ExplicitVisit(node);
        }

        public override void ExplicitVisit(CreateOrAlterTriggerStatement node)
        {
            Add(node);
            base.ExplicitVisit(node);
        }

        private void Add(TriggerStatementBody node) =>
            Triggers.Add((node.Name.BaseIdentifier.Value, node.TriggerObject.Name.BaseIdentifier.Value));
    }
}
