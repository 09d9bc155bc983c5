using System.Reflection;
using OligoDecide.Facts;

namespace OligoDecide.Rules;

/// <summary>
/// Probe inputs for checking a compiled condition against the interpreter at load: facts whose values are
/// drawn from what the condition itself tests (each constant, each bound and its neighbours, unknown),
/// lesion lists of zero to five lesions built the same way, and random option states. Deterministic
/// (fixed seed), so a load always checks the same probes.
/// </summary>
internal static class ProbeFacts
{
    private const int Count = 128;

    public static IReadOnlyList<(PatientFacts Facts, Truth[] Options)> For(Condition when, int optionCount)
    {
        var candidates = new Dictionary<FactDefinition, List<object?>>();
        var lesionCandidates = new Dictionary<FactDefinition, List<object?>>();
        var usesLesions = false;
        foreach (var node in ConditionTree.Walk(when))
        {
            node.Accept(Collector.Instance, (candidates, lesionCandidates));
            usesLesions |= node is LesionCondition;
        }

        var random = new Random(20261129);
        var result = new List<(PatientFacts, Truth[])>(Count);
        for (var i = 0; i < Count; i++)
        {
            var facts = new PatientFacts();
            foreach (var (fact, values) in candidates)
            {
                // The first probe has every fact unknown; the others draw a value per fact.
                Set(facts, fact, i == 0 ? null : values[random.Next(values.Count)]);
            }

            if (usesLesions && i > 0)
            {
                var n = random.Next(-1, 6);
                Set(facts, LesionsProperty, n < 0 ? null : Enumerable.Range(0, n).Select(_ => Lesion(lesionCandidates, random)).ToArray());
            }

            var options = new Truth[optionCount];
            for (var o = 0; o < optionCount; o++)
            {
                options[o] = (Truth)random.Next(3);
            }

            result.Add((facts, options));
        }

        return result;
    }

    private static readonly PropertyInfo LesionsProperty = typeof(PatientFacts).GetProperty(nameof(PatientFacts.Lesions))!;

    private static LesionFact Lesion(Dictionary<FactDefinition, List<object?>> candidates, Random random)
    {
        var lesion = new LesionFact();
        foreach (var (field, values) in candidates)
        {
            Set(lesion, field, values[random.Next(values.Count)]);
        }

        return lesion;
    }

    private static void Set(object owner, FactDefinition fact, object? value) =>
        Set(owner, owner.GetType().GetProperty(fact.Property)!, value);

    private static void Set(object owner, PropertyInfo property, object? value) => property.SetValue(owner, value);

    /// <summary>The values worth probing for one fact test: unknown, the constants, the bounds and their neighbours.</summary>
    private static IEnumerable<object?> Values(FactCondition c)
    {
        yield return null;
        var type = Nullable.GetUnderlyingType(c.Fact.PropertyType) ?? c.Fact.PropertyType;
        foreach (var v in c.Values)
        {
            yield return v;
        }

        if (type == typeof(bool))
        {
            yield return true;
            yield return false;
        }
        else if (type == typeof(string))
        {
            foreach (var v in c.Fact.AllowedValues)
            {
                yield return v;
            }
        }
        else
        {
            foreach (var bound in new[] { c.Min, c.Max }.OfType<decimal>().Concat(c.Values.Select(v => Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture))))
            {
                foreach (var d in new[] { bound - 1, bound, bound + 1, bound - 0.5m, bound + 0.5m })
                {
                    if (type == typeof(int))
                    {
                        if (d == decimal.Truncate(d))
                        {
                            yield return (int)d;
                        }
                    }
                    else
                    {
                        yield return d;
                    }
                }
            }

            yield return type == typeof(int) ? (object)0 : 0m;
        }
    }

    /// <summary>Adds each fact test's probe values to the patient-level or lesion-level candidates.</summary>
    private sealed class Collector : ConditionVisitor<(Dictionary<FactDefinition, List<object?>> Facts, Dictionary<FactDefinition, List<object?>> Lesions), bool>
    {
        public static readonly Collector Instance = new();

        public override bool VisitAll(AllCondition condition, (Dictionary<FactDefinition, List<object?>> Facts, Dictionary<FactDefinition, List<object?>> Lesions) arg) => true;

        public override bool VisitAny(AnyCondition condition, (Dictionary<FactDefinition, List<object?>> Facts, Dictionary<FactDefinition, List<object?>> Lesions) arg) => true;

        public override bool VisitNot(NotCondition condition, (Dictionary<FactDefinition, List<object?>> Facts, Dictionary<FactDefinition, List<object?>> Lesions) arg) => true;

        public override bool VisitFact(FactCondition condition, (Dictionary<FactDefinition, List<object?>> Facts, Dictionary<FactDefinition, List<object?>> Lesions) arg)
        {
            // A fact test inside a lesion quantifier tests a lesion field; the walk reaches it as a child of the quantifier.
            var target = FactCatalog.LesionByName.TryGetValue(condition.Fact.Name, out var field) && ReferenceEquals(field, condition.Fact) ? arg.Lesions : arg.Facts;
            Add(target, condition);
            return true;
        }

        public override bool VisitLesions(LesionCondition condition, (Dictionary<FactDefinition, List<object?>> Facts, Dictionary<FactDefinition, List<object?>> Lesions) arg) => true;

        public override bool VisitSuggested(SuggestedCondition condition, (Dictionary<FactDefinition, List<object?>> Facts, Dictionary<FactDefinition, List<object?>> Lesions) arg) => true;

        private static void Add(Dictionary<FactDefinition, List<object?>> target, FactCondition c)
        {
            if (!target.TryGetValue(c.Fact, out var list))
            {
                target[c.Fact] = list = [];
            }

            list.AddRange(Values(c).Where(v => !list.Contains(v)));
        }
    }
}
