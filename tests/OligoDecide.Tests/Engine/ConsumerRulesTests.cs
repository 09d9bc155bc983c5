using Microsoft.Extensions.DependencyInjection;
using NRules.Fluent.Dsl;
using OligoDecide.DependencyInjection;
using OligoDecide.Engine;
using OligoDecide.Model;
using OligoDecide.Rules;
using OligoDecide.Tests.Rules;

namespace OligoDecide.Tests.Engine;

/// <summary>A consumer's NRules.Fluent rule: matches the facts and a suggestion the rule set made (chaining on it).</summary>
public sealed class EcogOneAfterEqEcog : NRules.Fluent.Dsl.Rule
{
    public override void Define()
    {
        FactValues facts = null!;
        Suggestion suggestion = null!;
        Patient patient = null!;
        When()
            .Match(() => facts, f => Equals(f["ecog"], 1))
            .Match(() => suggestion, s => s.Option == "eq-ecog")
            .Match(() => patient, p => p.AgeYears == null);
        Then().Do(ctx => ctx.Insert(new CustomSuggestion("consumer-ecog-one", RuleKind.Caution, "local-ecog-pathway", "Local pathway", "Our own pathway; no catalogue evidence.")));
    }
}

/// <summary>A second consumer rule that chains on the first one's custom suggestion.</summary>
public sealed class AfterConsumerEcog : NRules.Fluent.Dsl.Rule
{
    public override void Define()
    {
        CustomSuggestion first = null!;
        When().Match(() => first, c => c.Option == "local-ecog-pathway");
        Then().Do(ctx => ctx.Insert(new CustomSuggestion("consumer-chained", RuleKind.Option, "local-follow-up", "Local follow-up", "Chained on our own rule.")));
    }
}

public sealed class ConsumerRulesTests
{
    private static IEnumerable<NRules.RuleModel.IRuleDefinition> FluentRules()
    {
        var repository = new NRules.Fluent.RuleRepository();
        repository.Load(x => x.From(typeof(EcogOneAfterEqEcog)));
        repository.Load(x => x.From(typeof(AfterConsumerEcog)));
        return repository.GetRuleSets().SelectMany(s => s.Rules);
    }

    [Test]
    public void Evaluate_FluentConsumerRules_MatchFactsAndSuggestionsAndChain()
    {
        using var folder = new RuleSetFolder(ConstructRuleSet.Yaml);
        var engine = new OligoDecideEngine(folder.Load().GetOrThrow(), null, FluentRules());

        var matching = engine.Evaluate(ConstructRuleSet.Patient(ecog: 1));
        Assert.That(matching.Suggestions.Select(s => s.Rule), Does.Contain("consumer-ecog-one").And.Contain("consumer-chained").And.Contain("eq-ecog"));
        Assert.That(matching.Suggestions.Single(s => s.Rule == "consumer-ecog-one").Evidence, Is.Empty);

        // ecog 2: eq-ecog does not fire and the fact does not match, so neither consumer rule fires.
        var other = engine.Evaluate(ConstructRuleSet.Patient(ecog: 2));
        Assert.That(other.Suggestions.Select(s => s.Rule), Does.Not.Contain("consumer-ecog-one").And.Not.Contain("consumer-chained"));

        // Unknown ecog: the fact value is null, never a default 0; the consumer rule stays silent.
        Assert.That(engine.Evaluate(ConstructRuleSet.Patient()).Suggestions.Select(s => s.Rule), Does.Not.Contain("consumer-ecog-one"));
    }

    [Test]
    public void AddOligoDecide_AddRulesFromAssembly_ConsumerRulesRunAndSurviveReload()
    {
        using var folder = new RuleSetFolder(ConstructRuleSet.Yaml);
        using var provider = new ServiceCollection()
            .AddOligoDecide(o => o.AddRulesFrom(typeof(EcogOneAfterEqEcog).Assembly).RulesDirectory = folder.Path)
            .BuildServiceProvider();
        var engine = provider.GetRequiredService<IOligoDecideEngine>();
        var reloading = provider.GetRequiredService<ReloadingEngine>();
        var patient = ConstructRuleSet.Patient(ecog: 1);
        Assert.That(engine.Evaluate(patient).Suggestions.Select(s => s.Rule), Does.Contain("consumer-chained"));

        File.WriteAllText(System.IO.Path.Combine(folder.Path, "zz.yaml"), "rules:\n" + RuleSetFolder.Rule("zz-new", "- fact: ecog\n  equals: 1"));
        Assert.That(reloading.Reload(), Is.EqualTo(RuleSetReloadOutcome.Replaced));

        var after = engine.Evaluate(patient);
        Assert.Multiple(() =>
        {
            Assert.That(after.Suggestions.Select(s => s.Rule), Does.Contain("zz-new"), "the new rule set serves");
            Assert.That(after.Suggestions.Select(s => s.Rule), Does.Contain("consumer-ecog-one").And.Contain("consumer-chained"), "the consumer rules survived the reload");
        });
    }

    [Test]
    public void AddOligoDecide_VerifyWithNRules_EngineVerifies()
    {
        using var provider = new ServiceCollection().AddOligoDecide(o => o.VerifyWithNRules = true).BuildServiceProvider();
        var engine = provider.GetRequiredService<ReloadingEngine>();
        Assert.That(engine.Evaluate(ConstructRuleSet.Patient(ecog: 1)).RuleSet.Id, Is.EqualTo("oligodecide-default"));
        Assert.That(engine.VerifiesWithNRules, Is.True);
    }
}
