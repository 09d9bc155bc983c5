namespace OligoDecide;

/// <summary>
/// Thrown by the <c>…OrThrow</c> conveniences when a document (patient case or rule set) has errors.
/// Carries every finding of the load; the message lists them all, one per line.
/// </summary>
public sealed class InvalidDocumentException : Exception
{
    /// <summary>Creates the exception from the findings of one load.</summary>
    public InvalidDocumentException(IReadOnlyList<Finding> findings)
        : base(Format(findings))
    {
        Findings = findings;
    }

    /// <summary>Every finding of the failed load, errors first in document order.</summary>
    public IReadOnlyList<Finding> Findings { get; }

    private static string Format(IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var errors = findings.Count(f => f.Severity == Severity.Error);
        return $"{errors} error(s):{Environment.NewLine}" + string.Join(Environment.NewLine, findings.Select(f => "  " + f));
    }
}
