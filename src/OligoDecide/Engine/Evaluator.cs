using OligoDecide.Classification;
using OligoDecide.Facts;
using OligoDecide.Model;
using OligoDecide.Rules;

namespace OligoDecide.Engine;

/// <summary>One rule as the evaluator runs it.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Rank">Its place in output order (<see cref="RuleSet.Rules"/>: priority, then id).</param>
/// <param name="Option">The index of its option code in the option states.</param>
/// <param name="Truth">Its condition, compiled.</param>
/// <param name="Backend">Which compiler produced <paramref name="Truth"/> (both are checked against the interpreter at load).</param>
internal sealed record CompiledRule(Rule Rule, int Rank, int Option, CompiledCondition Truth, TruthCompiler.Backend Backend);

/// <summary>
/// The rule set compiled for deciding (docs/architecture.md). At load: every rule's condition compiled once
/// (<see cref="TruthCompiler"/>), option codes numbered, rules put in chain order (a rule that tests
/// <c>suggested: X</c> after the rules that suggest X). Per patient, one pass gives one <see cref="Evaluation"/>.
/// Immutable and thread-safe.
/// </summary>
internal sealed class Evaluator
{
    private readonly OligometastaticClassifier classifier;
    private readonly CompiledRule[] order;
    private readonly Dictionary<string, int> rankById;
    private readonly Dictionary<string, int> optionIndex;

    /// <param name="ruleSet">The rule set.</param>
    /// <param name="options">Classification limits.</param>
    /// <param name="interpret">Decide each rule with the interpreter instead of compiling it (<see cref="TruthCompiler.Interpreted"/>): for one-shot commands.</param>
    public Evaluator(RuleSet ruleSet, ClassificationOptions options, bool interpret = false)
    {
        RuleSet = ruleSet;
        classifier = new OligometastaticClassifier(options);
        var rules = ruleSet.Rules;
        Options = [.. rules.Select(r => r.Option).Distinct(StringComparer.Ordinal)];
        optionIndex = Options.Select((o, i) => (o, i)).ToDictionary(x => x.o, x => x.i, StringComparer.Ordinal);
        rankById = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var compiled = new CompiledRule[rules.Count];
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            try
            {
                var (truth, backend) = interpret
                    ? (TruthCompiler.Interpreted(rule.When, optionIndex), TruthCompiler.Backend.Interpreter)
                    : TruthCompiler.Compile(rule.When, optionIndex, Options);
                compiled[i] = new CompiledRule(rule, i, optionIndex[rule.Option], truth, backend);
            }
            catch (InvalidOperationException ex)
            {
                throw new InvalidOperationException($"Rule '{rule.Id}' ({rule.SourceFile}:{rule.SourceLine}) could not be compiled.", ex);
            }
        }

        Rules = compiled;
        order = ChainOrder(compiled);
        Planner = new LesionPlanner(ruleSet.Schedules);
    }

    /// <summary>The rule set.</summary>
    public RuleSet RuleSet { get; }

    /// <summary>The rules in output order (index = rank).</summary>
    public IReadOnlyList<CompiledRule> Rules { get; }

    /// <summary>The distinct option codes, by index.</summary>
    public IReadOnlyList<string> Options { get; }

    /// <summary>The rule set's dose schedule tables, prepared for planning per lesion.</summary>
    public LesionPlanner Planner { get; }

    /// <summary>The classifier, for <see cref="IOligoDecideEngine.Classify"/>.</summary>
    public OligometastaticClassifier Classifier => classifier;

    /// <summary>The rank of a rule id, or -1.</summary>
    public int RankOf(string ruleId) => rankById.TryGetValue(ruleId, out var rank) ? rank : -1;

    /// <summary>The index of an option code, or -1.</summary>
    public int OptionOf(string option) => optionIndex.TryGetValue(option, out var index) ? index : -1;

    /// <summary>
    /// Classifies, derives the facts, then decides every rule once in chain order with its compiled
    /// condition; rules that are true or unknown are also traced by the interpreter (for <c>because</c> and
    /// <c>couldApply</c>), and the trace's truth must equal the compiled one.
    /// </summary>
    /// <exception cref="InvalidOperationException">The compiled condition and the interpreter disagree (a bug; no patient data in the message).</exception>
    public Evaluation Evaluate(Patient patient)
    {
        var classification = classifier.Classify(patient);
        var facts = PatientFactsBuilder.Build(patient, classification);
        var options = new Truth[Options.Count];
        var truths = new Truth[Rules.Count];
        var traces = new ConditionTrace?[Rules.Count];
        Decide(facts, truths, options, traces);
        return new Evaluation(this, patient, classification, facts, truths, options, traces);
    }

    /// <summary>
    /// The options-only path: every rule's truth without traces, so without <c>because</c> or <c>couldApply</c>
    /// (benchmarks measure it against hand-written C#; the decision always takes <see cref="Evaluate"/>).
    /// </summary>
    internal Truth[] DecideOnly(Patient patient)
    {
        var facts = PatientFactsBuilder.Build(patient, classifier.Classify(patient));
        var truths = new Truth[Rules.Count];
        Decide(facts, truths, new Truth[Options.Count], null);
        return truths;
    }

    /// <summary>Decides every rule in chain order into <paramref name="truths"/> (by rank); traces true and unknown rules when <paramref name="traces"/> is given.</summary>
    private void Decide(PatientFacts facts, Truth[] truths, Truth[] options, ConditionTrace?[]? traces)
    {
        Array.Fill(options, Truth.False);
        Func<string, Truth>? suggested = null;
        foreach (var rule in order)
        {
            var truth = rule.Truth(facts, options);
            truths[rule.Rank] = truth;
            if (truth == Truth.False)
            {
                continue;
            }

            if (traces is not null)
            {
                suggested ??= o => options[optionIndex[o]];
                var trace = ThreeValued.Evaluate(rule.Rule.When, facts, suggested);
                if (trace.Truth != truth)
                {
                    throw new InvalidOperationException($"Rule '{rule.Rule.Id}': the compiled condition says {truth}, the interpreter {trace.Truth}.");
                }

                traces[rule.Rank] = trace;
            }

            if (truth == Truth.True)
            {
                options[rule.Option] = Truth.True;
            }
            else if (options[rule.Option] == Truth.False)
            {
                options[rule.Option] = Truth.Unknown;
            }
        }
    }

    /// <summary>Orders rules so that a rule that chains on an option comes after the rules that suggest it.</summary>
    private static CompiledRule[] ChainOrder(IReadOnlyList<CompiledRule> rules)
    {
        var byOption = rules.ToLookup(r => r.Rule.Option, StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<CompiledRule>();
        void Visit(CompiledRule r)
        {
            if (done.Contains(r.Rule.Id) || !visiting.Add(r.Rule.Id))
            {
                return;
            }

            foreach (var option in ConditionTree.Suggested(r.Rule.When).SelectMany(s => s.Options))
            {
                foreach (var dep in byOption[option])
                {
                    Visit(dep);
                }
            }

            visiting.Remove(r.Rule.Id);
            done.Add(r.Rule.Id);
            order.Add(r);
        }

        foreach (var r in rules)
        {
            Visit(r);
        }

        return [.. order];
    }
}
