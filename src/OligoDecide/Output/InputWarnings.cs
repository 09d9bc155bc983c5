namespace OligoDecide.Output;

/// <summary>
/// What reading the input reported that belongs with the decision, written as the decision JSON's
/// <c>warnings</c> block: the reader's warnings (e.g. FHIR codes not mapped, facts left missing) and the
/// parts of the input it did not use (e.g. FHIR resources), each with the reason.
/// </summary>
/// <param name="Warnings">Warning findings of the reader, in the order found (errors never reach a decision).</param>
/// <param name="Ignored">Items not used, as item (e.g. <c>Observation/weight</c>) and reason.</param>
public sealed record InputWarnings(IReadOnlyList<Finding> Warnings, IReadOnlyList<KeyValuePair<string, string>> Ignored)
{
    /// <summary>Nothing to report (a patient document read without warnings).</summary>
    public static InputWarnings None { get; } = new([], []);
}
