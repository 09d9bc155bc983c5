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
    private readonly FileSystemWatcher? parentWatcher;
    private readonly Lock reloadLock = new();
    private FileSystemWatcher? watcher;
    private readonly ConsumerRules? consumerRules;
    private Timer? timer;
    private OligoDecideEngine current;

    /// <summary>The folder's content (names and bytes) seen at the last tick, waiting to be seen again unchanged.</summary>
    private string? pending;

    public ReloadingEngine(OligoDecideOptions options, ILogger logger)
    {
        this.options = options;
        this.logger = logger;
        // The consumer's own NRules rules do not depend on the rule set: compiled once, they serve every reload.
        consumerRules = ConsumerRules.Create(options.ConsumerRules);
        current = Build(Load().RuleSet ?? throw new InvalidOperationException("The rule set did not load; see the logged findings."));
        if (options.WatchForChanges && options.RulesDirectory is not null)
        {
            watcher = WatchFolder(options.RulesDirectory);

            // A folder replaced as a whole (a new one moved into place with mv, as deployments do) is a new
            // directory: the watcher above still watches the old one. Watch the parent for the folder's name
            // and start over on the new folder.
            var full = Path.GetFullPath(options.RulesDirectory).TrimEnd(Path.DirectorySeparatorChar);
            if (Path.GetDirectoryName(full) is { } parent && Directory.Exists(parent))
            {
                parentWatcher = new FileSystemWatcher(parent, Path.GetFileName(full)) { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.DirectoryName };
                parentWatcher.Created += (_, _) => Rewatch();
                parentWatcher.Renamed += (_, _) => Rewatch();
                parentWatcher.Deleted += (_, _) => Schedule();
                parentWatcher.EnableRaisingEvents = true;
            }
        }
    }

    private FileSystemWatcher WatchFolder(string directory)
    {
        var w = new FileSystemWatcher(directory) { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size };
        w.Changed += (_, _) => Schedule();
        w.Created += (_, _) => Schedule();
        w.Deleted += (_, _) => Schedule();
        w.Renamed += (_, _) => Schedule();
        w.EnableRaisingEvents = true;
        return w;
    }

    private void Rewatch()
    {
        lock (reloadLock)
        {
            if (options.RulesDirectory is { } dir && Directory.Exists(dir))
            {
                watcher?.Dispose();
                try
                {
                    watcher = WatchFolder(dir);
                }
                catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
                {
                    LogReloadFailed(logger, ex.GetType().Name);
                }
            }
        }

        Schedule();
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
    public RuleSetReloadOutcome Reload() => Reload(null) ?? RuleSetReloadOutcome.Unchanged;

    /// <summary>As <see cref="Reload()"/>; with <paramref name="expected"/>, null (nothing done) when the folder no longer reads as that content.</summary>
    private RuleSetReloadOutcome? Reload(string? expected)
    {
        lock (reloadLock)
        {
            var previous = Volatile.Read(ref current).RuleSet.Info;
            var result = Load();
            if (expected is not null && Fingerprint() != expected)
            {
                LogUnsettled(logger);
                return null;
            }

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

    /// <summary>
    /// A watched change: reload only once the folder has read the same twice, one quiet period
    /// (<see cref="OligoDecideOptions.ReloadDelay"/>) apart, and the set loaded still matches that content;
    /// a file still being written is never served half.
    /// </summary>
    private void SafeReload()
    {
        try
        {
            lock (reloadLock)
            {
                var seen = Fingerprint();
                if (seen != pending)
                {
                    pending = seen;
                    timer?.Change(options.ReloadDelay, Timeout.InfiniteTimeSpan);
                    return;
                }
            }

            if (Reload(pending) is null)
            {
                // The folder changed while it was loading: wait for it to settle again.
                Schedule();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            LogReloadFailed(logger, ex.GetType().Name);
            var serving = Volatile.Read(ref current).RuleSet.Info;
            Raise(RuleSetReloadOutcome.Rejected, serving, []);
        }
    }

    /// <summary>The names and bytes of the folder's rule files, hashed; empty when the folder cannot be read.</summary>
    private string Fingerprint()
    {
        if (options.RulesDirectory is not { } dir || !Directory.Exists(dir))
        {
            return string.Empty;
        }

        try
        {
            using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
            foreach (var path in Directory.EnumerateFiles(dir).Where(p => p.EndsWith(".yaml", StringComparison.Ordinal) || p.EndsWith(".yml", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(path) + "\0"));
                hash.AppendData(File.ReadAllBytes(path));
                hash.AppendData([0]);
            }

            return Convert.ToHexString(hash.GetHashAndReset());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
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
        parentWatcher?.Dispose();
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

    [LoggerMessage(6, LogLevel.Warning, "The rule set folder changed while it was being loaded; the reload waits until it stays the same")]
    private static partial void LogUnsettled(ILogger logger);

    [LoggerMessage(5, LogLevel.Error, "Rule set reload failed ({Error}); the last good rule set keeps serving")]
    private static partial void LogReloadFailed(ILogger logger, string error);
}
