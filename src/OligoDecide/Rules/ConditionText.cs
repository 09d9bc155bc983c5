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
        string[] set => "[" + string.Join(", ", set) + "]",
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

        public override string VisitTherapies(TherapyCondition condition, ValueTuple arg) => Therapies(condition);

        public override string VisitSuggested(SuggestedCondition condition, ValueTuple arg) => $"{condition.Label} suggested";
    }

    public static string Lesions(LesionCondition l) => Quantified("lesion", "lesions", l.Quantifier, l.Where, l.Min, l.Max);

    public static string Therapies(TherapyCondition t) => Quantified("therapy", "therapies", t.Quantifier, t.Where, t.Min, t.Max);

    private static string Quantified(string noun, string plural, LesionQuantifier quantifier, IReadOnlyList<FactCondition> whereFields, int? min, int? max)
    {
        var where = whereFields.Count == 0 ? "any" : string.Join(", ", whereFields.Select(Requirement));
        return quantifier switch
        {
            LesionQuantifier.Any => $"a {noun} with {where}",
            LesionQuantifier.All => $"every {noun} with {where}",
            _ => (min, max) switch
            {
                ({ } lo, { } hi) when lo == hi => string.Create(CultureInfo.InvariantCulture, $"exactly {lo} {noun}(s) with {where}"),
                ({ } lo, { } hi) => string.Create(CultureInfo.InvariantCulture, $"{lo} to {hi} {plural} with {where}"),
                ({ } lo, null) => string.Create(CultureInfo.InvariantCulture, $"at least {lo} {noun}(s) with {where}"),
                (null, { } hi) => string.Create(CultureInfo.InvariantCulture, $"at most {hi} {noun}(s) with {where}"),
                _ => $"{plural} with {where}",
            },
        };
    }
}
