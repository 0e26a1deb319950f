namespace Quantify.Domain.Common;

/// <summary>Collects field errors so a form or an import row can show all of them at once.</summary>
public sealed class Validator
{
    private readonly List<Error> errors = [];

    public IReadOnlyList<Error> Errors => errors;
    public bool IsValid => errors.Count == 0;

    public Validator Required(string? value, string field, string label)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(new Error("required", $"{label} is required.", field));
        return this;
    }

    public Validator MaxLength(string? value, int max, string field, string label)
    {
        if (value is not null && value.Length > max) errors.Add(new Error("too_long", $"{label} must be at most {max} characters.", field));
        return this;
    }

    public Validator Range(decimal? value, decimal min, decimal max, string field, string label)
    {
        if (value is not null && (value < min || value > max)) errors.Add(new Error("out_of_range", $"{label} must be between {min} and {max}.", field));
        return this;
    }

    public Validator Add(Error error)
    {
        errors.Add(error);
        return this;
    }

    public Validator AddIf(bool condition, string code, string message, string field)
    {
        if (condition) errors.Add(new Error(code, message, field));
        return this;
    }

    public Result ToResult() => IsValid ? Result.Ok() : Result.Fail(errors);
}
