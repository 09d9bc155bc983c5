using OligoDecide.Facts;

namespace OligoDecide.Rules;

/// <summary>Kleene three-valued truth: a condition on an unknown fact is unknown, never false.</summary>
public enum Truth
{
    /// <summary>Holds.</summary>
    True,

    /// <summary>Does not hold.</summary>
    False,

    /// <summary>Cannot be decided: a needed fact is missing.</summary>
    Unknown,
}

/// <summary>The outcome of one condition node for one patient, with what was seen.</summary>
internal sealed record ConditionTrace(Condition Condition, Truth Truth, string Seen, IReadOnlyList<ConditionTrace> Children);

/// <summary>
/// Evaluates a condition tree over a patient's facts in three-valued logic. This is the reference
/// semantics: the NRules compilation must fire exactly when this returns <see cref="Truth.True"/>
/// (a test checks it). Used for <c>because</c>, <c>couldApply</c> and <c>explain</c>.
/// </summary>
internal static class ThreeValued
{
    public static ConditionTrace Evaluate(Condition condition, PatientFacts facts, Func<string, Truth> suggested)
    {
        switch (condition)
        {
            case AllCondition all:
                {
                    var children = all.Items.Select(c => Evaluate(c, facts, suggested)).ToList();
                    var truth = children.Any(c => c.Truth == Truth.False) ? Truth.False
                        : children.Any(c => c.Truth == Truth.Unknown) ? Truth.Unknown : Truth.True;
                    return new(condition, truth, string.Empty, children);
                }

            case AnyCondition any:
                {
                    var children = any.Items.Select(c => Evaluate(c, facts, suggested)).ToList();
                    var truth = children.Any(c => c.Truth == Truth.True) ? Truth.True
                        : children.Any(c => c.Truth == Truth.Unknown) ? Truth.Unknown : Truth.False;
                    return new(condition, truth, string.Empty, children);
                }

            case NotCondition not:
                {
                    var inner = Evaluate(not.Inner, facts, suggested);
                    return new(condition, Negate(inner.Truth), string.Empty, [inner]);
                }

            case FactCondition fact:
                {
                    var value = fact.Fact.Read(facts);
                    return new(condition, Test(fact, value), $"{fact.Fact.Name} = {ConditionText.Value(value)}", []);
                }

            case LesionCondition lesion:
                return EvaluateLesions(lesion, facts.Lesions);

            case SuggestedCondition s:
                {
                    var truth = suggested(s.Option);
                    return new(condition, truth, $"option {s.Option} " + truth switch
                    {
                        Truth.True => "suggested",
                        Truth.False => "not suggested",
                        _ => "undecided (could apply)",
                    }, []);
                }

            default:
                throw new InvalidOperationException("Unknown condition node " + condition.GetType().Name);
        }
    }

    public static Truth Negate(Truth t) => t switch { Truth.True => Truth.False, Truth.False => Truth.True, _ => Truth.Unknown };

    public static Truth Test(FactCondition c, object? value)
    {
        if (c.Operator == FactOperator.Exists)
        {
            return (value is not null) == c.Exists ? Truth.True : Truth.False;
        }

        if (value is null)
        {
            return Truth.Unknown;
        }

        var holds = c.Operator switch
        {
            FactOperator.Equals or FactOperator.In => c.Values.Any(v => v.Equals(value)),
            FactOperator.NotIn => !c.Values.Any(v => v.Equals(value)),
            _ => InRange(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture), c.Min, c.Max),
        };
        return holds ? Truth.True : Truth.False;
    }

    private static bool InRange(decimal v, decimal? min, decimal? max) => (min is null || v >= min) && (max is null || v <= max);

    /// <summary>AND over the where-fields of one lesion.</summary>
    public static Truth Where(IReadOnlyList<FactCondition> where, LesionFact lesion)
    {
        var result = Truth.True;
        foreach (var w in where)
        {
            var t = Test(w, w.Fact.Read(lesion));
            if (t == Truth.False)
            {
                return Truth.False;
            }

            if (t == Truth.Unknown)
            {
                result = Truth.Unknown;
            }
        }

        return result;
    }

    private static ConditionTrace EvaluateLesions(LesionCondition c, LesionFact[]? lesions)
    {
        if (lesions is null)
        {
            return new(c, Truth.Unknown, "lesions not recorded", []);
        }

        int t = 0, f = 0;
        foreach (var l in lesions)
        {
            switch (Where(c.Where, l))
            {
                case Truth.True: t++; break;
                case Truth.False: f++; break;
            }
        }

        var u = lesions.Length - t - f;
        var truth = c.Quantifier switch
        {
            LesionQuantifier.Any => t > 0 ? Truth.True : u > 0 ? Truth.Unknown : Truth.False,
            LesionQuantifier.All => f > 0 ? Truth.False : u > 0 ? Truth.Unknown : Truth.True,
            _ => CountTruth(t, u, c.Min, c.Max),
        };
        var seen = $"{t} of {lesions.Length} lesion(s) match" + (u > 0 ? $", {u} undecided (a field not recorded)" : string.Empty);
        return new(c, truth, seen, []);
    }

    public static Truth CountTruth(int t, int u, int? min, int? max)
    {
        // The true count lies in [t, t + u].
        var lo = t;
        var hi = t + u;
        if ((min is null || lo >= min) && (max is null || hi <= max))
        {
            return Truth.True;
        }

        if ((min is not null && hi < min) || (max is not null && lo > max))
        {
            return Truth.False;
        }

        return Truth.Unknown;
    }
}
