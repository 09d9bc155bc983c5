namespace OligoDecide.Documents;

/// <summary>
/// Bounds on any YAML or JSON document OligoDecide reads, so that an oversized or hostile
/// document fails fast with a clear error instead of exhausting memory or time.
/// </summary>
public sealed record DocumentLimits
{
    /// <summary>The defaults: 1 MiB, depth 32, 50 aliases, 100,000 nodes (aliases expanded).</summary>
    public static DocumentLimits Default { get; } = new();

    /// <summary>Largest accepted document in bytes. Default 1 MiB (1,048,576).</summary>
    public long MaxBytes { get; init; } = 1024 * 1024;

    /// <summary>Deepest accepted nesting of mappings and sequences. Default 32.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Most alias references (<c>*name</c>) accepted in one document. Default 50.</summary>
    public int MaxAliases { get; init; } = 50;

    /// <summary>Most nodes in one document, counting every alias as the node tree it stands for. Default 100,000.</summary>
    public int MaxNodes { get; init; } = 100_000;
}
