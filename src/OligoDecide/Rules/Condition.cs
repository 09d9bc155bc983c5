using OligoDecide.Facts;

namespace OligoDecide.Rules;

/// <summary>A node of a rule's <c>when</c> tree; every node knows where it was written.</summary>
internal abstract record Condition(int Line, int Column);

internal sealed record AllCondition(IReadOnlyList<Condition> Items, int Line, int Column) : Condition(Line, Column);

internal sealed record AnyCondition(IReadOnlyList<Condition> Items, int Line, int Column) : Condition(Line, Column);

internal sealed record NotCondition(Condition Inner, int Line, int Column) : Condition(Line, Column);

internal enum FactOperator
{
    Equals,
    In,
    NotIn,
    Range,
    Exists,
}

/// <summary>A test of one fact (or, inside a lesion quantifier, one lesion field).</summary>
internal sealed record FactCondition(FactDefinition Fact, FactOperator Operator, IReadOnlyList<object> Values, decimal? Min, decimal? Max, bool Exists, int Line, int Column)
    : Condition(Line, Column);

internal enum LesionQuantifier
{
    Any,
    All,
    Count,
}

/// <summary><c>anyLesion</c>, <c>allLesions</c> or <c>countLesions</c>: a test over the recorded lesions.</summary>
internal sealed record LesionCondition(LesionQuantifier Quantifier, IReadOnlyList<FactCondition> Where, int? Min, int? Max, int Line, int Column)
    : Condition(Line, Column);

/// <summary><c>suggested: option</c>: true when another rule suggested that option (chaining).</summary>
internal sealed record SuggestedCondition(string Option, int Line, int Column) : Condition(Line, Column);
