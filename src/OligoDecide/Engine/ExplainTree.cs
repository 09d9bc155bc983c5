using OligoDecide.Facts;
using OligoDecide.Rules;

namespace OligoDecide.Engine;

/// <summary>
/// The lines <c>explain</c> shows for one rule: its condition tree with each node's truth and what was seen,
/// each lesion of a lesion condition on its own line (matched, not matched, undecided, with its index and
/// organ), and under a <c>suggested:</c> condition the rules that decide that option, explained the same way.
/// </summary>
internal static class ExplainTree
{
    /// <summary>The explain lines of one rule, from its trace and a way to trace the rules it chains on.</summary>
    /// <param name="trace">The rule's condition trace.</param>
    /// <param name="lesions">The patient's lesion facts (null when not recorded).</param>
    /// <param name="decidedBy">For an option, each rule that suggests it with its trace.</param>
    public static List<ExplainedCondition> Lines(ConditionTrace trace, LesionFact[]? lesions, Func<string, IEnumerable<(Rule Rule, ConditionTrace Trace)>> decidedBy)
    {
        var lines = new List<ExplainedCondition>();
        Add(trace, 0, lines, lesions, decidedBy, []);
        return lines;
    }

    private static void Add(ConditionTrace t, int depth, List<ExplainedCondition> lines, LesionFact[]? lesions, Func<string, IEnumerable<(Rule Rule, ConditionTrace Trace)>> decidedBy, HashSet<string> followed)
    {
        lines.Add(new ExplainedCondition(depth, Explanations.Line(t.Condition), t.Truth, t.Seen));
        foreach (var c in t.Children)
        {
            Add(c, depth + 1, lines, lesions, decidedBy, followed);
        }

        switch (t.Condition)
        {
            case LesionCondition l when lesions is not null:
                for (var i = 0; i < lesions.Length; i++)
                {
                    lines.Add(Lesion(l, lesions[i], i, depth + 1));
                }

                break;
            case SuggestedCondition s:
                foreach (var option in s.Options.Where(followed.Add).ToList())
                {
                    foreach (var (rule, trace) in decidedBy(option))
                    {
                        lines.Add(new ExplainedCondition(depth + 1, $"rule {rule.Id} (option {rule.Option}):", trace.Truth, string.Empty));
                        Add(trace, depth + 2, lines, lesions, decidedBy, followed);
                    }

                    followed.Remove(option);
                }

                break;
        }
    }

    /// <summary>One lesion against a quantifier's where-fields: its truth, and the fields that decided it.</summary>
    private static ExplainedCondition Lesion(LesionCondition l, LesionFact lesion, int index, int depth)
    {
        var truth = ThreeValued.Where(l.Where, lesion);
        var tests = l.Where.Select(w => (w, Truth: ThreeValued.Test(w, w.Fact.Read(lesion)))).ToList();

        // A match shows every field; a miss the fields that were false; an undecided lesion the fields not recorded.
        var shown = truth == Truth.True ? tests : tests.Where(x => x.Truth == truth).ToList();
        var seen = string.Join(", ", shown.Select(x => $"{x.w.Fact.Name} = {ConditionText.Value(x.w.Fact.Read(lesion))}"));
        var organ = lesion.Organ ?? "organ not recorded";
        return new ExplainedCondition(depth, $"metastases.lesions[{index}] ({organ})", truth, seen);
    }
}
