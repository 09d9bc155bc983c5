using System.Globalization;

namespace OligoDecide.Rules;

/// <summary>Renders conditions in readable words: <c>ecog ≤ 1</c>, <c>biomarkers.egfr in [exon19-deletion, l858r]</c>.</summary>
internal static class ConditionText
{
    public static string Value(object? v) => v switch
    {
        null => "unknown",
        bool b => b ? "true" : "false",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    public static string Requirement(FactCondition c) => c.Operator switch
    {
        FactOperator.Equals => $"{c.Fact.Name} = {Value(c.Values[0])}",
        FactOperator.In => $"{c.Fact.Name} in [{string.Join(", ", c.Values.Select(Value))}]",
        FactOperator.NotIn => $"{c.Fact.Name} not in [{string.Join(", ", c.Values.Select(Value))}]",
        FactOperator.Exists => c.Exists ? $"{c.Fact.Name} recorded" : $"{c.Fact.Name} not recorded",
        _ => (c.Min, c.Max) switch
        {
            ({ } min, { } max) when min == max => $"{c.Fact.Name} = {Value(min)}",
            ({ } min, { } max) => $"{c.Fact.Name} between {Value(min)} and {Value(max)}",
            ({ } min, null) => $"{c.Fact.Name} ≥ {Value(min)}",
            (null, { } max) => $"{c.Fact.Name} ≤ {Value(max)}",
            _ => c.Fact.Name,
        },
    };

    /// <summary>Descriptions are shown for every fired rule of every patient; a condition node never changes, so each is rendered once.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Condition, string> Described = [];

    public static string Describe(Condition c) => Described.GetValue(c, Render);

    private static string Render(Condition c) => c.Accept(Renderer.Instance, default);

    private sealed class Renderer : ConditionVisitor<ValueTuple, string>
    {
        public static readonly Renderer Instance = new();

        public override string VisitAll(AllCondition condition, ValueTuple arg) => "all of (" + string.Join("; ", condition.Items.Select(Describe)) + ")";

        public override string VisitAny(AnyCondition condition, ValueTuple arg) => "any of (" + string.Join("; ", condition.Items.Select(Describe)) + ")";

        public override string VisitNot(NotCondition condition, ValueTuple arg) => "not (" + Describe(condition.Inner) + ")";

        public override string VisitFact(FactCondition condition, ValueTuple arg) => Requirement(condition);

        public override string VisitLesions(LesionCondition condition, ValueTuple arg) => Lesions(condition);

        public override string VisitSuggested(SuggestedCondition condition, ValueTuple arg) => $"option {condition.Option} suggested";
    }

    public static string Lesions(LesionCondition l)
    {
        var where = l.Where.Count == 0 ? "any" : string.Join(", ", l.Where.Select(Requirement));
        return l.Quantifier switch
        {
            LesionQuantifier.Any => $"a lesion with {where}",
            LesionQuantifier.All => $"every lesion with {where}",
            _ => (l.Min, l.Max) switch
            {
                ({ } min, { } max) when min == max => string.Create(CultureInfo.InvariantCulture, $"exactly {min} lesion(s) with {where}"),
                ({ } min, { } max) => string.Create(CultureInfo.InvariantCulture, $"{min} to {max} lesions with {where}"),
                ({ } min, null) => string.Create(CultureInfo.InvariantCulture, $"at least {min} lesion(s) with {where}"),
                (null, { } max) => string.Create(CultureInfo.InvariantCulture, $"at most {max} lesion(s) with {where}"),
                _ => $"lesions with {where}",
            },
        };
    }
}
