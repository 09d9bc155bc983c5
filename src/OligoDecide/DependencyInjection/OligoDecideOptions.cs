using System.Reflection;
using NRules.RuleModel;
using OligoDecide.Classification;

namespace OligoDecide.DependencyInjection;

/// <summary>Options for <see cref="OligoDecideServiceCollectionExtensions.AddOligoDecide"/>.</summary>
public sealed class OligoDecideOptions
{
    /// <summary>A rule set folder; null (the default) uses the rule set embedded in the library.</summary>
    public string? RulesDirectory { get; set; }

    /// <summary>
    /// Reload the rule set when a file in <see cref="RulesDirectory"/> changes. A new set replaces the
    /// old one atomically, and only if it loads whole; otherwise the last good set keeps serving.
    /// Default false. Requires <see cref="RulesDirectory"/>.
    /// </summary>
    public bool WatchForChanges { get; set; }

    /// <summary>
    /// The quiet period: after a change the folder is read again once nothing has changed for this long, and the
    /// set is reloaded only when two such reads, this far apart, are identical (a file still being written is
    /// never served half). Default 300 ms; a writer that pauses longer mid-file needs a longer period.
    /// </summary>
    public TimeSpan ReloadDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// Classification limits (section <c>Classification</c>: <c>MaxLesions</c>, <c>MaxOrgans</c>,
    /// <c>SynchronousWindowMonths</c>). Each options instance owns a fresh copy with the defaults, so
    /// binding configuration into it changes this host's engine only.
    /// </summary>
    public ClassificationOptions Classification { get; set; } = new();

    /// <summary>
    /// Verification mode: every evaluation also runs the NRules compilation of the rule set and throws
    /// <see cref="Engine.EngineVerificationException"/> when it disagrees with the evaluator (no patient data in
    /// the message). Slower; default false.
    /// </summary>
    public bool VerifyWithNRules { get; set; }

    private readonly List<IRuleDefinition> consumerRules = [];

    /// <summary>The consumer's own NRules rules registered so far.</summary>
    internal IReadOnlyList<IRuleDefinition> ConsumerRules => consumerRules;

    /// <summary>
    /// Registers your own NRules rules (built with <c>RuleBuilder</c>, or taken from an NRules.Fluent
    /// <c>RuleRepository</c>). After the rule set has decided, they run in an NRules session per patient that
    /// receives the <see cref="Model.Patient"/>, the <see cref="ClassificationResult"/>, the
    /// <see cref="Engine.FactValues"/> and every <see cref="Engine.Suggestion"/> as facts; each
    /// <see cref="Engine.CustomSuggestion"/> they insert joins the decision. They are compiled once and survive
    /// rule set reloads.
    /// </summary>
    /// <returns>These options, for chaining.</returns>
    public OligoDecideOptions AddRules(IEnumerable<IRuleDefinition> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        consumerRules.AddRange(rules);
        return this;
    }

    /// <summary>
    /// Registers every NRules.Fluent rule class (<c>NRules.Fluent.Dsl.Rule</c>) of an assembly, as
    /// <see cref="AddRules(IEnumerable{IRuleDefinition})"/> does.
    /// </summary>
    /// <returns>These options, for chaining.</returns>
    public OligoDecideOptions AddRulesFrom(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var repository = new NRules.Fluent.RuleRepository();
        repository.Load(x => x.From(assembly));
        return AddRules(repository.GetRuleSets().SelectMany(s => s.Rules));
    }
}
