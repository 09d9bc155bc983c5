using OligoDecide.Engine;
using OligoDecide.Rules;

namespace OligoDecide.DependencyInjection;

/// <summary>What a rule set reload attempt did.</summary>
public enum RuleSetReloadOutcome
{
    /// <summary>The folder loaded whole and differs: the new set serves from now on.</summary>
    Replaced,

    /// <summary>The folder loaded whole with the same content (sha256): nothing changed.</summary>
    Unchanged,

    /// <summary>The folder did not load (see <see cref="RuleSetReloadedEventArgs.Findings"/>) or could not be read: the last good set keeps serving.</summary>
    Rejected,
}

/// <summary>The outcome of one reload attempt of the engine that <see cref="OligoDecideServiceCollectionExtensions.AddOligoDecide"/> registers.</summary>
/// <param name="outcome">Replaced, unchanged or rejected.</param>
/// <param name="serving">The rule set serving after the attempt.</param>
/// <param name="previous">The rule set that served before the attempt.</param>
/// <param name="findings">The errors and warnings of the load (file:line:col); empty when the folder could not be read at all.</param>
public sealed class RuleSetReloadedEventArgs(RuleSetReloadOutcome outcome, RuleSetInfo serving, RuleSetInfo previous, IReadOnlyList<Finding> findings) : EventArgs
{
    /// <summary>Replaced, unchanged or rejected.</summary>
    public RuleSetReloadOutcome Outcome { get; } = outcome;

    /// <summary>The rule set (id, version, sha256) serving after the attempt.</summary>
    public RuleSetInfo Serving { get; } = serving;

    /// <summary>The rule set that served before the attempt.</summary>
    public RuleSetInfo Previous { get; } = previous;

    /// <summary>The errors and warnings of the load.</summary>
    public IReadOnlyList<Finding> Findings { get; } = findings;
}

/// <summary>
/// The engine registered by <see cref="OligoDecideServiceCollectionExtensions.AddOligoDecide"/>: an
/// <see cref="IOligoDecideEngine"/> that can reload its rule set (when
/// <see cref="OligoDecideOptions.WatchForChanges"/> is set, on every change of the folder) and says what each
/// attempt did. Resolve it from the container to observe reloads in code.
/// </summary>
public interface IReloadingOligoDecideEngine : IOligoDecideEngine
{
    /// <summary>
    /// Raised after each reload attempt, on the thread that made it (the file watcher's timer, or the
    /// caller of <see cref="Reload"/>). A handler must not block; an exception from a handler is not caught.
    /// </summary>
    event EventHandler<RuleSetReloadedEventArgs>? Reloaded;

    /// <summary>Loads the rules folder now and swaps to it only if it loads whole. Returns the outcome, also raised as <see cref="Reloaded"/>.</summary>
    RuleSetReloadOutcome Reload();
}
