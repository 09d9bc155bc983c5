namespace OligoDecide.Classification;

/// <summary>
/// The numeric limits of the classification. The defaults are those of the EORTC lung cancer
/// consensus on synchronous oligometastatic NSCLC (Dingemans et al., J Thorac Oncol 2019): at most
/// 5 metastases in at most 3 organs; and the 6-month synchronous window used with the ESTRO/EORTC
/// 2020 classification.
/// </summary>
public sealed record ClassificationOptions
{
    /// <summary>
    /// The defaults: 5 lesions, 3 organs, 6 months. A fresh instance on every read, so that nothing
    /// (e.g. configuration binding, which sets init-only properties by reflection) can change the
    /// defaults another engine in the same process uses.
    /// </summary>
    public static ClassificationOptions Default => new();

    /// <summary>Most countable lesions that are still oligometastatic. Default 5.</summary>
    public int MaxLesions { get; init; } = 5;

    /// <summary>Most distinct organs that are still oligometastatic. Default 3.</summary>
    public int MaxOrgans { get; init; } = 3;

    /// <summary>Calendar months after the primary diagnosis within which metastases are synchronous. Default 6.</summary>
    public int SynchronousWindowMonths { get; init; } = 6;
}
