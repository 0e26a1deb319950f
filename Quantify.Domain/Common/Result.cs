namespace Quantify.Domain.Common;

/// <summary>An expected failure: which field, and why, in words a person can act on.</summary>
public sealed record Error(string Code, string Message, string? Field = null)
{
    public override string ToString() => Field is null ? Message : $"{Field}: {Message}";
}

/// <summary>The outcome of an operation whose failure is expected (bad input, a rule that forbids it).</summary>
public class Result
{
    protected Result(IReadOnlyList<Error> errors) => Errors = errors;

    public IReadOnlyList<Error> Errors { get; }
    public bool IsSuccess => Errors.Count == 0;
    public bool IsFailure => !IsSuccess;

    public static Result Ok() => new([]);
    public static Result Fail(params Error[] errors) => new(errors);
    public static Result Fail(IEnumerable<Error> errors) => new(errors.ToArray());
    public static Result<T> Ok<T>(T value) => Result<T>.Ok(value);

    public string Describe() => string.Join("; ", Errors.Select(e => e.ToString()));
}

public sealed class Result<T> : Result
{
    private readonly T? value;

    private Result(T? value, IReadOnlyList<Error> errors) : base(errors) => this.value = value;

    public T Value => IsSuccess ? value! : throw new InvalidOperationException($"No value: {Describe()}");

    public static Result<T> Ok(T value) => new(value, []);
    public static new Result<T> Fail(params Error[] errors) => new(default, errors);
    public static new Result<T> Fail(IEnumerable<Error> errors) => new(default, errors.ToArray());
}

/// <summary>Thrown when a broken invariant is found; expected failures use <see cref="Result"/> instead.</summary>
public sealed class DomainException(string message) : Exception(message);
