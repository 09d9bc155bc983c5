using NRules;
using NRules.RuleModel;
using RuleSet = OligoDecide.Rules.RuleSet;
using OligoDecide.Classification;
using OligoDecide.Model;
using OligoDecide.Rules;

namespace OligoDecide.Engine;

/// <summary>
/// The engine: a rule set compiled once (each rule's condition into a delegate returning true, false or
/// unknown). Each evaluation classifies the patient, derives its facts and decides every rule in one pass
/// (docs/architecture.md); the decision carries that evaluation, so it can explain any rule without
/// deciding again. Consumers' own NRules rules, if given, then run in an NRules session over the outcome.
/// Immutable and thread-safe.
/// </summary>
public sealed class OligoDecideEngine : IOligoDecideEngine
{
    private readonly Evaluator evaluator;
    private readonly ConsumerRules? consumerRules;
    private readonly ISessionFactory? verifier;

    /// <summary>Compiles a rule set.</summary>
    /// <param name="ruleSet">A loaded rule set.</param>
    /// <param name="options">Classification limits; defaults when null.</param>
    /// <param name="additionalRules">
    /// The consumer's own NRules rules (NRules.Fluent or <c>RuleBuilder</c>). They run in an NRules session per
    /// patient that receives the <see cref="Patient"/>, the <see cref="ClassificationResult"/>, the
    /// <see cref="FactValues"/> and every <see cref="Suggestion"/> of the rule set as facts; each
    /// <see cref="CustomSuggestion"/> they insert joins the decision.
    /// </param>
    /// <param name="verifyWithNRules">
    /// Verification mode: also compile the rule set into NRules and run that session for every patient; when the
    /// two disagree on any rule, <see cref="Evaluate"/> throws <see cref="EngineVerificationException"/>. Slower
    /// (about four times); off by default.
    /// </param>
    /// <exception cref="InvalidOperationException">A rule could not be compiled.</exception>
    public OligoDecideEngine(RuleSet ruleSet, ClassificationOptions? options = null, IEnumerable<IRuleDefinition>? additionalRules = null, bool verifyWithNRules = false)
        : this(ruleSet, options, ConsumerRules.Create(additionalRules), verifyWithNRules)
    {
    }

    /// <summary>The engine with consumer rules compiled elsewhere (hot reload keeps them across rule sets).</summary>
    /// <param name="ruleSet">The rule set.</param>
    /// <param name="options">Classification limits.</param>
    /// <param name="consumerRules">The consumer's compiled NRules rules, or null.</param>
    /// <param name="verifyWithNRules">Verification mode.</param>
    /// <param name="compileForVerification">How a rule is compiled to NRules for verification (tests break it on purpose); <see cref="RuleDefinitionCompiler.Compile"/> when null.</param>
    /// <param name="interpret">
    /// Decide the rules with the interpreter instead of compiling them at load (the same decisions; the CLI's one-shot
    /// commands set it, since compiling costs far more than evaluating one patient). Off for anything that evaluates many.
    /// </param>
    internal OligoDecideEngine(RuleSet ruleSet, ClassificationOptions? options, ConsumerRules? consumerRules, bool verifyWithNRules, Func<Rule, IRuleDefinition>? compileForVerification = null, bool interpret = false)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        RuleSet = ruleSet;
        evaluator = new Evaluator(ruleSet, options ?? ClassificationOptions.Default, interpret);
        this.consumerRules = consumerRules;
        if (verifyWithNRules)
        {
            verifier = new RuleCompiler { ExpressionCompiler = FastCompiler.Instance }.Compile(ruleSet.Rules.Select(compileForVerification ?? RuleDefinitionCompiler.Compile));
        }
    }

    /// <summary>An engine over the embedded default rule set with default options.</summary>
    public static OligoDecideEngine CreateDefault() => new(RuleSet.LoadDefault());

    /// <inheritdoc />
    public RuleSet RuleSet { get; }

    /// <summary>The compiled rule set (benchmarks time its options-only path).</summary>
    internal Evaluator Evaluator => evaluator;

    /// <summary>True when every evaluation is checked against the NRules compilation of the rule set.</summary>
    public bool VerifiesWithNRules => verifier is not null;

    /// <inheritdoc />
    public ClassificationResult Classify(Patient patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        InvalidPatientException.ThrowIfInvalid(patient);
        return evaluator.Classifier.Classify(patient);
    }

    /// <inheritdoc />
    /// <exception cref="EngineVerificationException">Verification mode only: the NRules compilation disagrees.</exception>
    public Decision Evaluate(Patient patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        InvalidPatientException.ThrowIfInvalid(patient);
        using var telemetry = Diagnostics.OligoDecideTelemetry.Evaluation(RuleSet.Info);
        var evaluation = evaluator.Evaluate(patient);
        if (verifier is not null)
        {
            Verify(evaluation);
        }

        var (suggestions, could) = evaluation.Outcome();
        if (consumerRules?.Run(evaluation, suggestions) is { Count: > 0 } custom)
        {
            suggestions.AddRange(custom.Select(c => new Suggestion(c.RuleId, c.Kind, c.Option, c.Title, c.Text, [], [], [], null)));
            suggestions = [.. suggestions
                .OrderByDescending(s => evaluation.Rule(s.Rule)?.Priority ?? 0)
                .ThenBy(s => s.Rule, StringComparer.Ordinal)];
        }

        var decision = new Decision(RuleSet.Info, evaluation.Classification, suggestions, could, evaluator.Classifier.Options)
        {
            Evaluation = evaluation,
            LesionPlans = evaluator.Planner.Plan(evaluation.Facts, suggestions),
        };
        return telemetry?.Completed(decision) ?? decision;
    }

    /// <inheritdoc />
    public IReadOnlyList<ExplainedCondition> Explain(string ruleId, Patient patient)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        ArgumentNullException.ThrowIfNull(patient);
        if (evaluator.RankOf(ruleId) < 0)
        {
            throw new ArgumentException($"The rule set has no rule '{ruleId}'.", nameof(ruleId));
        }

        InvalidPatientException.ThrowIfInvalid(patient);
        return evaluator.Evaluate(patient).Explain(ruleId);
    }

    /// <summary>Runs the NRules compilation of the rule set on the same facts and compares the fired sets.</summary>
    private void Verify(Evaluation evaluation)
    {
        var session = verifier!.CreateSession();
        session.Insert(evaluation.Facts);
        session.Fire();
        var fired = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in session.Query<SuggestionFact>().AsEnumerable())
        {
            fired.Add(s.RuleId);
        }

        foreach (var rule in evaluator.Rules)
        {
            var truth = evaluation.TruthOf(rule.Rank);
            if ((truth == Truth.True) != fired.Contains(rule.Rule.Id))
            {
                throw new EngineVerificationException(
                    $"Verification failed: rule '{rule.Rule.Id}' of rule set {RuleSet.Info.Id} {RuleSet.Info.Version}: the evaluator decided {truth.ToString().ToLowerInvariant()}, " +
                    $"the NRules compilation {(fired.Contains(rule.Rule.Id) ? "fired" : "did not fire")}. No decision was returned for this patient; please report it with the rule set.");
            }
        }
    }
}
