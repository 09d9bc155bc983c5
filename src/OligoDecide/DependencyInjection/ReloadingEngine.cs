using Microsoft.Extensions.Logging;
using OligoDecide.Classification;
using OligoDecide.Engine;
using OligoDecide.Model;
using OligoDecide.Rules;

namespace OligoDecide.DependencyInjection;

/// <summary>
/// The engine behind dependency injection: serves one compiled <see cref="OligoDecideEngine"/> and,
/// when watching, swaps in a newly loaded one atomically. Each call reads the current engine once,
/// so a call never mixes two rule sets; every decision names the rule set (version, sha256) it came from.
/// Logs rule set loads and errors (file:line:col), never patient data.
/// </summary>
internal sealed partial class ReloadingEngine : IOligoDecideEngine, IDisposable
{
    private readonly OligoDecideOptions options;
    private readonly ILogger logger;
    private readonly FileSystemWatcher? watcher;
    private readonly Lock reloadLock = new();
    private Timer? timer;
    private OligoDecideEngine current;

    public ReloadingEngine(OligoDecideOptions options, ILogger logger)
    {
        this.options = options;
        this.logger = logger;
        current = Build(Load() ?? throw new InvalidOperationException("The rule set did not load; see the logged findings."));
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

    /// <summary>Raised after each reload attempt with whether the new set was taken.</summary>
    public event EventHandler<bool>? Reloaded;

    public RuleSet RuleSet => Volatile.Read(ref current).RuleSet;

    /// <summary>The engine serving now: a caller that needs a decision and the rule set it came from uses this one engine for both.</summary>
    internal OligoDecideEngine Current => Volatile.Read(ref current);

    public ClassificationResult Classify(Patient patient) => Volatile.Read(ref current).Classify(patient);

    public Decision Evaluate(Patient patient) => Volatile.Read(ref current).Evaluate(patient);

    public IReadOnlyList<ExplainedCondition> Explain(string ruleId, Patient patient) => Volatile.Read(ref current).Explain(ruleId, patient);

    /// <summary>Loads the folder now; swaps only if it loads whole. Returns whether it swapped.</summary>
    public bool Reload()
    {
        lock (reloadLock)
        {
            var loaded = Load();
            if (loaded is null)
            {
                LogKept(logger, Volatile.Read(ref current).RuleSet.Info.Version, Volatile.Read(ref current).RuleSet.Info.Sha256);
                Reloaded?.Invoke(this, false);
                return false;
            }

            if (loaded.Info.Sha256 == Volatile.Read(ref current).RuleSet.Info.Sha256)
            {
                Reloaded?.Invoke(this, false);
                return false;
            }

            Volatile.Write(ref current, Build(loaded));
            Reloaded?.Invoke(this, true);
            return true;
        }
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
            Reloaded?.Invoke(this, false);
        }
    }

    private RuleSet? Load()
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

        return result.RuleSet;
    }

    private OligoDecideEngine Build(RuleSet ruleSet) => new(ruleSet, options.Classification);

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
