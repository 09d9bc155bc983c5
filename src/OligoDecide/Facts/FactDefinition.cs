using System.Linq.Expressions;

namespace OligoDecide.Facts;

/// <summary>One fact of the closed rule vocabulary: its name, type, allowed values and meaning.</summary>
/// <param name="Name">The name used in rule files, e.g. <c>biomarkers.pdl1Tps</c>.</param>
/// <param name="Type">The value type.</param>
/// <param name="AllowedValues">For enumerations, every allowed value; empty otherwise.</param>
/// <param name="Description">What the fact means and when it is unknown.</param>
public sealed record FactDefinition(string Name, FactType Type, IReadOnlyList<string> AllowedValues, string Description)
{
    /// <summary>The property of <see cref="PatientFacts"/> or <see cref="LesionFact"/> that holds the value.</summary>
    internal string Property { get; init; } = string.Empty;

    /// <summary>The CLR type of that property (nullable: null is unknown).</summary>
    internal Type PropertyType { get; init; } = typeof(object);

    /// <summary>Reads the value (boxed, null = unknown) for the interpreter; compiled once.</summary>
    internal Func<object, object?> Read { get; init; } = _ => null;

    /// <summary>Texts "name = value" already made, by value; bounded, so unusual values are formatted each time.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<object, string> seenTexts = new();

    /// <summary>
    /// "name = value" for a value seen (what <c>because</c> and <c>explain</c> show). Booleans, enumeration ids and
    /// small numbers repeat across patients, so each text is made once per fact (at most 512 kept).
    /// </summary>
    internal string SeenText(object? value)
    {
        if (value is null)
        {
            return Format(null);
        }

        if (seenTexts.TryGetValue(value, out var text))
        {
            return text;
        }

        text = Format(value);
        if (seenTexts.Count < 512)
        {
            seenTexts.TryAdd(value, text);
        }

        return text;
    }

    private string Format(object? value) => $"{Name} = {Rules.ConditionText.Value(value)}";

    /// <summary>
    /// For a fact that can be unknown while its possible values are known (the state of an indeterminate
    /// case): the <see cref="PatientFacts"/> property holding those values (null when it has none). A test
    /// of the fact is then true when every possible value satisfies it, false when none does, unknown otherwise.
    /// </summary>
    internal string? PossibleProperty { get; init; }

    /// <summary>Reads the possible values (see <see cref="PossibleProperty"/>); null when none are known.</summary>
    internal Func<object, object[]?> ReadPossible { get; init; } = _ => null;

    /// <summary>This fact with its possible values read from <paramref name="possible"/> (see <see cref="PossibleProperty"/>).</summary>
    internal FactDefinition WithPossible(Expression<Func<PatientFacts, object[]?>> possible)
    {
        var getter = Getter(possible);
        return this with { PossibleProperty = ((MemberExpression)possible.Body).Member.Name, ReadPossible = o => getter((PatientFacts)o) };
    }

    internal static FactDefinition For<TOwner, TValue>(string name, FactType type, Expression<Func<TOwner, TValue>> property, string description, IReadOnlyList<string>? allowed = null)
    {
        var member = (MemberExpression)property.Body;
        var getter = Getter(property);
        return new FactDefinition(name, type, allowed ?? [], description)
        {
            Property = member.Member.Name,
            PropertyType = typeof(TValue),
            Read = getter switch
            {
                // The interpreter reads every fact of every rule for every patient: hand out shared boxes
                // for booleans and small integers instead of allocating one per read.
                Func<TOwner, bool?> b => o => b((TOwner)o) is { } v ? Boxes.Bool(v) : null,
                Func<TOwner, int?> i => o => i((TOwner)o) is { } v ? Boxes.Int(v) : null,
                _ => o => getter((TOwner)o),
            },
        };
    }

    /// <summary>
    /// The property getter a lambda <c>x =&gt; x.Property</c> names, as a delegate bound to the getter method: no
    /// expression compilation (which JIT-compiled a dynamic method per fact, about a third of a one-shot CLI
    /// command's time). A lambda of any other shape is compiled.
    /// </summary>
    private static Func<TOwner, TValue> Getter<TOwner, TValue>(Expression<Func<TOwner, TValue>> lambda) =>
        lambda.Body is MemberExpression { Member: System.Reflection.PropertyInfo { GetMethod: { IsStatic: false } get } property }
            && property.PropertyType == typeof(TValue) && lambda.Parameters[0] == ((MemberExpression)lambda.Body).Expression
            ? get.CreateDelegate<Func<TOwner, TValue>>()
            : lambda.Compile();

    private static class Boxes
    {
        private static readonly object True = true;
        private static readonly object False = false;
        private static readonly object[] SmallInts = [.. Enumerable.Range(0, 256).Select(i => (object)i)];

        public static object Bool(bool v) => v ? True : False;

        public static object Int(int v) => (uint)v < (uint)SmallInts.Length ? SmallInts[v] : v;
    }
}
