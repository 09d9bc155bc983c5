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
}
