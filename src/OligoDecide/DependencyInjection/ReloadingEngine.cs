using Microsoft.Extensions.Logging;
using OligoDecide.Classification;
using OligoDecide.Engine;
using OligoDecide.Model;
using OligoDecide.Rules;

namespace OligoDecide.DependencyInjection;

/// <summary>
/// The engine behind dependency injection: serves one compiled <see cref="OligoDecideEngine"/> and,
/// when watching, swaps in a newly loaded one atomically. Each call reads the current engine once,
/// so a call never mixes two rule sets; every decision names the rule set (version, sha256) it came from and
/// carries the evaluation it was made from. The consumer's own NRules rules are compiled once and kept across reloads.
/// Logs rule set loads and errors (file:line:col), never patient data.
/// </summary>
internal sealed partial class ReloadingEngine : IReloadingOligoDecideEngine, IDisposable
{
    private readonly OligoDecideOptions options;
    private readonly ILogger logger;
    private readonly FileSystemWatcher? watcher;
    private readonly Lock reloadLock = new();
    private readonly ConsumerRules? consumerRules;
    private Timer? timer;
    private OligoDecideEngine current;

    public ReloadingEngine(OligoDecideOptions options, ILogger logger)
    {
        this.options = options;
        this.logger = logger;
        // The consumer's own NRules rules do not depend on the rule set: compiled once, they serve every reload.
        consumerRules = ConsumerRules.Create(options.ConsumerRules);
        current = Build(Load().RuleSet ?? throw new InvalidOperationException("The rule set did not load; see the logged findings."));
        if (options.WatchForChanges && options.RulesDirectory is not null)
        {
            watcher = new FileSystemWatcher(options.RulesDirectory) { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size };
            watcher.Changed += (_, _) => Schedule();
            watcher.Created += (_, _) => Schedule();
            watcher.Deleted += (_, _) => Schedule();
            watcher.Renamed += (_, _) => Schedule();
            watcher.EnableRaisingEvents = true;
        }
    }

    /// <inheritdoc />
    public event EventHandler<RuleSetReloadedEventArgs>? Reloaded;

    public RuleSet RuleSet => Volatile.Read(ref current).RuleSet;

    /// <summary>True when the engine runs in verification mode (<see cref="OligoDecideOptions.VerifyWithNRules"/>).</summary>
    internal bool VerifiesWithNRules => Volatile.Read(ref current).VerifiesWithNRules;

    public ClassificationResult Classify(Patient patient) => Volatile.Read(ref current).Classify(patient);

    public Decision Evaluate(Patient patient) => Volatile.Read(ref current).Evaluate(patient);

    public IReadOnlyList<ExplainedCondition> Explain(string ruleId, Patient patient) => Volatile.Read(ref current).Explain(ruleId, patient);

    /// <inheritdoc />
    public RuleSetReloadOutcome Reload()
    {
        lock (reloadLock)
        {
            var previous = Volatile.Read(ref current).RuleSet.Info;
            var result = Load();
            if (result.RuleSet is not { } loaded)
            {
                LogKept(logger, previous.Version, previous.Sha256);
                return Raise(RuleSetReloadOutcome.Rejected, previous, result.Findings);
            }

            if (loaded.Info.Sha256 == previous.Sha256)
            {
                return Raise(RuleSetReloadOutcome.Unchanged, previous, result.Findings);
            }

            Volatile.Write(ref current, Build(loaded));
            return Raise(RuleSetReloadOutcome.Replaced, previous, result.Findings);
        }
    }

    private RuleSetReloadOutcome Raise(RuleSetReloadOutcome outcome, RuleSetInfo previous, IReadOnlyList<Finding> findings)
    {
        var serving = Volatile.Read(ref current).RuleSet.Info;
        Diagnostics.OligoDecideTelemetry.Reloaded(outcome, serving);
        Reloaded?.Invoke(this, new RuleSetReloadedEventArgs(outcome, serving, previous, findings));
        return outcome;
    }

    private void Schedule()
    {
        lock (reloadLock)
        {
            timer ??= new Timer(_ => SafeReload(), null, Timeout.Infinite, Timeout.Infinite);
            timer.Change(options.ReloadDelay, Timeout.InfiniteTimeSpan);
        }
    }

    private void SafeReload()
    {
        try
        {
            Reload();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            LogReloadFailed(logger, ex.GetType().Name);
            var serving = Volatile.Read(ref current).RuleSet.Info;
            Raise(RuleSetReloadOutcome.Rejected, serving, []);
        }
    }

    private RuleSetLoadResult Load()
    {
        var result = options.RulesDirectory is null ? RuleSet.LoadDefaultWithFindings() : RuleSet.Load(options.RulesDirectory);
        foreach (var f in result.Findings)
        {
            if (f.Severity == Severity.Error)
            {
                LogFindingError(logger, f.ToString());
            }
            else
            {
                LogFindingWarning(logger, f.ToString());
            }
        }

        if (result.RuleSet is { } set)
        {
            LogLoaded(logger, set.Info.Id, set.Info.Version, set.Info.Sha256, set.Rules.Count);
        }

        return result;
    }

    private OligoDecideEngine Build(RuleSet ruleSet) => new(ruleSet, options.Classification, consumerRules, options.VerifyWithNRules);

    public void Dispose()
    {
        watcher?.Dispose();
        timer?.Dispose();
    }

    [LoggerMessage(1, LogLevel.Information, "Loaded rule set {Id} {Version} (sha256 {Sha256}) with {Count} rules")]
    private static partial void LogLoaded(ILogger logger, string id, string version, string sha256, int count);

    [LoggerMessage(2, LogLevel.Error, "Rule set error: {Finding}")]
    private static partial void LogFindingError(ILogger logger, string finding);

    [LoggerMessage(3, LogLevel.Warning, "Rule set warning: {Finding}")]
    private static partial void LogFindingWarning(ILogger logger, string finding);

    [LoggerMessage(4, LogLevel.Warning, "The edited rule set did not load; still serving version {Version} (sha256 {Sha256})")]
    private static partial void LogKept(ILogger logger, string version, string sha256);

    [LoggerMessage(5, LogLevel.Error, "Rule set reload failed ({Error}); the last good rule set keeps serving")]
    private static partial void LogReloadFailed(ILogger logger, string error);
}
