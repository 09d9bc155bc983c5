using System.Linq.Expressions;
using System.Reflection;
using FastExpressionCompiler;
using OligoDecide.Facts;

namespace OligoDecide.Rules;

/// <summary>A rule's condition tree compiled to one delegate: its three-valued truth for a patient's facts.</summary>
/// <param name="facts">The patient's facts.</param>
/// <param name="options">The state of each option so far, by option index (True suggested, Unknown undecided, False not suggested).</param>
internal delegate Truth CompiledCondition(PatientFacts facts, Truth[] options);

/// <summary>
/// Compiles a condition tree once, at load, into a <see cref="CompiledCondition"/>: each node becomes an
/// expression of type <see cref="Truth"/> (Kleene logic with short-circuit: an <c>all</c> stops at its first
/// false item, an <c>any</c> at its first true one), so deciding a rule reads each fact at most once and
/// allocates nothing. It is compiled with FastExpressionCompiler and then checked against the interpreter
/// (<see cref="ThreeValued"/>) on probe facts built from the rule's own constants (<see cref="ProbeFacts"/>);
/// when FastExpressionCompiler fails or disagrees on any probe, the BCL compiler is used instead (it once
/// emitted wrong IL for blocks with variables, which these trees use), and that result is checked too.
/// </summary>
internal static class TruthCompiler
{
    private static readonly MethodInfo TestPossibleMethod = typeof(ThreeValued).GetMethod(nameof(ThreeValued.TestPossible))!;
    private static readonly MethodInfo ContainsAnyMethod = typeof(ThreeValued).GetMethod(nameof(ThreeValued.ContainsAny))!;
    private static readonly MethodInfo QuantifyMethod = typeof(TruthCompiler).GetMethod(nameof(Quantify), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo AnyOptionMethod = typeof(TruthCompiler).GetMethod(nameof(AnyOption), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly Expression TrueValue = Expression.Constant(Truth.True);
    private static readonly Expression FalseValue = Expression.Constant(Truth.False);
    private static readonly Expression UnknownValue = Expression.Constant(Truth.Unknown);

    /// <summary>Which compiler produced a rule's delegate (reported by tests and docs).</summary>
    internal enum Backend
    {
        Fast,
        Bcl,

        /// <summary>Not compiled: the interpreter decides (<see cref="Interpreted"/>), for a one-shot command.</summary>
        Interpreter,
    }

    /// <summary>Compiles <paramref name="when"/>, checks it against the interpreter, and says which compiler was kept.</summary>
    /// <param name="when">The condition tree.</param>
    /// <param name="optionIndex">The index of each option code in the options array.</param>
    /// <param name="options">Every option code of the rule set, by index (for the probes).</param>
    /// <param name="fastCompiler">The fast compiler (tests pass a faulty one); FastExpressionCompiler when null.</param>
    /// <exception cref="InvalidOperationException">Neither compiler agrees with the interpreter (a bug in this class).</exception>
    public static (CompiledCondition Delegate, Backend Backend) Compile(
        Condition when,
        IReadOnlyDictionary<string, int> optionIndex,
        IReadOnlyList<string> options,
        Func<Expression<CompiledCondition>, CompiledCondition?>? fastCompiler = null)
    {
        var expression = Lambda(when, optionIndex);
        var probes = ProbeFacts.For(when, options.Count);
        var fast = fastCompiler is null ? expression.CompileFast(ifFastFailedReturnNull: true) : fastCompiler(expression);
        if (fast is not null && Agrees(fast, when, probes, options))
        {
            return (fast, Backend.Fast);
        }

        var bcl = expression.Compile();
        return Agrees(bcl, when, probes, options)
            ? (bcl, Backend.Bcl)
            : throw new InvalidOperationException($"The compiled condition at line {when.Line}, column {when.Column} disagrees with the interpreter.");
    }

    /// <summary>
    /// The condition decided by the interpreter (<see cref="ThreeValued"/>, the reference semantics) instead of a compiled
    /// delegate: no expression tree, no compiler, no probes at load, so a rule set is ready much sooner, but each call
    /// walks the tree (and allocates a closure). For a process that evaluates one or a few patients (one CLI command);
    /// a batch should compile.
    /// </summary>
    internal static CompiledCondition Interpreted(Condition when, IReadOnlyDictionary<string, int> optionIndex) =>
        (facts, options) => ThreeValued.TruthOf(when, facts, o => options[optionIndex[o]]);

    /// <summary>The expression tree of a condition (internal for tests).</summary>
    internal static Expression<CompiledCondition> Lambda(Condition when, IReadOnlyDictionary<string, int> optionIndex)
    {
        var facts = Expression.Parameter(typeof(PatientFacts), "facts");
        var options = Expression.Parameter(typeof(Truth[]), "options");
        var body = when.Accept(new Builder(optionIndex, options), facts);
        return Expression.Lambda<CompiledCondition>(body, facts, options);
    }

    private static bool Agrees(CompiledCondition compiled, Condition when, IReadOnlyList<(PatientFacts Facts, Truth[] Options)> probes, IReadOnlyList<string> options)
    {
        var index = options.Select((o, i) => (o, i)).ToDictionary(x => x.o, x => x.i, StringComparer.Ordinal);
        foreach (var (facts, state) in probes)
        {
            Truth actual;
            try
            {
                actual = compiled(facts, state);
            }
            catch (Exception ex) when (ex is InvalidProgramException or NullReferenceException or InvalidCastException or IndexOutOfRangeException)
            {
                return false;
            }

            if (actual != ThreeValued.TruthOf(when, facts, o => state[index[o]]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Builds each kind's <see cref="Truth"/>-valued expression; the argument is the expression of the facts (or lesion) object.</summary>
    private sealed class Builder(IReadOnlyDictionary<string, int> optionIndex, ParameterExpression options) : ConditionVisitor<Expression, Expression>
    {
        // Kleene AND and OR do not depend on the order of their items, so the compiled form tests the cheap
        // items first (a fact before a lesion quantifier) and stops sooner; traces keep the written order.
        public override Expression VisitAll(AllCondition condition, Expression arg) => Fold(CheapFirst(condition.Items), 0, arg, Truth.False);

        public override Expression VisitAny(AnyCondition condition, Expression arg) => Fold(CheapFirst(condition.Items), 0, arg, Truth.True);

        private static List<Condition> CheapFirst(IReadOnlyList<Condition> items) => [.. items.OrderBy(i => i.Accept(Cost.Instance, default))];

        public override Expression VisitNot(NotCondition condition, Expression arg)
        {
            var t = Expression.Variable(typeof(Truth), "t");
            return Expression.Block(
                typeof(Truth),
                [t],
                Expression.Assign(t, condition.Inner.Accept(this, arg)),
                Expression.Condition(Expression.Equal(t, TrueValue), FalseValue, Expression.Condition(Expression.Equal(t, FalseValue), TrueValue, UnknownValue)));
        }

        public override Expression VisitFact(FactCondition condition, Expression arg) => Fact(condition, arg);

        public override Expression VisitLesions(LesionCondition condition, Expression arg) =>
            Quantifier<LesionFact>(condition.Quantifier, condition.Where, condition.Min, condition.Max, Expression.Property(arg, nameof(PatientFacts.Lesions)));

        public override Expression VisitTherapies(TherapyCondition condition, Expression arg) =>
            Quantifier<TherapyFact>(condition.Quantifier, condition.Where, condition.Min, condition.Max, Expression.Property(arg, nameof(PatientFacts.Therapies)));

        private Expression Quantifier<TItem>(LesionQuantifier quantifier, IReadOnlyList<FactCondition> whereFields, int? min, int? max, Expression items)
        {
            // The per-item test is its own compiled delegate, made once here and passed as a constant.
            var item = Expression.Parameter(typeof(TItem), "item");
            var where = whereFields.Count == 0 ? TrueValue : Fold(whereFields, 0, item, Truth.False);
            var whereLambda = Expression.Lambda<Func<TItem, Truth>>(where, item);
            var compiled = whereLambda.CompileFast(ifFastFailedReturnNull: true) ?? whereLambda.Compile();
            return Expression.Call(
                QuantifyMethod.MakeGenericMethod(typeof(TItem)),
                items,
                Expression.Constant(compiled),
                Expression.Constant(new QuantifierBounds(quantifier, min, max)));
        }

        public override Expression VisitSuggested(SuggestedCondition condition, Expression arg) => condition.Options.Count == 1
            ? Expression.ArrayIndex(options, Expression.Constant(optionIndex[condition.Options[0]]))
            : Expression.Call(AnyOptionMethod, options, Expression.Constant(condition.Options.Select(o => optionIndex[o]).ToArray()));

        /// <summary>
        /// Kleene AND (<paramref name="dominant"/> False) or OR (True) of items[i..]: the first item that is
        /// <paramref name="dominant"/> decides; otherwise Unknown if any item is Unknown, else the neutral value.
        /// </summary>
        private Expression Fold<T>(IReadOnlyList<T> items, int i, Expression arg, Truth dominant)
            where T : Condition
        {
            var head = items[i].Accept(this, arg);
            if (i == items.Count - 1)
            {
                return head;
            }

            var d = Expression.Constant(dominant);
            var t = Expression.Variable(typeof(Truth), "t" + i);
            var rest = Expression.Variable(typeof(Truth), "r" + i);
            return Expression.Block(
                typeof(Truth),
                [t, rest],
                Expression.Assign(t, head),
                Expression.Condition(
                    Expression.Equal(t, d),
                    d,
                    Expression.Block(
                        typeof(Truth),
                        Expression.Assign(rest, Fold(items, i + 1, arg, dominant)),
                        Expression.Condition(
                            Expression.Equal(rest, d),
                            d,
                            Expression.Condition(Expression.Equal(t, UnknownValue), UnknownValue, rest)))));
        }

        /// <summary>A fact test: Unknown when the value is null (except <c>exists</c>), else whether it holds.</summary>
        private static Expression Fact(FactCondition c, Expression owner)
        {
            var prop = Expression.Property(owner, c.Fact.Property);
            var known = Expression.NotEqual(prop, Expression.Constant(null, prop.Type));
            if (c.Operator == FactOperator.Exists)
            {
                return Expression.Condition(c.Exists ? known : Expression.Not(known), TrueValue, FalseValue);
            }

            var value = Nullable.GetUnderlyingType(prop.Type) is not null ? Expression.Property(prop, "Value") : (Expression)prop;
            Expression holds = c.Operator switch
            {
                FactOperator.Equals or FactOperator.In => AnyEqual(c.Values, value),
                FactOperator.NotIn => Expression.Not(AnyEqual(c.Values, value)),
                _ => InRange(c, value),
            };
            // A fact with possible values (the state of an indeterminate case) is decided over them when unknown.
            Expression unknown = c.Fact.PossibleProperty is { } possible
                ? Expression.Call(TestPossibleMethod, Expression.Constant(c), Expression.Property(owner, possible))
                : UnknownValue;
            return Expression.Condition(known, Expression.Condition(holds, TrueValue, FalseValue), unknown);
        }

        private static Expression AnyEqual(IReadOnlyList<object> values, Expression value)
        {
            if (value.Type == typeof(string[]))
            {
                // A set-valued field (a regimen's drug classes): any member among the values.
                return Expression.Call(ContainsAnyMethod, Expression.Constant(values), value);
            }

            Expression? result = null;
            foreach (var v in values)
            {
                var test = value.Type == typeof(string)
                    ? Expression.Call(typeof(string).GetMethod(nameof(string.Equals), [typeof(string), typeof(string)])!, value, Expression.Constant(v, typeof(string)))
                    : (Expression)Expression.Equal(value, Expression.Constant(Convert.ChangeType(v, value.Type, System.Globalization.CultureInfo.InvariantCulture), value.Type));
                result = result is null ? test : Expression.OrElse(result, test);
            }

            return result ?? Expression.Constant(false);
        }

        private static Expression InRange(FactCondition c, Expression value)
        {
            // An integer fact is compared as an integer: v >= 1.5 is v >= 2 and v <= 1.5 is v <= 1 (no decimal arithmetic).
            static bool Fits(decimal? b) => b is null || (b >= int.MinValue && b <= int.MaxValue);
            var asInt = value.Type == typeof(int) && Fits(c.Min) && Fits(c.Max);
            var number = asInt || value.Type == typeof(decimal) ? value : Expression.Convert(value, typeof(decimal));
            Expression Bound(decimal bound, bool lower) => asInt
                ? Expression.Constant((int)(lower ? decimal.Ceiling(bound) : decimal.Floor(bound)))
                : Expression.Constant(bound);
            Expression result = Expression.Constant(true);
            if (c.Min is { } min)
            {
                result = Expression.GreaterThanOrEqual(number, Bound(min, lower: true));
            }

            if (c.Max is { } max)
            {
                var upper = Expression.LessThanOrEqual(number, Bound(max, lower: false));
                result = c.Min is null ? upper : Expression.AndAlso(result, upper);
            }

            return result;
        }

    }

    /// <summary>A rough cost of deciding a node: fact tests and option lookups 1, a lesion quantifier 8 (it loops over the lesions).</summary>
    private sealed class Cost : ConditionVisitor<ValueTuple, int>
    {
        public static readonly Cost Instance = new();

        public override int VisitAll(AllCondition condition, ValueTuple arg) => condition.Items.Sum(i => i.Accept(this, arg));

        public override int VisitAny(AnyCondition condition, ValueTuple arg) => condition.Items.Sum(i => i.Accept(this, arg));

        public override int VisitNot(NotCondition condition, ValueTuple arg) => condition.Inner.Accept(this, arg);

        public override int VisitFact(FactCondition condition, ValueTuple arg) => 1;

        public override int VisitLesions(LesionCondition condition, ValueTuple arg) => 8;

        public override int VisitTherapies(TherapyCondition condition, ValueTuple arg) => 8;

        public override int VisitSuggested(SuggestedCondition condition, ValueTuple arg) => 1;
    }

    /// <summary>Kleene OR of the option states at <paramref name="indexes"/> (<c>suggested</c> with several options or a tag).</summary>
    private static Truth AnyOption(Truth[] options, int[] indexes)
    {
        var result = Truth.False;
        foreach (var i in indexes)
        {
            if (options[i] == Truth.True)
            {
                return Truth.True;
            }

            if (options[i] == Truth.Unknown)
            {
                result = Truth.Unknown;
            }
        }

        return result;
    }

    /// <summary>A quantifier's kind and count bounds, passed to <see cref="Quantify{T}"/> as one constant.</summary>
    private sealed record QuantifierBounds(LesionQuantifier Quantifier, int? Min, int? Max);

    /// <summary>Three-valued quantifier over the per-item truths (lesions or therapies); the quantifier's rule is the interpreter's.</summary>
    private static Truth Quantify<T>(T[]? lesions, Func<T, Truth> where, QuantifierBounds condition)
    {
        if (lesions is null)
        {
            return Truth.Unknown;
        }

        // anyLesion is true at the first lesion that matches, allLesions false at the first that does not:
        // the rest cannot change the outcome. countLesions needs every lesion.
        var quantifier = condition.Quantifier;
        int t = 0, f = 0;
        foreach (var l in lesions)
        {
            switch (where(l))
            {
                case Truth.True:
                    if (quantifier == LesionQuantifier.Any)
                    {
                        return Truth.True;
                    }

                    t++;
                    break;
                case Truth.False:
                    if (quantifier == LesionQuantifier.All)
                    {
                        return Truth.False;
                    }

                    f++;
                    break;
            }
        }

        return ThreeValued.Quantified(quantifier, condition.Min, condition.Max, t, lesions.Length - t - f, lesions.Length);
    }

}
