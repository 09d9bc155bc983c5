using NRules;
using NRules.RuleModel;
using RuleSet = OligoDecide.Rules.RuleSet;
using OligoDecide.Classification;
using OligoDecide.Facts;
using OligoDecide.Model;
using OligoDecide.Rules;

namespace OligoDecide.Engine;

/// <summary>
/// The engine: a rule set compiled once into an NRules session factory. Each evaluation classifies
/// the patient, derives its facts, runs a fresh NRules session, then explains every rule in
/// three-valued logic (why it fired, or what is missing). Immutable and thread-safe.
/// </summary>
public sealed class OligoDecideEngine : IOligoDecideEngine
{
    private readonly ISessionFactory sessionFactory;
    private readonly OligometastaticClassifier classifier;
    private readonly IReadOnlyList<Rule> evaluationOrder;
    private readonly Dictionary<string, Rule> rulesById;
    private readonly Dictionary<string, int> rank;
    private readonly bool hasConsumerRules;

    /// <summary>Compiles a rule set. Consumers that use NRules may add their own rule definitions (see <see cref="CustomSuggestion"/>).</summary>
    /// <param name="ruleSet">A loaded rule set.</param>
    /// <param name="options">Classification limits; defaults when null.</param>
    /// <param name="additionalRules">Extra NRules rules (e.g. written with NRules.Fluent) compiled into the same session factory.</param>
    public OligoDecideEngine(RuleSet ruleSet, ClassificationOptions? options = null, IEnumerable<IRuleDefinition>? additionalRules = null)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        RuleSet = ruleSet;
        classifier = new OligometastaticClassifier(options ?? ClassificationOptions.Default);
        rulesById = ruleSet.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        evaluationOrder = ChainOrder(ruleSet.Rules);
        // RuleSet.Rules is already in output order (priority, highest first, then id).
        rank = ruleSet.Rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var extra = additionalRules?.ToList() ?? [];
        hasConsumerRules = extra.Count > 0;
        var definitions = ruleSet.Rules.Select(RuleDefinitionCompiler.Compile).Concat(extra).ToList();
        var repository = new DefinitionRepository(definitions);
        sessionFactory = new NRules.RuleCompiler { ExpressionCompiler = FastCompiler.Instance }.Compile(repository.GetRules());
    }

    /// <summary>An engine over the embedded default rule set with default options.</summary>
    public static OligoDecideEngine CreateDefault() => new(RuleSet.LoadDefault());

    /// <inheritdoc />
    public RuleSet RuleSet { get; }

    /// <inheritdoc />
    public ClassificationResult Classify(Patient patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        InvalidPatientException.ThrowIfInvalid(patient);
        return classifier.Classify(patient);
    }

    /// <inheritdoc />
    public Decision Evaluate(Patient patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        InvalidPatientException.ThrowIfInvalid(patient);
        using var telemetry = Diagnostics.OligoDecideTelemetry.Evaluation(RuleSet.Info);
        var classification = classifier.Classify(patient);
        var facts = PatientFactsBuilder.Build(patient, classification);

        var session = sessionFactory.CreateSession();
        session.Insert(facts);

        if (hasConsumerRules)
        {
            // Only consumers' own rules match these; the compiled YAML rules match PatientFacts and SuggestionFact.
            session.Insert(patient);
            session.Insert(classification);
        }
        session.Fire();
        // Query returns an IQueryable: a LINQ operator on it builds an expression tree that
        // EnumerableQuery compiles on every enumeration (about 40% of Evaluate). Enumerate it as-is.
        var fired = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in session.Query<SuggestionFact>().AsEnumerable())
        {
            fired.Add(s.RuleId);
        }

        var custom = hasConsumerRules ? session.Query<CustomSuggestion>().AsEnumerable().ToList() : [];

        var firedOptions = new HashSet<string>(StringComparer.Ordinal);
        var undecidedOptions = new HashSet<string>(StringComparer.Ordinal);
        Truth Suggested(string option) => firedOptions.Contains(option) ? Truth.True : undecidedOptions.Contains(option) ? Truth.Unknown : Truth.False;

        var suggestions = new List<(Rule Rule, ConditionTrace Trace)>();
        var could = new List<CouldApply>();
        foreach (var rule in evaluationOrder)
        {
            var truth = ThreeValued.TruthOf(rule.When, facts, Suggested);
            if ((truth == Truth.True) != fired.Contains(rule.Id))
            {
                // The compiled NRules rule and the reference semantics disagree: never return a silent wrong answer.
                throw new InvalidOperationException($"Rule '{rule.Id}': the compiled rule and its three-valued reference evaluation disagree.");
            }

            switch (truth)
            {
                case Truth.True:
                    suggestions.Add((rule, ThreeValued.Evaluate(rule.When, facts, Suggested)));
                    firedOptions.Add(rule.Option);
                    break;
                case Truth.Unknown:
                    could.Add(new CouldApply(rule.Id, rule.Kind, rule.Option, rule.Title, Explanations.Missing(ThreeValued.Evaluate(rule.When, facts, Suggested), facts.Lesions)));
                    undecidedOptions.Add(rule.Option);
                    break;
            }
        }

        // Output order: priority (highest first), then rule id; each rule's place is computed once at load.
        suggestions.Sort((a, b) => rank[a.Rule.Id].CompareTo(rank[b.Rule.Id]));
        could.Sort((a, b) => rank[a.Rule].CompareTo(rank[b.Rule]));

        Dictionary<string, string>? supersededBy = null;
        foreach (var (rule, _) in suggestions)
        {
            foreach (var target in rule.Supersedes)
            {
                if (fired.Contains(target))
                {
                    supersededBy ??= new(StringComparer.Ordinal);
                    supersededBy.TryAdd(target, rule.Id);
                }
            }
        }

        var result = new List<Suggestion>(suggestions.Count + custom.Count);
        foreach (var (rule, trace) in suggestions)
        {
            result.Add(new Suggestion(rule.Id, rule.Kind, rule.Option, rule.Title, rule.Text, rule.Doses, rule.Evidence,
                Explanations.Because(trace), supersededBy?.GetValueOrDefault(rule.Id)));
        }

        if (custom.Count > 0)
        {
            result.AddRange(custom.Select(c => new Suggestion(c.RuleId, c.Kind, c.Option, c.Title, c.Text, [], [], [], null)));
            result = [.. result
                .OrderByDescending(s => rulesById.TryGetValue(s.Rule, out var r) ? r.Priority : 0)
                .ThenBy(s => s.Rule, StringComparer.Ordinal)];
        }

        return telemetry.Completed(new Decision(RuleSet.Info, classification, result, could, classifier.Options));
    }

    /// <inheritdoc />
    public IReadOnlyList<ExplainedCondition> Explain(string ruleId, Patient patient)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        ArgumentNullException.ThrowIfNull(patient);
        if (!rulesById.TryGetValue(ruleId, out var rule))
        {
            throw new ArgumentException($"The rule set has no rule '{ruleId}'.", nameof(ruleId));
        }

        var decision = Evaluate(patient);
        var facts = PatientFactsBuilder.Build(patient, decision.Classification);
        var suggested = decision.Suggestions.Select(s => s.Option).ToHashSet(StringComparer.Ordinal);
        var undecided = decision.CouldApply.Select(c => c.Option).ToHashSet(StringComparer.Ordinal);
        var trace = ThreeValued.Evaluate(rule.When, facts, o => suggested.Contains(o) ? Truth.True : undecided.Contains(o) ? Truth.Unknown : Truth.False);
        var lines = new List<ExplainedCondition>();
        Explanations.Flatten(trace, 0, lines);
        return lines;
    }

    /// <summary>Orders rules so that a rule that chains on an option comes after the rules that suggest it.</summary>
    private static List<Rule> ChainOrder(IReadOnlyList<Rule> rules)
    {
        var byOption = rules.ToLookup(r => r.Option, StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<Rule>();
        void Visit(Rule r)
        {
            if (done.Contains(r.Id) || !visiting.Add(r.Id))
            {
                return;
            }

            foreach (var s in RuleSet.Walk(r.When).OfType<SuggestedCondition>())
            {
                foreach (var dep in byOption[s.Option])
                {
                    Visit(dep);
                }
            }

            visiting.Remove(r.Id);
            done.Add(r.Id);
            order.Add(r);
        }

        foreach (var r in rules)
        {
            Visit(r);
        }

        return order;
    }

    private sealed class DefinitionRepository(IReadOnlyList<IRuleDefinition> rules) : IRuleRepository
    {
        private readonly RuleSetDefinition set = new(rules);

        public IEnumerable<IRuleSet> GetRuleSets() => [set];

        private sealed class RuleSetDefinition(IReadOnlyList<IRuleDefinition> rules) : IRuleSet
        {
            public string Name => "oligodecide";

            public IEnumerable<IRuleDefinition> Rules => rules;

            public void Add(IRuleDefinition ruleDefinition) => throw new NotSupportedException("The compiled rule set is immutable.");

            public void Add(IEnumerable<IRuleDefinition> ruleDefinitions) => throw new NotSupportedException("The compiled rule set is immutable.");
        }
    }
}
