using OligoDecide.Facts;
using OligoDecide.Model;
using OligoDecide.Rules;

namespace OligoDecide.Engine;

/// <summary>Turns three-valued traces into reasons (<c>because</c>), missing facts (<c>couldApply</c>) and explain lines.</summary>
internal static class Explanations
{
    /// <summary>The conditions that made a true rule true, each with what was seen.</summary>
    public static List<Reason> Because(ConditionTrace trace)
    {
        var reasons = new List<Reason>();
        Collect(trace, reasons);
        return [.. reasons.Distinct()];
    }

    private static void Collect(ConditionTrace t, List<Reason> reasons)
    {
        switch (t.Condition)
        {
            case AllCondition:
                foreach (var c in t.Children)
                {
                    Collect(c, reasons);
                }

                break;
            case AnyCondition:
                foreach (var c in t.Children.Where(c => c.Truth == Truth.True))
                {
                    Collect(c, reasons);
                }

                break;
            case NotCondition:
                reasons.Add(new Reason(ConditionText.Describe(t.Condition), string.Join("; ", Leaves(t).Select(l => l.Seen).Where(s => s.Length > 0))));
                break;
            default:
                reasons.Add(new Reason(ConditionText.Describe(t.Condition), t.Seen));
                break;
        }
    }

    private static IEnumerable<ConditionTrace> Leaves(ConditionTrace t) =>
        t.Children.Count == 0 ? [t] : t.Children.SelectMany(Leaves);

    /// <summary>For an unknown rule: each missing fact and what it would need to be.</summary>
    public static List<MissingFact> Missing(ConditionTrace trace, LesionFact[]? lesions)
    {
        var missing = new List<MissingFact>();
        CollectMissing(trace, negated: false, missing, lesions);
        return [.. missing.Distinct()];
    }

    private static void CollectMissing(ConditionTrace t, bool negated, List<MissingFact> missing, LesionFact[]? lesions)
    {
        if (t.Truth != Truth.Unknown)
        {
            return;
        }

        switch (t.Condition)
        {
            case AllCondition or AnyCondition:
                foreach (var c in t.Children)
                {
                    CollectMissing(c, negated, missing, lesions);
                }

                break;
            case NotCondition:
                CollectMissing(t.Children[0], !negated, missing, lesions);
                break;
            case FactCondition f:
                missing.Add(new MissingFact(f.Fact.Name, Polarity(ConditionText.Requirement(f), negated)));
                break;
            case LesionCondition l:
                {
                    var need = Polarity(ConditionText.Lesions(l), negated);
                    if (lesions is null)
                    {
                        missing.Add(new MissingFact("metastases.lesions", need));
                        break;
                    }

                    for (var i = 0; i < lesions.Length; i++)
                    {
                        var fact = lesions[i];
                        if (ThreeValued.Where(l.Where, fact) != Truth.Unknown)
                        {
                            continue;
                        }

                        foreach (var w in l.Where.Where(w => ThreeValued.Test(w, w.Fact.Read(fact)) == Truth.Unknown))
                        {
                            missing.Add(new MissingFact($"metastases.lesions[{i}].{w.Fact.Name}", need));
                        }
                    }

                    break;
                }

            case SuggestedCondition s:
                missing.Add(new MissingFact($"option {s.Option}", Polarity($"option {s.Option} suggested (itself undecided)", negated)));
                break;
        }
    }

    private static string Polarity(string requirement, bool negated) => negated ? $"not ({requirement})" : requirement;

    public static void Flatten(ConditionTrace t, int depth, List<ExplainedCondition> lines)
    {
        var text = t.Condition switch
        {
            AllCondition => "all of:",
            AnyCondition => "any of:",
            NotCondition => "not:",
            _ => ConditionText.Describe(t.Condition),
        };
        lines.Add(new ExplainedCondition(depth, text, t.Truth, t.Seen));
        foreach (var c in t.Children)
        {
            Flatten(c, depth + 1, lines);
        }
    }
}
