using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OligoDecide.DependencyInjection;
using OligoDecide.Documents;
using OligoDecide.Engine;
using OligoDecide.Model;

namespace OligoDecide.Tests.DependencyInjection;

public sealed class AddOligoDecideTests
{
    private const string AlwaysRule = """
        rules:
          - id: zz-always
            kind: caution
            option: zz-always
            title: Test rule that fires for every decided case
            text: Test only.
            evidence: [guckenberger-2020-estro-eortc]
            when:
              - fact: classification.decided
                equals: true
        """;

    private string dir = null!;

    [SetUp]
    public void SetUp()
    {
        dir = Path.Combine(Path.GetTempPath(), "oligodecide-di-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(Path.Combine(RepoPaths.Root, "rules"), "*.yaml"))
        {
            File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        }
    }

    [TearDown]
    public void TearDown() => Directory.Delete(dir, recursive: true);

    [Test]
    public void AddOligoDecide_Default_ResolvesSingletonEngineOnEmbeddedRules()
    {
        using var provider = new ServiceCollection().AddOligoDecide().BuildServiceProvider();
        var engine = provider.GetRequiredService<IOligoDecideEngine>();
        Assert.Multiple(() =>
        {
            Assert.That(provider.GetRequiredService<IOligoDecideEngine>(), Is.SameAs(engine));
            Assert.That(engine.RuleSet.Info.Id, Is.EqualTo("oligodecide-default"));
            Assert.That(engine.Evaluate(Patient()).ActiveOptions, Does.Contain("mdt-discussion"));
        });
    }

    [Test]
    public void AddOligoDecide_MissingFolder_FailsStartValidation()
    {
        using var provider = new ServiceCollection().AddOligoDecide(o => o.RulesDirectory = Path.Combine(dir, "nope")).BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.That(ex!.Message, Does.Contain("RulesDirectory does not exist."));
    }

    [Test]
    public void AddOligoDecide_InvalidRuleSet_FailsStartValidation()
    {
        File.WriteAllText(Path.Combine(dir, "broken.yaml"), "rules: [ { id: x } ]");
        using var provider = new ServiceCollection().AddOligoDecide(o => o.RulesDirectory = dir).BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.That(ex!.Message, Does.Contain("does not load"));
        Assert.That(ex.Message, Does.Contain("broken.yaml:1:"), "the start-up failure lists the rule set's errors with file:line:col");
    }

    [Test]
    public void AddOligoDecide_WatchWithoutFolder_FailsStartValidation()
    {
        using var provider = new ServiceCollection().AddOligoDecide(o => o.WatchForChanges = true).BuildServiceProvider();
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    [Test]
    public async Task Watch_ValidEdit_SwapsToNewVersion()
    {
        using var provider = Watching();
        var engine = provider.GetRequiredService<IOligoDecideEngine>();
        var reloading = provider.GetRequiredService<IReloadingOligoDecideEngine>();
        Assert.That(reloading, Is.SameAs(engine), "the public reload interface is the registered engine");
        Assert.That(engine.RuleSet.Info.Version, Is.EqualTo("0.2.0"));

        var swapped = Next(reloading, RuleSetReloadOutcome.Replaced);
        File.WriteAllText(Path.Combine(dir, "ruleset.yaml"), File.ReadAllText(Path.Combine(dir, "ruleset.yaml")).Replace("version: 0.2.0", "version: 0.3.0", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(dir, "zz.yaml"), AlwaysRule);
        var replaced = await swapped;

        var decision = engine.Evaluate(Patient());
        Assert.Multiple(() =>
        {
            Assert.That(replaced.Previous.Version, Is.EqualTo("0.2.0"));
            Assert.That(replaced.Serving, Is.EqualTo(decision.RuleSet));
            Assert.That(decision.RuleSet.Version, Is.EqualTo("0.3.0"));
            Assert.That(decision.ActiveOptions, Does.Contain("zz-always"));
        });
    }

    [Test]
    public async Task Watch_InvalidEdit_KeepsServingLastGoodSet()
    {
        using var provider = Watching();
        var engine = provider.GetRequiredService<IOligoDecideEngine>();
        var reloading = provider.GetRequiredService<IReloadingOligoDecideEngine>();
        var before = engine.RuleSet.Info.Sha256;

        var attempted = Next(reloading, RuleSetReloadOutcome.Rejected);
        File.WriteAllText(Path.Combine(dir, "zz.yaml"), "rules:\n  - id: zz\n    kind: nonsense\n");
        var rejected = await attempted;

        var decision = engine.Evaluate(Patient());
        Assert.Multiple(() =>
        {
            Assert.That(rejected.Serving.Sha256, Is.EqualTo(before));
            Assert.That(rejected.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.Source), Has.Member("zz.yaml"), "the event says what stopped the load");
            Assert.That(decision.RuleSet.Sha256, Is.EqualTo(before));
            Assert.That(decision.ActiveOptions, Does.Contain("mdt-discussion"));
        });
    }

    [Test]
    public void Reload_UnderConcurrentEvaluation_NoDecisionMixesTwoRuleSets()
    {
        using var provider = new ServiceCollection().AddOligoDecide(o => o.RulesDirectory = dir).BuildServiceProvider();
        var engine = provider.GetRequiredService<ReloadingEngine>();
        var shaWithout = engine.RuleSet.Info.Sha256;
        var patient = Patient();
        var torn = 0;
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, byte>();
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var d = engine.Evaluate(patient);
                seen.TryAdd(d.RuleSet.Sha256, 0);
                var hasRule = d.Suggestions.Any(s => s.Rule == "zz-always");
                if (hasRule == (d.RuleSet.Sha256 == shaWithout))
                {
                    Interlocked.Increment(ref torn);
                }
            }
        })).ToArray();

        for (var i = 0; i < 6; i++)
        {
            var path = Path.Combine(dir, "zz.yaml");
            if (i % 2 == 0)
            {
                File.WriteAllText(path, AlwaysRule);
            }
            else
            {
                File.Delete(path);
            }

            Assert.That(engine.Reload(), Is.EqualTo(RuleSetReloadOutcome.Replaced), $"reload {i} should swap");
        }

        stop.Cancel();
        Task.WaitAll(readers);
        Assert.Multiple(() =>
        {
            Assert.That(torn, Is.Zero);
            Assert.That(seen.Count, Is.EqualTo(2), "readers saw both rule sets");
        });
    }

    /// <summary>
    /// A rule file written in two parts with a pause longer than the quiet period between them: the first part is a
    /// valid rule set with fewer rules. It must never be served; the whole file is.
    /// </summary>
    [Test]
    public async Task Watch_FileWrittenInTwoPartsWithAPause_NeverServesTheFirstPart()
    {
        using var provider = Watching(TimeSpan.FromMilliseconds(400));
        var reloading = provider.GetRequiredService<ReloadingEngine>();
        var before = reloading.RuleSet.Rules.Count;
        var counts = new System.Collections.Concurrent.ConcurrentQueue<int>();
        reloading.Reloaded += (_, e) =>
        {
            if (e.Outcome == RuleSetReloadOutcome.Replaced)
            {
                counts.Enqueue(reloading.RuleSet.Rules.Count);
            }
        };
        var second = AlwaysRule.Replace("zz-always", "zz-second", StringComparison.Ordinal).Replace("rules:\n", string.Empty, StringComparison.Ordinal);
        var swappedOnce = Next(reloading, RuleSetReloadOutcome.Replaced);
        var path = Path.Combine(dir, "zz.yaml");
        await using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite))
        {
            await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(AlwaysRule + "\n"));
            await stream.FlushAsync();
            await Task.Delay(550); // longer than the 400 ms quiet period (a plain debounce loads the first part), shorter than two
            await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(second + "\n"));
        }

        await swappedOnce;
        await Task.Delay(1000);
        Assert.Multiple(() =>
        {
            Assert.That(counts, Is.EqualTo(new[] { before + 2 }), "one swap, to the whole file");
            Assert.That(reloading.RuleSet.Rules.Select(r => r.Id), Does.Contain("zz-second"));
        });
    }

    [Test]
    public async Task Watch_FolderReplacedWithMv_ReloadsTheNewFolder()
    {
        using var provider = Watching();
        var reloading = provider.GetRequiredService<ReloadingEngine>();
        var staged = dir + "-new";
        Directory.CreateDirectory(staged);
        foreach (var f in Directory.GetFiles(dir))
        {
            File.Copy(f, Path.Combine(staged, Path.GetFileName(f)));
        }

        File.WriteAllText(Path.Combine(staged, "zz.yaml"), AlwaysRule);
        var swapped = Next(reloading, RuleSetReloadOutcome.Replaced);
        Directory.Move(dir, dir + "-old");
        Directory.Move(staged, dir);
        try
        {
            await swapped;
            Assert.That(reloading.RuleSet.Rules.Select(r => r.Id), Does.Contain("zz-always"));

            // And it keeps following the new folder.
            var again = Next(reloading, RuleSetReloadOutcome.Replaced);
            File.WriteAllText(Path.Combine(dir, "zz.yaml"), AlwaysRule.Replace("zz-always", "zz-later", StringComparison.Ordinal));
            await again;
            Assert.That(reloading.RuleSet.Rules.Select(r => r.Id), Does.Contain("zz-later"));
        }
        finally
        {
            Directory.Delete(dir + "-old", recursive: true);
        }
    }

    private ServiceProvider Watching(TimeSpan? quiet = null) => new ServiceCollection()
        .AddOligoDecide(o =>
        {
            o.RulesDirectory = dir;
            o.WatchForChanges = true;
            o.ReloadDelay = quiet ?? TimeSpan.FromMilliseconds(100);
        })
        .BuildServiceProvider();

    [Test]
    public void Reload_Unchanged_IsReportedAsSuch()
    {
        using var provider = new ServiceCollection().AddOligoDecide(o => o.RulesDirectory = dir).BuildServiceProvider();
        var engine = provider.GetRequiredService<IReloadingOligoDecideEngine>();
        var seen = new List<RuleSetReloadedEventArgs>();
        engine.Reloaded += (_, e) => seen.Add(e);

        var outcome = engine.Reload();

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(RuleSetReloadOutcome.Unchanged));
            Assert.That(seen.Select(e => e.Outcome), Is.EqualTo(new[] { RuleSetReloadOutcome.Unchanged }));
            Assert.That(seen[0].Serving, Is.EqualTo(seen[0].Previous));
        });
    }

    private static Task<RuleSetReloadedEventArgs> Next(IReloadingOligoDecideEngine engine, RuleSetReloadOutcome expected)
    {
        var tcs = new TaskCompletionSource<RuleSetReloadedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        engine.Reloaded += (_, e) =>
        {
            if (e.Outcome == expected)
            {
                tcs.TrySetResult(e);
            }
        };
        return tcs.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    private static Patient Patient() => PatientDocument.Load(Path.Combine(RepoPaths.Root, "seeds", "patients", "metachronous-oligorecurrence-controlled.yaml")).GetPatientOrThrow();
}
