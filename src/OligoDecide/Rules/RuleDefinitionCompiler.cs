using System.Linq.Expressions;
using System.Reflection;
using NRules.RuleModel;
using NRules.RuleModel.Builders;
using OligoDecide.Facts;

namespace OligoDecide.Rules;

/// <summary>A suggestion a rule made during one NRules session; other rules can match it (chaining).</summary>
internal sealed record SuggestionFact(string RuleId, string Option);

/// <summary>
/// Compiles the rule model to NRules rule definitions with <see cref="RuleBuilder"/>. This is not how
/// the engine decides (the compiled evaluator, <see cref="TruthCompiler"/>, does): it is a second,
/// independent implementation of the same semantics, kept as a check. The property tests and the engine's
/// opt-in verification mode compare its fired set with the evaluator's, so it deliberately shares no
/// expression-building code with <see cref="TruthCompiler"/>.
/// <para>
/// It compiles: one pattern
/// over <see cref="PatientFacts"/> whose conditions are the rule's fact tests as expression trees
/// (lesion quantifiers included: they test the patient's lesion array, so a session holds one fact
/// per patient instead of one per lesion: Evaluate measured 73 µs against 86-101 µs with an NRules
/// <c>exists</c> over inserted lesion facts, docs/performance.md); a <c>suggested</c> condition becomes a pattern over
/// <see cref="SuggestionFact"/>. Conditions are the "is true" half of the three-valued semantics,
/// so a rule never fires on an unknown fact.
/// </para>
/// </summary>
internal static class RuleDefinitionCompiler
{
    public const string FactsName = "facts";

    private static readonly MethodInfo QuantifyMethod = typeof(RuleDefinitionCompiler).GetMethod(nameof(Quantify), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo SuggestMethod = typeof(RuleDefinitionCompiler).GetMethod(nameof(Suggest), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static IRuleDefinition Compile(Rule rule)
    {
        try
        {
            var builder = new RuleBuilder();
            builder.Name(rule.Id);
            builder.Priority(rule.Priority);
            builder.Tag(rule.Kind.ToString());
            var lhs = builder.LeftHandSide();

            var factsParam = Expression.Parameter(typeof(PatientFacts), FactsName);
            var factsPattern = lhs.Pattern(typeof(PatientFacts), FactsName);
            var patterns = new Patterns(lhs, factsPattern, factsParam);
            foreach (var condition in ConditionTree.Conjuncts(rule.When))
            {
                condition.Accept(TopLevelPattern.Instance, patterns);
            }

            var ctx = Expression.Parameter(typeof(IContext), "ctx");
            var action = Expression.Call(SuggestMethod, ctx, Expression.Constant(rule.Id), Expression.Constant(rule.Option));
            builder.RightHandSide().Action(Expression.Lambda(action, ctx, factsParam));
            return builder.Build();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            throw new InvalidOperationException($"Rule '{rule.Id}' ({rule.SourceFile}:{rule.SourceLine}) could not be compiled to NRules.", ex);
        }
    }

    private static void Suggest(IContext ctx, string ruleId, string option) => ctx.Insert(new SuggestionFact(ruleId, option));

    internal static Expression IsTrue(Condition c, Expression facts) => c.Accept(TrueForm.Instance, facts);

    internal static Expression IsFalse(Condition c, Expression facts) => c.Accept(FalseForm.Instance, facts);

    /// <summary>The rule's left-hand side as it is built: the facts pattern, and a counter for suggestion patterns.</summary>
    private sealed class Patterns(GroupBuilder lhs, PatternBuilder facts, ParameterExpression factsParam)
    {
        public GroupBuilder Lhs { get; } = lhs;

        public PatternBuilder Facts { get; } = facts;

        public ParameterExpression FactsParam { get; } = factsParam;

        public int Suggestions { get; set; }
    }

    /// <summary>
    /// Where a top-level conjunct goes: a <c>suggested</c> becomes a pattern over <see cref="SuggestionFact"/>
    /// (the reader accepts it only there, possibly inside nested <c>all</c>s, which <see cref="ConditionTree.Conjuncts"/>
    /// flattens); every other kind is a condition of the facts pattern.
    /// </summary>
    private sealed class TopLevelPattern : ConditionVisitor<Patterns, bool>
    {
        public static readonly TopLevelPattern Instance = new();

        public override bool VisitAll(AllCondition condition, Patterns arg) => OnFacts(condition, arg);

        public override bool VisitAny(AnyCondition condition, Patterns arg) => OnFacts(condition, arg);

        public override bool VisitNot(NotCondition condition, Patterns arg) => OnFacts(condition, arg);

        public override bool VisitFact(FactCondition condition, Patterns arg) => OnFacts(condition, arg);

        public override bool VisitLesions(LesionCondition condition, Patterns arg) => OnFacts(condition, arg);

        public override bool VisitTherapies(TherapyCondition condition, Patterns arg) => OnFacts(condition, arg);

        public override bool VisitSuggested(SuggestedCondition condition, Patterns arg)
        {
            // Several options (a list or a tag): one activation whichever of them (and however many) were suggested.
            var name = "suggestion" + arg.Suggestions++;
            var p = Expression.Parameter(typeof(SuggestionFact), name);
            var option = Expression.Property(p, nameof(SuggestionFact.Option));
            var test = condition.Options.Select(o => (Expression)Expression.Equal(option, Expression.Constant(o))).Aggregate(Expression.OrElse);
            var pattern = condition.Options.Count == 1 ? arg.Lhs.Pattern(typeof(SuggestionFact), name) : arg.Lhs.Exists().Pattern(typeof(SuggestionFact), name);
            pattern.Condition(Expression.Lambda(test, p));
            return true;
        }

        private static bool OnFacts(Condition condition, Patterns arg)
        {
            arg.Facts.Condition(Expression.Lambda(IsTrue(condition, arg.FactsParam), arg.FactsParam));
            return true;
        }
    }

    /// <summary>The "is true" half of each kind, as a boolean expression over the facts.</summary>
    private sealed class TrueForm : ConditionVisitor<Expression, Expression>
    {
        public static readonly TrueForm Instance = new();

        public override Expression VisitAll(AllCondition condition, Expression arg) => condition.Items.Select(i => IsTrue(i, arg)).Aggregate(Expression.AndAlso);

        public override Expression VisitAny(AnyCondition condition, Expression arg) => condition.Items.Select(i => IsTrue(i, arg)).Aggregate(Expression.OrElse);

        public override Expression VisitNot(NotCondition condition, Expression arg) => IsFalse(condition.Inner, arg);

        public override Expression VisitFact(FactCondition condition, Expression arg) => FactTrue(condition, arg);

        public override Expression VisitLesions(LesionCondition condition, Expression arg) => QuantifierIs(condition, arg, Truth.True);

        public override Expression VisitTherapies(TherapyCondition condition, Expression arg) => QuantifierIs(condition, arg, Truth.True);

        public override Expression VisitSuggested(SuggestedCondition condition, Expression arg) => NotNested(condition);
    }

    /// <summary>The "is false" half of each kind.</summary>
    private sealed class FalseForm : ConditionVisitor<Expression, Expression>
    {
        public static readonly FalseForm Instance = new();

        public override Expression VisitAll(AllCondition condition, Expression arg) => condition.Items.Select(i => IsFalse(i, arg)).Aggregate(Expression.OrElse);

        public override Expression VisitAny(AnyCondition condition, Expression arg) => condition.Items.Select(i => IsFalse(i, arg)).Aggregate(Expression.AndAlso);

        public override Expression VisitNot(NotCondition condition, Expression arg) => IsTrue(condition.Inner, arg);

        public override Expression VisitFact(FactCondition condition, Expression arg) => FactFalse(condition, arg);

        public override Expression VisitLesions(LesionCondition condition, Expression arg) => QuantifierIs(condition, arg, Truth.False);

        public override Expression VisitTherapies(TherapyCondition condition, Expression arg) => QuantifierIs(condition, arg, Truth.False);

        public override Expression VisitSuggested(SuggestedCondition condition, Expression arg) => NotNested(condition);
    }

    private static Expression NotNested(Condition c) => throw new InvalidOperationException($"'{ConditionText.Describe(c)}' cannot be nested here");

    private static Expression Property(FactCondition f, Expression owner) => Expression.Property(owner, f.Fact.Property);

    private static Expression NotNull(Expression prop) => Expression.NotEqual(prop, Expression.Constant(null, prop.Type));

    private static Expression Holds(FactCondition f, Expression prop) => f.Operator switch
    {
        // A set-valued field (a regimen's drug classes) holds when any member is among the values.
        FactOperator.Equals or FactOperator.In or FactOperator.NotIn when prop.Type == typeof(string[]) =>
            Expression.AndAlso(NotNull(prop), Expression.Call(typeof(ThreeValued).GetMethod(nameof(ThreeValued.ContainsAny))!, Expression.Constant(f.Values), prop)),
        FactOperator.Equals or FactOperator.In or FactOperator.NotIn =>
            f.Values.Select(v => (Expression)Expression.Equal(prop, Expression.Constant(v, prop.Type))).Aggregate(Expression.OrElse),
        FactOperator.Range => Range(f, prop),
        _ => throw new InvalidOperationException("exists has no holds form"),
    };

    private static Expression Range(FactCondition f, Expression prop)
    {
        var value = prop.Type == typeof(decimal?) ? prop : Expression.Convert(prop, typeof(decimal?));
        var parts = new List<Expression>();
        if (f.Min is { } min)
        {
            parts.Add(Expression.GreaterThanOrEqual(value, Expression.Constant(min, typeof(decimal?))));
        }

        if (f.Max is { } max)
        {
            parts.Add(Expression.LessThanOrEqual(value, Expression.Constant(max, typeof(decimal?))));
        }

        return parts.Aggregate(Expression.AndAlso);
    }

    private static Expression FactTrue(FactCondition f, Expression owner)
    {
        var prop = Property(f, owner);
        return OrOverPossible(f, owner, prop, Truth.True, f.Operator switch
        {
            FactOperator.Exists => f.Exists ? NotNull(prop) : Expression.Not(NotNull(prop)),
            FactOperator.NotIn => Expression.AndAlso(NotNull(prop), Expression.Not(Holds(f, prop))),
            _ => Holds(f, prop),
        });
    }

    private static Expression FactFalse(FactCondition f, Expression owner)
    {
        var prop = Property(f, owner);
        return OrOverPossible(f, owner, prop, Truth.False, f.Operator switch
        {
            FactOperator.Exists => f.Exists ? Expression.Not(NotNull(prop)) : NotNull(prop),
            FactOperator.NotIn => Expression.AndAlso(NotNull(prop), Holds(f, prop)),
            _ => Expression.AndAlso(NotNull(prop), Expression.Not(Holds(f, prop))),
        });
    }

    /// <summary>
    /// For a fact with possible values (the state of an indeterminate case): the known form, or, when the
    /// value is unknown, whether the test over every possible value gives <paramref name="wanted"/>.
    /// </summary>
    private static Expression OrOverPossible(FactCondition f, Expression owner, Expression prop, Truth wanted, Expression known) =>
        f.Fact.PossibleProperty is not { } possible || f.Operator == FactOperator.Exists
            ? known
            : Expression.OrElse(
                known,
                Expression.AndAlso(
                    Expression.Not(NotNull(prop)),
                    Expression.Equal(
                        Expression.Call(typeof(ThreeValued).GetMethod(nameof(ThreeValued.TestPossible))!, Expression.Constant(f), Expression.Property(owner, possible)),
                        Expression.Constant(wanted))));

    private static Expression WhereTrue(IReadOnlyList<FactCondition> where, ParameterExpression lesion) =>
        where.Count == 0 ? Expression.Constant(true) : where.Select(w => FactTrue(w, lesion)).Aggregate(Expression.AndAlso);

    private static Expression WhereFalse(IReadOnlyList<FactCondition> where, ParameterExpression lesion) =>
        where.Count == 0 ? Expression.Constant(false) : where.Select(w => FactFalse(w, lesion)).Aggregate(Expression.OrElse);

    private static Expression QuantifierIs(LesionCondition l, Expression facts, Truth wanted) =>
        QuantifierIs<LesionFact>(l.Quantifier, l.Where, l.Min, l.Max, Expression.Property(facts, nameof(PatientFacts.Lesions)), wanted);

    private static Expression QuantifierIs(TherapyCondition t, Expression facts, Truth wanted) =>
        QuantifierIs<TherapyFact>(t.Quantifier, t.Where, t.Min, t.Max, Expression.Property(facts, nameof(PatientFacts.Therapies)), wanted);

    private static Expression QuantifierIs<TItem>(LesionQuantifier quantifier, IReadOnlyList<FactCondition> where, int? min, int? max, Expression items, Truth wanted)
    {
        // The per-item tests are compiled here, once, and passed as constants: a nested lambda
        // in the condition would allocate a closure and two delegates on every evaluation.
        var item = Expression.Parameter(typeof(TItem), "item");
        var call = Expression.Call(
            QuantifyMethod.MakeGenericMethod(typeof(TItem)),
            items,
            Expression.Constant(FastCompiler.Instance.Compile(Expression.Lambda<Func<TItem, bool>>(WhereTrue(where, item), item))),
            Expression.Constant(FastCompiler.Instance.Compile(Expression.Lambda<Func<TItem, bool>>(WhereFalse(where, item), item))),
            Expression.Constant((quantifier, min, max)));
        return Expression.Equal(call, Expression.Constant(wanted));
    }

    /// <summary>Three-valued quantifier over lesions or therapies, called from compiled conditions; the quantifier itself is the interpreter's.</summary>
    private static Truth Quantify<T>(T[]? lesions, Func<T, bool> isTrue, Func<T, bool> isFalse, (LesionQuantifier Quantifier, int? Min, int? Max) condition)
    {
        if (lesions is null)
        {
            return Truth.Unknown;
        }

        int t = 0, f = 0;
        foreach (var l in lesions)
        {
            if (isTrue(l))
            {
                t++;
            }
            else if (isFalse(l))
            {
                f++;
            }
        }

        return ThreeValued.Quantified(condition.Quantifier, condition.Min, condition.Max, t, lesions.Length - t - f, lesions.Length);
    }
}
